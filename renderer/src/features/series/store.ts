/**
 * A Series: N panel prompts sharing Elements, a style line and a ratio, generated as a set of
 * independent requests with the same references. Each panel keeps its own job, so re-rolling one
 * leaves the others as they are. Kept for this session (not yet stored in the library).
 */
import { create } from 'zustand';
import type { AspectRatio } from '../../../../shared/domain/vocabulary';
import { referenceKindOf, type Element } from '../../../../shared/domain/elements';
import type { GenerateRequestInput } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useJobs } from '../../lib/jobCache';

export interface SeriesState {
  open: boolean;
  panels: string[];
  style: string;
  aspectRatio: AspectRatio;
  elements: Array<Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>>;
  /** The job of each panel's latest roll (null: not generated yet). */
  jobIds: Array<string | null>;
  error: string | null;
  busy: boolean;
  setOpen(open: boolean): void;
  setPanel(i: number, text: string): void;
  setCount(n: number): void;
  setStyle(style: string): void;
  setAspectRatio(r: AspectRatio): void;
  toggleElement(e: Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>): void;
  generateAll(): Promise<void>;
  reroll(i: number): Promise<void>;
}

/** One panel's request: its words, the shared style line, ratio, and every shared Element's images. */
export function panelRequest(s: Pick<SeriesState, 'panels' | 'style' | 'aspectRatio' | 'elements'>, i: number): GenerateRequestInput {
  const words = s.panels[i]!.trim();
  const mention = s.elements.filter((e) => !words.toLowerCase().includes(`@${e.name.toLowerCase()}`)).map((e) => `@${e.name}`);
  const prompt = [`Panel ${i + 1} of ${s.panels.length}: ${words}`, mention.length ? `With ${mention.join(', ')}.` : '', s.style.trim() ? `Style: ${s.style.trim()}` : ''].filter(Boolean).join(' ');
  return {
    prompt,
    tier: 'flash',
    aspectRatio: s.aspectRatio,
    references: s.elements.flatMap((e) => e.assetIds.map((assetId) => ({ assetId, kind: referenceKindOf(e.kind) }))),
    ...(s.elements.length ? { elements: s.elements.map(({ id, name }) => ({ id, name })) } : {}),
  };
}

export const useSeries = create<SeriesState>()((set, get) => {
  async function start(i: number): Promise<boolean> {
    const res = await call('generate.start', panelRequest(get(), i));
    if (!res.ok) {
      set({ error: `Panel ${i + 1}: ${errorText(res)}` });
      return false;
    }
    useJobs.getState().put(res.data);
    set((s) => ({ jobIds: s.jobIds.map((id, k) => (k === i ? res.data.id : id)) }));
    return true;
  }
  return {
    open: false,
    panels: ['', '', '', ''],
    style: '',
    aspectRatio: '1:1',
    elements: [],
    jobIds: [null, null, null, null],
    error: null,
    busy: false,
    setOpen: (open) => set({ open }),
    setPanel: (i, text) => set((s) => ({ panels: s.panels.map((p, k) => (k === i ? text : p)), error: null })),
    setCount: (n) =>
      set((s) => {
        const count = Math.min(8, Math.max(2, n));
        return { panels: Array.from({ length: count }, (_, k) => s.panels[k] ?? ''), jobIds: Array.from({ length: count }, (_, k) => s.jobIds[k] ?? null) };
      }),
    setStyle: (style) => set({ style }),
    setAspectRatio: (aspectRatio) => set({ aspectRatio }),
    toggleElement: (e) => set((s) => ({ elements: s.elements.some((x) => x.id === e.id) ? s.elements.filter((x) => x.id !== e.id) : [...s.elements, e] })),
    async generateAll() {
      const s = get();
      const empty = s.panels.findIndex((p) => p.trim() === '');
      if (empty >= 0) return set({ error: `Write panel ${empty + 1} first.` });
      set({ busy: true, error: null });
      for (let i = 0; i < s.panels.length; i++) if (!(await start(i))) break;
      set({ busy: false });
    },
    async reroll(i) {
      if (get().panels[i]!.trim() === '') return set({ error: `Write panel ${i + 1} first.` });
      set({ busy: true, error: null });
      await start(i);
      set({ busy: false });
    },
  };
});
