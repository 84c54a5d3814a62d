/** The compare screen's cache of main's comparisons, its stats, and the blind-mode preference. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { AssetComparison, AssetDetail, CompareStartInput, CompareStats, Comparison, ComparisonSummary, ContenderInput, EditInputs, Reference, StatsQuery } from '../../../../shared/ipc/contract';
import type { AspectRatio } from '../../../../shared/domain/vocabulary';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { catalog } from '../../lib/models';
import { promptNames, withElementImages, withoutMention, type ChosenElement } from '../../lib/elements';
import { fitComparison } from './fit';

export interface Estimate {
  contenders: Array<{ label: string; modelId: string; estimateUsd: number; problem: string | null }>;
  totalUsd: number;
}

/**
 * What the form holds before "Compare": kept here rather than in the form, so it survives
 * leaving the screen, and so Ctrl+Enter (the app's keymap) can start it from the store.
 */
export interface CompareDraft {
  prompt: string;
  /** null: Auto. Fitted to what every contender accepts when the request is made. */
  aspectRatio: AspectRatio | null;
  /** Set when the form compares an edit (from the edit canvas) instead of a prompt. */
  edit?: EditInputs;
  references?: Reference[];
  /** Economy for every contender (only offered when every contender has Flex). */
  serviceTier?: 'standard' | 'flex';
  /** Chosen with `@`, in the order chosen; sent while the prompt names them, their images as references. */
  elements?: ChosenElement[];
}

interface CompareState {
  draft: CompareDraft;
  /** Bumped to ask the prompt box to take focus ("Next prompt"). */
  focusRequest: number;
  /** Comparisons seen, by id (events keep them current). */
  byId: Record<string, Comparison>;
  currentId: string | null;
  /** "Compare what you already have": 2–4 library images, no voting. */
  assets: AssetDetail[] | null;
  list: ComparisonSummary[];
  stats: CompareStats | null;
  statsQuery: StatsQuery;
  estimate: Estimate | null;
  error: string | null;
  busy: boolean;
  start(input: CompareStartInput): Promise<boolean>;
  setDraft(patch: Partial<CompareDraft>): void;
  /** An Element chosen in the `@` picker (its `@Name` is already in the prompt). */
  addElement(element: ChosenElement): void;
  /** Its chip removed: the Element goes, and so does its `@Name` in the prompt. */
  removeElement(id: string): void;
  /** The request the draft and the remembered contenders make (the prompt is trimmed). */
  draftInput(): CompareStartInput;
  /** "Compare" or Ctrl+Enter: starts the draft, and says why not when it cannot. */
  startDraft(): Promise<boolean>;
  /** After a vote: back to the form, with an empty prompt that has focus and the same contenders. */
  nextPrompt(): void;
  estimateCost(input: CompareStartInput): Promise<void>;
  open(id: string): Promise<void>;
  openAssets(ids: string[]): Promise<void>;
  close(): void;
  apply(c: Comparison): void;
  vote(kind: 'winner' | 'tie' | 'all_bad', winner?: number): Promise<void>;
  cancel(): Promise<void>;
  loadList(): Promise<void>;
  loadStats(q?: Partial<StatsQuery>): Promise<void>;
  /** The comparison each library image took part in (null: none), by asset id. */
  comparedIn: Record<string, AssetComparison | null | undefined>;
  loadComparedIn(assetId: string): Promise<void>;
  /** The library's collections, for the stats filter. */
  collections: Array<{ id: string; name: string }>;
  loadCollections(): Promise<void>;
}

