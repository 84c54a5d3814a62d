/**
 * The models catalog as the window last heard it, for every feature that draws a model's name
 * or standing (the generate panel loads it; chats and the queue read it).
 */
import { create } from 'zustand';
import type { ModelInfo, Models } from '../../../shared/ipc/contract';
import { capabilitiesFor } from '../../../shared/models';

interface ModelsState {
  models: Models | null;
  setModels(models: Models): void;
}

export const useModelsStore = create<ModelsState>()((set) => ({
  models: null,
  setModels: (models) => set({ models }),
}));

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
