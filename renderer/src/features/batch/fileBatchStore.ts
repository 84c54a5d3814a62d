/**
 * Batches from a file: the dropped or picked CSV/JSONL, main's check of it (preview, problems,
 * cost), and the file batches main runs. Main owns the batches; this is a cache of them kept at
 * the newest `updatedAt` seen.
 */
import { create } from 'zustand';
import type { BatchFilePlan, FailedRow, FileBatch } from '../../../../shared/ipc/contract';
import type { ModelTier } from '../../../../shared/domain/vocabulary';
import { call, pathForFile } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useKeyStatus } from '../../lib/keyStatus';

interface FileBatchState {
  tier: ModelTier;
  /** The file being read and checked. */
  reading: string | null;
  plan: BatchFilePlan | null;
  planError: string | null;
  starting: boolean;
  batches: FileBatch[];
  loaded: boolean;
  failures: Record<string, FailedRow[]>;
  actionErrors: Record<string, string>;

  setTier(tier: ModelTier): void;
  /** A file dropped or picked: main reads it by path where it can, else its text is sent. */
  openFile(file: File): Promise<void>;
  clearPlan(): void;
  start(): Promise<void>;
  load(): Promise<void>;
  apply(batch: FileBatch): void;
  cancel(id: string): Promise<void>;
  loadFailures(id: string): Promise<void>;
  rerunFailed(id: string): Promise<void>;
}

export function createFileBatchStore() {
  return create<FileBatchState>()((set, get) => ({
    tier: 'flash',
    reading: null,
    plan: null,
    planError: null,
    starting: false,
    batches: [],
    loaded: false,
    failures: {},
    actionErrors: {},

    setTier(tier) {
      set({ tier });
    },

    async openFile(file) {
      set({ reading: file.name, plan: null, planError: null });
      const path = pathForFile(file);
      const res = await call('batchFile.inspect', path ? { name: file.name, path, tier: get().tier } : { name: file.name, text: await file.text(), tier: get().tier });
      set(res.ok ? { reading: null, plan: res.data } : { reading: null, planError: errorText(res) });
    },

    clearPlan() {
      set({ plan: null, planError: null });
    },

    async start() {
      const { plan, starting } = get();
      if (!plan || starting) return;
      const onboarding = useKeyStatus.getState();
      if (onboarding.status && !onboarding.status.hasKey) {
        onboarding.openDialog('generate');
        return;
      }
      set({ starting: true, planError: null });
      const res = await call('batchFile.start', { planId: plan.planId });
      if (!res.ok) {
        set({ starting: false, planError: errorText(res) });
        return;
      }
      get().apply(res.data);
      set({ starting: false, plan: null });
    },

    async load() {
      const res = await call('batchFile.list', {});
      if (res.ok) {
        for (const b of res.data) get().apply(b);
      }
      set({ loaded: true });
    },

    apply(batch) {
      set((s) => {
        const at = s.batches.findIndex((b) => b.id === batch.id);
        if (at >= 0 && s.batches[at]!.updatedAt > batch.updatedAt) return s;
        const batches = at >= 0 ? s.batches.map((b, i) => (i === at ? batch : b)) : [batch, ...s.batches];
        return { batches: batches.sort((a, b) => b.createdAt - a.createdAt) };
      });
      if (batch.stage === 'done' && batch.failed > 0 && !get().failures[batch.id]) void get().loadFailures(batch.id);
    },

    async cancel(id) {
      const res = await call('batchFile.cancel', { id });
      if (res.ok) get().apply(res.data);
      else set((s) => ({ actionErrors: { ...s.actionErrors, [id]: errorText(res) } }));
    },

    async loadFailures(id) {
      const res = await call('batchFile.failures', { id });
      if (res.ok) set((s) => ({ failures: { ...s.failures, [id]: res.data } }));
    },

    async rerunFailed(id) {
      const res = await call('batchFile.rerunFailed', { id });
      if (res.ok) get().apply(res.data);
      else set((s) => ({ actionErrors: { ...s.actionErrors, [id]: errorText(res) } }));
    },
  }));
}

export const useFileBatchStore = createFileBatchStore();
