/**
 * Batch: the submit form and the batch jobs. Gemini's Batch API runs many prompts at half the
 * price within 24 hours; main submits and polls it and reports progress as `job.updated`.
 */
import { create } from 'zustand';
import type { Job, Models } from '../../../../shared/ipc/contract';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER, type AspectRatio, type ModelTier } from '../../../../shared/models';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { newer } from '../../lib/jobs';
import { useOnboardingStore } from '../../lib/onboarding';

/** What the contract accepts per batch. */
export const MAX_PROMPTS = 200;

/** One prompt per non-empty line. */
export function promptsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function modelIdFor(models: Models | null, tier: ModelTier): string {
  return models?.tiers[tier] ?? FALLBACK_MODEL_FOR_TIER[tier];
}

function ratioFor(models: Models | null, tier: ModelTier, ratio: AspectRatio): AspectRatio {
  const allowed = capabilitiesFor(modelIdFor(models, tier)).aspectRatios;
  return allowed.includes(ratio) ? ratio : '1:1';
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
  models: Models | null;

  text: string;
  tier: ModelTier;
  aspectRatio: AspectRatio;
  submitting: boolean;
  error: string | null;
  /** Jobs a cancel was asked for and has not answered yet, and cancel failures, by job id. */
  cancelling: Record<string, true>;
  cancelErrors: Record<string, string>;

  load(): Promise<void>;
  loadModels(): Promise<void>;
  setText(text: string): void;
  setTier(tier: ModelTier): void;
  setAspectRatio(ratio: AspectRatio): void;
  submit(): Promise<void>;
  cancel(id: string): Promise<void>;
  /** `job.updated` from main. */
  applyJob(job: Job): void;
}

export const useBatchStore = create<BatchState>()((set, get) => ({
  jobs: [],
  loaded: false,
  loadError: null,
  models: null,
  text: '',
  tier: 'flash',
  aspectRatio: '1:1',
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

  async loadModels() {
    const res = await call('models.list');
    // Without the live list the fallback ids still give the right ratios; nothing to tell the user.
    if (!res.ok) return;
    set((s) => ({ models: res.data, aspectRatio: ratioFor(res.data, s.tier, s.aspectRatio) }));
  },

  setText(text) {
    set({ text, error: null });
  },

  setTier(tier) {
    set((s) => ({ tier, aspectRatio: ratioFor(s.models, tier, s.aspectRatio), error: null }));
  },

  setAspectRatio(aspectRatio) {
    set({ aspectRatio, error: null });
  },

  async submit() {
    const { text, tier, aspectRatio, submitting } = get();
    if (submitting) return;
    const onboarding = useOnboardingStore.getState();
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
      if (res.code === 'no_key') useOnboardingStore.getState().openDialog('generate');
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
