/**
 * Batch: the submit form and the batch jobs. Gemini's Batch API runs many prompts at half the
 * price within 24 hours; main submits and polls it and reports progress as `job.updated`.
 */
import { create } from 'zustand';
import type { Job } from '../../../../shared/ipc/contract';
import type { AspectRatio, ModelTier } from '../../../../shared/models';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { newer } from '../../lib/jobs';
import { capabilitiesNow, fitNotice, fitToModel } from '../../lib/models';
import { useKeyStatus } from '../../lib/keyStatus';

/** What the contract accepts per batch. */
export const MAX_PROMPTS = 200;

/** One prompt per non-empty line. */
export function promptsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The ratio the tier's model takes nearest to the chosen one (shared/modelPolicy), with what moved. */
function fitRatio(tier: ModelTier, aspectRatio: AspectRatio | null, notice: string | null): { aspectRatio: AspectRatio | null; knobNotice: string | null } {
  const caps = capabilitiesNow(tier);
  const fit = fitToModel({ aspectRatio }, caps);
  return { aspectRatio: fit.choices.aspectRatio ?? null, knobNotice: fitNotice(caps, fit.changes) ?? notice };
}

/** Main raises a job's revision on every change, so the copy with the higher one is the newer. */
function merge(current: Job[], incoming: Job[]): Job[] {
  const byId = new Map(current.map((j) => [j.id, j]));
  for (const job of incoming) {
    if (job.kind !== 'batch') continue;
    const have = byId.get(job.id);
    byId.set(job.id, have ? newer(have, job) : job);
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

interface BatchState {
  /** Batch jobs, newest first. */
  jobs: Job[];
  loaded: boolean;
  loadError: string | null;

  text: string;
  tier: ModelTier;
  /** null: Auto, as in the studio. */
  aspectRatio: AspectRatio | null;
  /** What the last tier switch moved, in a sentence. */
  knobNotice: string | null;
  submitting: boolean;
  error: string | null;
  /** Jobs a cancel was asked for and has not answered yet, and cancel failures, by job id. */
  cancelling: Record<string, true>;
  cancelErrors: Record<string, string>;

  load(): Promise<void>;
  /** A new models catalog: the ratio is refitted to what the tier resolves to now. */
  applyModels(): void;
  setText(text: string): void;
  setTier(tier: ModelTier): void;
  setAspectRatio(ratio: AspectRatio | null): void;
  submit(): Promise<void>;
  cancel(id: string): Promise<void>;
  /** `job.updated` from main. */
  applyJob(job: Job): void;
}

export const useBatchStore = create<BatchState>()((set, get) => ({
  jobs: [],
  loaded: false,
  loadError: null,
  text: '',
  tier: 'flash',
  aspectRatio: null,
  knobNotice: null,
  submitting: false,
  error: null,
  cancelling: {},
  cancelErrors: {},

  async load() {
    const res = await call('jobs.list', { limit: 500 });
    if (!res.ok) {
      set({ loadError: errorText(res), loaded: true });
      return;
    }
    set((s) => ({ jobs: merge(s.jobs, res.data), loaded: true, loadError: null }));
  },

  applyModels() {
    set((s) => fitRatio(s.tier, s.aspectRatio, s.knobNotice));
  },

  setText(text) {
    set({ text, error: null });
  },

  setTier(tier) {
    set((s) => ({ ...fitRatio(tier, s.aspectRatio, null), tier, error: null }));
  },

  setAspectRatio(aspectRatio) {
    set({ aspectRatio, knobNotice: null, error: null });
  },

  async submit() {
    const { text, tier, aspectRatio, submitting } = get();
    if (submitting) return;
    const onboarding = useKeyStatus.getState();
    if (onboarding.status && !onboarding.status.hasKey) {
      onboarding.openDialog('generate');
      return;
    }
    const prompts = promptsOf(text);
    if (prompts.length === 0) {
      set({ error: 'Add at least one prompt, one per line.' });
      return;
    }
    if (prompts.length > MAX_PROMPTS) {
      set({ error: `A batch holds at most ${MAX_PROMPTS} prompts; this one has ${prompts.length}. Split it in two.` });
      return;
    }
    set({ submitting: true, error: null });
    const res = await call('batch.submit', {
      prompts,
      tier,
      aspectRatio,
      imageSize: null,
      modalities: 'IMAGE',
      grounding: false,
      includeThoughts: false,
    });
    if (!res.ok) {
      set({ submitting: false, error: errorText(res) });
      if (res.code === 'no_key') useKeyStatus.getState().openDialog('generate');
      return;
    }
    set((s) => ({ submitting: false, text: '', jobs: merge(s.jobs, [res.data]) }));
  },

  async cancel(id) {
    if (get().cancelling[id]) return;
    set((s) => {
      const cancelErrors = { ...s.cancelErrors };
      delete cancelErrors[id];
      return { cancelling: { ...s.cancelling, [id]: true }, cancelErrors };
    });
    const res = await call('jobs.cancel', { id });
    set((s) => {
      const cancelling = { ...s.cancelling };
      delete cancelling[id];
      if (!res.ok) return { cancelling, cancelErrors: { ...s.cancelErrors, [id]: errorText(res) } };
      return { cancelling, jobs: merge(s.jobs, [res.data]) };
    });
  },

  applyJob(job) {
    if (job.kind !== 'batch') return;
    set((s) => ({ jobs: merge(s.jobs, [job]) }));
  },
}));
