import { create } from 'zustand';
import type { AssetDetail, AssetSummary } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

const PAGE_SIZE = 200;

interface LibraryState {
  /** Newest first. */
  assets: AssetSummary[];
  total: number;
  loaded: boolean;
  loadError: string | null;

  selectedId: string | null;
  detail: AssetDetail | null;
  detailError: string | null;

  load(): Promise<void>;
  /** New assets from main (library.added). */
  addAssets(assets: AssetSummary[]): void;
  select(id: string): Promise<void>;
  closeDetail(): void;
}

export const useLibraryStore = create<LibraryState>()((set, get) => ({
  assets: [],
  total: 0,
  loaded: false,
  loadError: null,
  selectedId: null,
  detail: null,
  detailError: null,

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
    set({ selectedId: id, detail: null, detailError: null });
    const res = await call('library.get', { id });
    // The user may have moved on while this was loading.
    if (get().selectedId !== id) return;
    if (!res.ok) {
      set({ detailError: errorText(res) });
      return;
    }
    set({ detail: res.data });
  },

  closeDetail() {
    set({ selectedId: null, detail: null, detailError: null });
  },
}));
