/**
 * The Series room's cache of one series being written or looked at, and the list of saved ones.
 * Main owns the series (stored with every roll of each panel); the draft here is what the user
 * is typing, saved before anything is generated so what runs is what is stored.
 */
import { create } from 'zustand';
import type { AspectRatio, ImageSize, ModelTier } from '../../../../shared/domain/vocabulary';
import { type Element } from '../../../../shared/domain/elements';
import type { Series, SeriesDraftInput, SeriesElement, SeriesMode, SeriesSummary } from '../../../../shared/domain/series';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

export const UNTITLED = 'Untitled series';

export interface SeriesDraftState {
  title: string;
  panels: string[];
  style: string;
  aspectRatio: AspectRatio;
  imageSize: ImageSize | null;
  tier: ModelTier;
  modelId: string | null;
  mode: SeriesMode;
  elements: SeriesElement[];
}

export interface SeriesState extends SeriesDraftState {
  open: boolean;
  /** The stored series this draft is (null: not saved yet). */
  id: string | null;
  /** The stored series as main last sent it: its panels' rolls. */
  stored: Series | null;
  list: SeriesSummary[];
  error: string | null;
  busy: boolean;
  /** After an export: where the files went. */
  exported: string | null;
  setOpen(open: boolean): void;
  setTitle(title: string): void;
  setPanel(i: number, text: string): void;
  setCount(n: number): void;
  setStyle(style: string): void;
  setAspectRatio(r: AspectRatio): void;
  setTier(tier: ModelTier): void;
  setModel(modelId: string | null): void;
  setMode(mode: SeriesMode): void;
  toggleElement(e: Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>): void;
  loadList(): Promise<void>;
  openSeries(id: string): Promise<void>;
  newSeries(): void;
  save(): Promise<Series | null>;
  generateAll(): Promise<void>;
  reroll(i: number): Promise<void>;
  exportSeries(): Promise<void>;
  /** `series.updated` from main. */
  apply(series: Series): void;
}

const EMPTY: SeriesDraftState = {
  title: UNTITLED,
  panels: ['', '', '', ''],
  style: '',
  aspectRatio: '1:1',
  imageSize: null,
  tier: 'flash',
  modelId: null,
  mode: 'independent',
  elements: [],
};

function draftOf(s: Series): SeriesDraftState {
  return {
    title: s.title,
    panels: s.panels.map((p) => p.prompt),
    style: s.style,
    aspectRatio: s.aspectRatio,
    imageSize: s.imageSize,
    tier: s.tier,
    modelId: s.modelId,
    mode: s.mode,
    elements: s.elements,
  };
}

export function createSeriesStore() {
  return create<SeriesState>()((set, get) => {
    const edit = (patch: Partial<SeriesDraftState>) => set({ ...patch, error: null });
    const fail = (message: string) => set({ error: message, busy: false });
    return {
      ...EMPTY,
      open: false,
      id: null,
      stored: null,
      list: [],
      error: null,
      busy: false,
      exported: null,
      setOpen: (open) => {
        set({ open });
        if (open) void get().loadList();
      },
      setTitle: (title) => edit({ title }),
      setPanel: (i, text) => edit({ panels: get().panels.map((p, k) => (k === i ? text : p)) }),
      setCount: (n) => {
        const count = Math.min(8, Math.max(2, n));
        edit({ panels: Array.from({ length: count }, (_, k) => get().panels[k] ?? '') });
      },
      setStyle: (style) => edit({ style }),
      setAspectRatio: (aspectRatio) => edit({ aspectRatio }),
      setTier: (tier) => edit({ tier, modelId: null }),
      setModel: (modelId) => edit({ modelId }),
      setMode: (mode) => edit({ mode }),
      toggleElement: (e) => {
        const { elements } = get();
        edit({ elements: elements.some((x) => x.id === e.id) ? elements.filter((x) => x.id !== e.id) : [...elements, { id: e.id, name: e.name, kind: e.kind, assetIds: e.assetIds }] });
      },
      async loadList() {
        const res = await call('series.list');
        if (res.ok) set({ list: res.data.series });
      },
      async openSeries(id) {
        const res = await call('series.get', { id });
        if (!res.ok) return fail(errorText(res));
        set({ ...draftOf(res.data), id, stored: res.data, error: null, exported: null });
      },
      newSeries: () => set({ ...EMPTY, id: null, stored: null, error: null, exported: null }),
      async save() {
        const s = get();
        const draft: SeriesDraftInput = {
          ...(s.id ? { id: s.id } : {}),
          title: s.title.trim() || UNTITLED,
          panels: s.panels,
          style: s.style,
          aspectRatio: s.aspectRatio,
          imageSize: s.imageSize,
          tier: s.tier,
          modelId: s.modelId,
          mode: s.mode,
          elements: s.elements,
        };
        const res = await call('series.save', draft);
        if (!res.ok) {
          fail(errorText(res));
          return null;
        }
        set({ id: res.data.id, stored: res.data, title: res.data.title });
        void get().loadList();
        return res.data;
      },
      async generateAll() {
        const empty = get().panels.findIndex((p) => p.trim() === '');
        if (empty >= 0) return set({ error: `Write panel ${empty + 1} first.` });
        set({ busy: true, error: null, exported: null });
        const saved = await get().save();
        if (!saved) return;
        const res = await call('series.generate', { id: saved.id });
        if (!res.ok) return fail(errorText(res));
        set({ stored: res.data, busy: false });
      },
      async reroll(i) {
        if (get().panels[i]!.trim() === '') return set({ error: `Write panel ${i + 1} first.` });
        set({ busy: true, error: null });
        const saved = await get().save();
        if (!saved) return;
        const res = await call('series.reroll', { id: saved.id, panel: i });
        if (!res.ok) return fail(`Panel ${i + 1}: ${errorText(res)}`);
        set({ stored: res.data, busy: false });
      },
      async exportSeries() {
        const { id } = get();
        if (!id) return;
        set({ busy: true, error: null, exported: null });
        const res = await call('series.export', { id });
        if (!res.ok) return fail(errorText(res));
        const { folder, written, sheet } = res.data;
        set({ busy: false, exported: folder ? `Saved ${written.length} panel${written.length === 1 ? '' : 's'}${sheet ? ' and a contact sheet' : ''} to ${folder}.` : null });
      },
      apply(series) {
        if (series.id === get().id) set({ stored: series });
        set((s) => ({ list: s.list.map((x) => (x.id === series.id ? { ...x, title: series.title, updatedAt: series.updatedAt } : x)) }));
      },
    };
  });
}

export const useSeries = createSeriesStore();
