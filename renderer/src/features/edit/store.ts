/** The edit canvas: the photo, what is drawn on it, its undo history, and the edit in flight. */
import { create } from 'zustand';
import type { EditOp, EditOpen, Job } from '../../../../shared/ipc/contract';
import { DEFAULT_FEATHER } from '../../../../shared/domain/generation';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { intents } from '../../lib/intents';
import { useJobs } from '../../lib/jobCache';
import { annotationsPng, maskPng, type Mark } from './marks';
import type { Tool } from './tools';

export type { Tool } from './tools';
type Placement = { left: number; top: number; width: number; height: number };

/** One undoable state: geometry changes make a new photo, marks are drawn on it. */
interface Snapshot {
  photo: EditOpen;
  marks: Mark[];
  placedAt: Placement | null;
}

interface EditState {
  /** "What should change?" and the model, kept across screens; Ctrl+Enter sends them from here. */
  instruction: string;
  tier: 'flash' | 'pro';
  current: Snapshot | null;
  past: Snapshot[];
  future: Snapshot[];
  tool: Tool;
  brushSize: number;
  /** The soft edge of a masked edit, in pixels of the original photo (0–64). */
  featherPx: number;
  /** The crop rectangle being chosen (preview pixels). */
  cropRect: { x: number; y: number; w: number; h: number } | null;
  notices: string[];
  error: string | null;
  busy: boolean;
  /** A sent edit: its job, then before/after once it has a result. */
  job: Job | null;
  /**
   * `modelWholeUrl`: a masked edit's composite keeps the model's whole image beside it.
   * `keptWhole`: why an answer in another shape is the result uncomposited, in words.
   */
  result: { beforeId: string; afterId: string; modelWholeUrl: string | null; keptWhole: string | null } | null;
  applyJob(job: Job): void;
  setInstruction(instruction: string): void;
  setTier(tier: 'flash' | 'pro'): void;
  /** "Send edit" or Ctrl+Enter: sends the instruction as typed, and says why not when it cannot. */
  sendDraft(): Promise<void>;
  setTool(tool: Tool): void;
  setBrushSize(size: number): void;
  setFeather(px: number): void;
  setCropRect(r: EditState['cropRect']): void;
  importFile(file: File): Promise<void>;
  openAsset(assetId: string): Promise<void>;
  addMark(mark: Mark): void;
  clearMarks(): void;
  undo(): void;
  redo(): void;
  transform(op: EditOp): Promise<void>;
  applyCrop(): Promise<void>;
  send(instruction: string, tier: 'flash' | 'pro'): Promise<void>;
  compareOnBoth(instruction: string): Promise<void>;
  keepEditing(): Promise<void>;
  backToCanvas(): void;
}

