/**
 * The models catalog as the window last heard it, for every feature that draws a model's name
 * or standing or picks a model: loaded here (at start, when a key is saved, from Settings'
 * "check again") and kept current by `models.updated`. Forms read it from here (no store keeps a
 * copy) and ask `capabilitiesOf` what a model takes: the same function main checks requests with.
 * The generate panel refits its choices to each new catalog (app/connect.ts connects them).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { ModelInfo, Models } from '../../../shared/ipc/contract';
import { capabilitiesOf, modelIdForTier } from '../../../shared/modelPolicy';
import type { ModelTier } from '../../../shared/domain/vocabulary';
import { capabilitiesFor, type ModelCapabilities } from '../../../shared/models/catalogue';

export { capabilitiesOf, fitNotice, fitToModel, modelIdForTier, ratiosAcceptedByAll, type KnobChoices } from '../../../shared/modelPolicy';
import { call } from './bridge';
import { errorText } from './format';

interface ModelsState {
  models: Models | null;
  /** Why the last load failed (the catalog kept is the previous one, or the built-in list). */
  error: string | null;
  setModels(models: Models): void;
  /** `refresh`: ask Gemini again instead of the cached list. */
  load(refresh?: boolean): Promise<void>;
}

export function createModelsStore() {
  return create<ModelsState>()((set) => ({
    models: null,
    error: null,
    setModels: (models) => set({ models, error: null }),
    async load(refresh) {
      const res = await call('models.list', refresh ? { refresh: true } : undefined);
      if (res.ok) set({ models: res.data, error: null });
      else set({ error: errorText(res) });
    },
  }));
}

export const useModelsStore = createModelsStore();

/** The catalog as last heard, for store actions (components select it with `useModelsStore`). */
export function catalog(): Models | null {
  return useModelsStore.getState().models;
}

/** What a model takes, by id or by tier (the tier's current model), per the current catalog. */
export function capabilitiesNow(tier: ModelTier, modelId?: string | null): ModelCapabilities {
  const models = catalog();
  return capabilitiesOf(models, modelIdForTier(models, tier, modelId));
}

/** The same, for components: recomputed only when the catalog or the model changes. */
export function useCapabilities(tier: ModelTier, modelId?: string | null): ModelCapabilities {
  const models = useModelsStore((s) => s.models);
  return useMemo(() => capabilitiesOf(models, modelIdForTier(models, tier, modelId)), [models, tier, modelId]);
}

/** A model's entry, listed or gone; null when the catalog has never heard of it. */
export function modelInfo(models: Models | null, modelId: string): ModelInfo | null {
  return models?.models.find((m) => m.id === modelId) ?? models?.gone.find((m) => m.id === modelId) ?? null;
}

/** "Nano Banana 2.1 (gemini-nano-banana-2.1)", or the id alone when that is all there is. */
export function modelLabel(models: Models | null, modelId: string): string {
  const name = modelInfo(models, modelId)?.displayName ?? capabilitiesFor(modelId).displayName;
  return name && name !== modelId ? `${name} (${modelId})` : modelId;
}

const DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** The sentence about a deprecated or gone model, with its shutdown day when known; null for a current one. */
export function standingText(models: Models | null, modelId: string): string | null {
  const info = modelInfo(models, modelId);
  if (!info || info.status.state === 'current') return null;
  const { shutdownOn, shutdownConfirmed } = info.status;
  const when = shutdownOn ? DAY.format(new Date(`${shutdownOn}T00:00:00Z`)) : null;
  const label = modelLabel(models, modelId);
  if (info.status.state === 'gone') return `${label} is gone: Google no longer serves it${when ? ` (shut down ${when})` : ''}.`;
  if (!when) return `${label} is deprecated: Google will shut it down.`;
  const past = new Date(`${shutdownOn}T00:00:00Z`).getTime() < Date.now();
  const reported = shutdownConfirmed ? '' : ' (reported by third parties, not confirmed by Google)';
  return `${label} is deprecated: ${past ? 'its shutdown was due' : 'Google shuts it down'} on ${when}${reported}.`;
}
