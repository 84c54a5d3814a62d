import { create } from 'zustand';
import type { Models, Settings } from '../../../../shared/ipc/contract';
import { aspectRatiosForTier, type AspectRatio, type ModelTier } from '../../../../shared/models';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useJobsStore } from '../jobs/store';
import { useOnboardingStore } from '../onboarding/store';

function ratioFor(tier: ModelTier, ratio: string): AspectRatio {
  const allowed = aspectRatiosForTier(tier);
  return allowed.find((r) => r === ratio) ?? '1:1';
}

interface GenerateState {
  /** Kept here, not in the component, so it survives a trip to Settings and stays after submitting. */
  prompt: string;
  tier: ModelTier;
  aspectRatio: AspectRatio;
  /** Once the user picks a tier or ratio, saved defaults stop overriding their choice. */
  touched: boolean;
  submitting: boolean;
  error: string | null;
  models: Models | null;
  modelsError: string | null;

  setPrompt(prompt: string): void;
  setTier(tier: ModelTier): void;
  setAspectRatio(ratio: AspectRatio): void;
  adoptDefaults(settings: Settings): void;
  loadModels(refresh?: boolean): Promise<void>;
  submit(): Promise<void>;
}

export const useGenerateStore = create<GenerateState>()((set, get) => ({
  prompt: '',
  tier: 'flash',
  aspectRatio: '1:1',
  touched: false,
  submitting: false,
  error: null,
  models: null,
  modelsError: null,

  setPrompt(prompt) {
    set({ prompt, error: null });
  },

  setTier(tier) {
    set((s) => ({ tier, aspectRatio: ratioFor(tier, s.aspectRatio), touched: true }));
  },

  setAspectRatio(aspectRatio) {
    set({ aspectRatio, touched: true });
  },

  adoptDefaults(settings) {
    if (get().touched) return;
    set({ tier: settings.defaultTier, aspectRatio: ratioFor(settings.defaultTier, settings.defaultAspectRatio) });
  },

  async loadModels(refresh) {
    const res = await call('models.list', refresh ? { refresh: true } : undefined);
    if (!res.ok) {
      set({ modelsError: errorText(res) });
      return;
    }
    set({ models: res.data, modelsError: null });
  },

  async submit() {
    const { prompt, tier, aspectRatio, submitting } = get();
    if (submitting) return;
    const onboarding = useOnboardingStore.getState();
    if (onboarding.status && !onboarding.status.hasKey) {
      set({ error: null });
      onboarding.openDialog('generate');
      return;
    }
    if (prompt.trim() === '') {
      set({ error: 'Write a prompt first.' });
      return;
    }
    set({ submitting: true, error: null });
    const res = await call('generate.start', { prompt, tier, aspectRatio });
    if (!res.ok) {
      set({ submitting: false, error: errorText(res) });
      if (res.code === 'no_key') useOnboardingStore.getState().openDialog('generate');
      return;
    }
    set({ submitting: false });
    useJobsStore.getState().upsert(res.data);
  },
}));