export function createCompareStore() {
  return create<CompareState>()((set, get) => ({
    draft: { prompt: '', aspectRatio: '1:1' },
    focusRequest: 0,
    byId: {},
    currentId: null,
    assets: null,
    list: [],
    stats: null,
    statsQuery: { blindOnly: false },
    estimate: null,
    error: null,
    busy: false,

    async start(input) {
      set({ busy: true, error: null });
      const res = await call('compare.start', input);
      if (!res.ok) {
        set({ busy: false, error: errorText(res) });
        return false;
      }
      set((s) => ({ busy: false, currentId: res.data.id, assets: null, byId: { ...s.byId, [res.data.id]: res.data } }));
      void get().loadList();
      return true;
    },

    setDraft(patch) {
      set((s) => {
        const draft = { ...s.draft, ...patch };
        // An Element whose @Name left the prompt leaves the request too, as in the studio.
        if (patch.prompt !== undefined && draft.elements?.length) draft.elements = draft.elements.filter((e) => promptNames(draft.prompt, e.name));
        return { draft };
      });
    },

    addElement(element) {
      set((s) => (s.draft.elements?.some((e) => e.id === element.id) ? {} : { draft: { ...s.draft, elements: [...(s.draft.elements ?? []), element] }, error: null }));
    },

    removeElement(id) {
      set((s) => {
        const gone = s.draft.elements?.find((e) => e.id === id);
        if (!gone) return {};
        const prompt = withoutMention(s.draft.prompt, gone.name);
        return { draft: { ...s.draft, prompt, elements: s.draft.elements!.filter((e) => e.id !== id) }, error: null };
      });
    },

    draftInput() {
      const { draft } = get();
      const { contenders: saved, blind } = useComparePrefs.getState();
      const { caps, contenders, aspectRatio } = fitComparison(catalog(), saved, draft.aspectRatio);
      const flex = draft.serviceTier === 'flex' && caps.every((c) => c.serviceTiers.includes('flex'));
      const named = (draft.elements ?? []).filter((e) => promptNames(draft.prompt, e.name));
      return {
        prompt: draft.prompt.trim(),
        aspectRatio: draft.edit ? null : aspectRatio,
        contenders,
        blind,
        references: withElementImages(draft.references ?? [], named),
        ...(named.length ? { elements: named.map((e) => ({ id: e.id, name: e.name })) } : {}),
        ...(draft.edit ? { edit: draft.edit } : {}),
        ...(flex ? { serviceTier: 'flex' as const } : {}),
      };
    },

    async startDraft() {
      if (get().busy) return false;
      const input = get().draftInput();
      if (!input.edit && input.prompt === '') {
        set({ error: 'Write what every contender should draw first.' });
        return false;
      }
      return get().start({ ...input, prompt: get().draft.prompt });
    },

    nextPrompt() {
      set((s) => {
        // A new prompt starts without the last one's Elements.
        const { elements: _last, ...draft } = s.draft;
        return { currentId: null, assets: null, error: null, draft: { ...draft, prompt: '' }, focusRequest: s.focusRequest + 1 };
      });
    },

    async estimateCost(input) {
      const res = await call('compare.estimate', input);
      set({ estimate: res.ok ? res.data : null });
    },

    async open(id) {
      const res = await call('compare.get', { id });
      if (!res.ok) return set({ error: errorText(res) });
      set((s) => ({ currentId: id, assets: null, error: null, byId: { ...s.byId, [id]: res.data } }));
    },

    async openAssets(ids) {
      const details = await Promise.all(ids.map((id) => call('library.get', { id })));
      const failed = details.find((d) => !d.ok);
      if (failed && !failed.ok) return set({ error: errorText(failed) });
      set({ assets: details.flatMap((d) => (d.ok ? [d.data] : [])), currentId: null, error: null });
    },

    close() {
      set({ currentId: null, assets: null, error: null });
    },

    apply(c) {
      set((s) => ({ byId: { ...s.byId, [c.id]: c } }));
      if (c.vote || c.state !== 'running') {
        // A finished or voted comparison changes the list's labels and thumbnails.
        void get().loadList();
      }
    },

    async vote(kind, winner) {
      const id = get().currentId;
      if (!id) return;
      const res = await call('compare.vote', { id, kind, ...(winner !== undefined ? { winner } : {}) });
      if (!res.ok) return set({ error: errorText(res) });
      set((s) => ({ error: null, byId: { ...s.byId, [id]: res.data } }));
    },

    async cancel() {
      const id = get().currentId;
      if (!id) return;
      const res = await call('compare.cancel', { id });
      if (res.ok) set((s) => ({ byId: { ...s.byId, [id]: res.data } }));
    },

    async loadList() {
      const res = await call('compare.list', { limit: 200 });
      if (res.ok) set({ list: res.data });
    },

    comparedIn: {},
    async loadComparedIn(assetId) {
      const res = await call('compare.forAsset', { assetId });
      set((s) => ({ comparedIn: { ...s.comparedIn, [assetId]: res.ok ? res.data : null } }));
    },

    collections: [],
    async loadCollections() {
      const res = await call('collections.list');
      if (res.ok) set({ collections: res.data.map((c) => ({ id: c.id, name: c.name })) });
    },

    async loadStats(q = {}) {
      const query = { ...get().statsQuery, ...q };
      set({ statsQuery: query });
      const res = await call('compare.stats', query);
      if (res.ok) set({ stats: res.data });
      else set({ error: errorText(res) });
    },
  }));
}

export const useCompareStore = createCompareStore();

/** What a new comparison starts from; blind mode is remembered between runs (a UI preference). */
interface ComparePrefs {
  blind: boolean;
  contenders: ContenderInput[];
  setBlind(blind: boolean): void;
  setContenders(c: ContenderInput[]): void;
}

/** What Compare remembers between visits (blind, the contenders); persisted, made by a factory so each test builds a fresh one. */
export function createComparePrefs() {
  return create<ComparePrefs>()(
    persist(
      (set) => ({
        blind: false,
        contenders: [{ tier: 'flash', imageSize: '1K' }, { tier: 'pro', imageSize: '1K' }],
        setBlind: (blind) => set({ blind }),
        setContenders: (contenders) => set({ contenders }),
      }),
      { name: 'atelier.compare.prefs', version: 1 },
    ),
  );
}

export const useComparePrefs = createComparePrefs();