const MIN_BRUSH = 2;
/** The widest soft edge main accepts (EditPrepareSchema). */
export const MAX_FEATHER = 64;
const MAX_BRUSH = 400;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createEditStore(jobs = useJobs) {
  return create<EditState>()((set, get) => {
    const push = (next: Snapshot) => set((s) => ({ past: s.current ? [...s.past.slice(-99), s.current] : s.past, current: next, future: [] }));
    const draft = async (instruction: string) => {
      const cur = get().current;
      if (!cur) return null;
      const { photo, marks, placedAt } = cur;
      const mask = maskPng(marks, photo.previewWidth, photo.previewHeight);
      const annotations = annotationsPng(marks, photo.previewWidth, photo.previewHeight);
      const res = await call('edit.prepare', {
        assetId: photo.assetId,
        instruction,
        ...(mask ? { mask } : {}),
        ...(annotations ? { annotations } : {}),
        ...(placedAt ? { outpaintFrom: placedAt } : {}),
        featherPx: get().featherPx,
      });
      if (!res.ok) {
        set({ busy: false, error: errorText(res) });
        return null;
      }
      set({ notices: [...get().notices, ...res.data.notices] });
      return res.data;
    };

    return {
      instruction: '',
      tier: 'flash',
      current: null,
      past: [],
      future: [],
      tool: 'brush',
      brushSize: 40,
      featherPx: DEFAULT_FEATHER,
      cropRect: null,
      notices: [],
      error: null,
      busy: false,
      job: null,
      result: null,

      /** The result of a sent edit arrives as a job update (app/connect.ts feeds every one here). */
      applyJob(job) {
        const mine = get().job;
        if (!mine || job.id !== mine.id) return;
        set({ job });
        const cur = get().current;
        const afterId = job.state === 'succeeded' ? job.assetIds[0] : undefined;
        if (afterId && cur) {
          set({ result: { beforeId: cur.photo.assetId, afterId, modelWholeUrl: null, keptWhole: null } });
          // A composite's facts name the model's whole image: before/after offers it beside the
          // result. An answer kept whole says why it was not composited.
          void call('library.get', { id: afterId }).then((res) => {
            const r = get().result;
            if (!res.ok || r?.afterId !== afterId) return;
            if (res.data.composite) set({ result: { ...r, modelWholeUrl: res.data.composite.modelImageUrl } });
            else if (res.data.keptWhole) set({ result: { ...r, keptWhole: res.data.keptWhole.message } });
          });
        }
        if (job.state === 'failed') set({ error: job.error?.message ?? 'The edit failed.' });
      },
      setInstruction: (instruction) => set({ instruction }),
      setTier: (tier) => set({ tier }),
      async sendDraft() {
        const { instruction, tier, current, busy, job } = get();
        if (busy || (job && (job.state === 'queued' || job.state === 'running'))) return;
        if (!current) return set({ error: 'Open a photo first.' });
        if (!instruction.trim()) return set({ error: 'Say what should change first.' });
        await get().send(instruction, tier);
      },
      setTool: (tool) => set({ tool }),
      setBrushSize: (size) => set({ brushSize: Math.max(MIN_BRUSH, Math.min(MAX_BRUSH, Math.round(size))) }),
      setFeather: (px) => set({ featherPx: Math.max(0, Math.min(MAX_FEATHER, Math.round(px))) }),
      setCropRect: (cropRect) => set({ cropRect }),

      async importFile(file) {
        set({ busy: true, error: null, notices: [] });
        const res = await call('edit.import', { name: file.name || 'pasted image', dataBase64: await toBase64(file) });
        if (!res.ok) return set({ busy: false, error: errorText(res) });
        set({ busy: false, current: { photo: res.data, marks: [], placedAt: null }, past: [], future: [], notices: res.data.notices, job: null, result: null });
      },

      async openAsset(assetId) {
        set({ busy: true, error: null });
        const res = await call('edit.open', { assetId });
        if (!res.ok) return set({ busy: false, error: errorText(res) });
        set({ busy: false, current: { photo: res.data, marks: [], placedAt: null }, past: [], future: [], notices: res.data.notices, job: null, result: null });
      },

      addMark(mark) {
        const cur = get().current;
        if (cur) push({ ...cur, marks: [...cur.marks, mark] });
      },
      clearMarks() {
        const cur = get().current;
        if (cur && cur.marks.length) push({ ...cur, marks: [] });
      },
      undo() {
        const { past, current, future } = get();
        if (!past.length || !current) return;
        set({ past: past.slice(0, -1), current: past[past.length - 1]!, future: [current, ...future] });
      },
      redo() {
        const { past, current, future } = get();
        if (!future.length || !current) return;
        set({ past: [...past, current], current: future[0]!, future: future.slice(1) });
      },

      async transform(op) {
        const cur = get().current;
        if (!cur) return;
        set({ busy: true, error: null });
        const res = await call('edit.transform', { assetId: cur.photo.assetId, ops: [op] });
        if (!res.ok) return set({ busy: false, error: errorText(res) });
        const { placedAt, ...photo } = res.data;
        // Marks were drawn on the old geometry; they would land in the wrong place on the new one.
        push({ photo, marks: [], placedAt });
        set({ busy: false, cropRect: null, notices: photo.notices });
      },

      async applyCrop() {
        const { current: cur, cropRect: r } = get();
        if (!cur || !r) return;
        const s = cur.photo.width / cur.photo.previewWidth;
        const x = Math.max(0, Math.min(r.x, r.x + r.w));
        const y = Math.max(0, Math.min(r.y, r.y + r.h));
        const left = Math.round(x * s);
        const top = Math.round(y * s);
        const width = Math.min(cur.photo.width - left, Math.round(Math.abs(r.w) * s));
        const height = Math.min(cur.photo.height - top, Math.round(Math.abs(r.h) * s));
        if (width < 1 || height < 1) return set({ error: 'Drag a rectangle over the part to keep, then crop.' });
        await get().transform({ op: 'crop', left, top, width, height });
      },

      async send(instruction, tier) {
        set({ busy: true, error: null, result: null, job: null });
        const d = await draft(instruction);
        if (!d) return;
        const res = await call('generate.start', { tier, aspectRatio: null, prompt: d.prompt, references: d.references, edit: d.edit });
        if (!res.ok) return set({ busy: false, error: errorText(res) });
        // Events may have moved the job on before this reply arrived: the cache holds the newest copy.
        const { kept } = jobs.getState().put(res.data);
        set({ busy: false, job: kept });
        if (kept !== res.data) get().applyJob(kept);
      },

      async compareOnBoth(instruction) {
        set({ busy: true, error: null });
        const d = await draft(instruction);
        if (!d) return;
        const res = await call('compare.start', { prompt: d.prompt, references: d.references, edit: d.edit, aspectRatio: null, contenders: [{ tier: 'flash' }, { tier: 'pro' }] });
        if (!res.ok) return set({ busy: false, error: errorText(res) });
        set({ busy: false });
        intents.showComparison(res.data.id);
      },

      async keepEditing() {
        const r = get().result;
        if (r) await get().openAsset(r.afterId);
      },
      backToCanvas() {
        set({ result: null, job: null });
      },
    };
  });
}

export const useEditStore = createEditStore();
