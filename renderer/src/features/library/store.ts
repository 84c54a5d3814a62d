import { create } from 'zustand';
import type { AssetDetail, AssetSummary, GenerationDetail } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

const PAGE_SIZE = 200;

/** The drag type a library tile carries, so the reference tray can tell it from a desktop file. */
export const ASSET_DRAG_TYPE = 'application/x-atelier-asset';

interface LibraryState {
  /** Newest first. */
  assets: AssetSummary[];
  total: number;
  loaded: boolean;
  loadError: string | null;

  /** The image in the detail panel. */
  selectedId: string | null;
  detail: AssetDetail | null;
  detailError: string | null;
  /** A generation with no image (Gemini answered in words) shown in the same panel. */
  generationId: string | null;
  /** Generations fetched by id: the detail panel's text-only view and the queue's text answers. */
  generations: Record<string, GenerationDetail | undefined>;
  generationErrors: Record<string, string | undefined>;

  load(): Promise<void>;
  /** New assets from main (library.added, library.import). */
  addAssets(assets: AssetSummary[]): void;
  select(id: string): Promise<void>;
  openGeneration(id: string): Promise<void>;
  /** Fetches a generation once; later calls reuse it. */
  fetchGeneration(id: string): Promise<GenerationDetail | null>;
  closeDetail(): void;
}

const inFlight = new Map<string, Promise<GenerationDetail | null>>();

export const useLibraryStore = create<LibraryState>()((set, get) => ({
  assets: [],
  total: 0,
  loaded: false,
  loadError: null,
  selectedId: null,
  detail: null,
  detailError: null,
  generationId: null,
  generations: {},
  generationErrors: {},

  async load() {
    const res = await call('library.list', { limit: PAGE_SIZE });
    if (!res.ok) {
      set({ loadError: errorText(res), loaded: true });
      return;
    }
    // Assets added by events while the list was in flight stay on top.
    set((s) => {
      const listed = new Set(res.data.assets.map((a) => a.id));
      const early = s.assets.filter((a) => !listed.has(a.id));
      return {
        assets: [...early, ...res.data.assets],
        total: res.data.total + early.length,
        loaded: true,
        loadError: null,
      };
    });
  },

  addAssets(added) {
    set((s) => {
      const have = new Set(s.assets.map((a) => a.id));
      const fresh = added.filter((a) => !have.has(a.id)).sort((a, b) => b.createdAt - a.createdAt);
      if (fresh.length === 0) return s;
      return { assets: [...fresh, ...s.assets], total: s.total + fresh.length };
    });
  },

  async select(id) {
    if (get().selectedId === id && get().detail?.id === id) return;
    set({ selectedId: id, generationId: null, detail: null, detailError: null });
    const res = await call('library.get', { id });
    // The user may have moved on while this was loading.
    if (get().selectedId !== id) return;
    if (!res.ok) {
      set({ detailError: errorText(res) });
      return;
    }
    set({ detail: res.data });
  },

  async openGeneration(id) {
    set({ selectedId: null, detail: null, detailError: null, generationId: id });
    await get().fetchGeneration(id);
  },

  fetchGeneration(id) {
    const have = get().generations[id];
    if (have) return Promise.resolve(have);
    const pending = inFlight.get(id);
    if (pending) return pending;
    const p = call('generation.get', { id }).then((res) => {
      inFlight.delete(id);
      if (!res.ok) {
        set((s) => ({ generationErrors: { ...s.generationErrors, [id]: errorText(res) } }));
        return null;
      }
      set((s) => ({ generations: { ...s.generations, [id]: res.data }, generationErrors: { ...s.generationErrors, [id]: undefined } }));
      return res.data;
    });
    inFlight.set(id, p);
    return p;
  },

  closeDetail() {
    set({ selectedId: null, detail: null, detailError: null, generationId: null });
  },
}));
