/**
 * Requests one room makes of another ("open this generation in the library", "use this image in
 * the studio"). Features may not import each other, so the asking side calls a function here and
 * lib/events.ts connects it to the store that answers. Unconnected (a unit test), a request is a no-op.
 */
import { create } from 'zustand';
import type { GenerationDetail } from '../../../shared/ipc/contract';

export interface Intents {
  /** Shows a generation's details (a text answer has no image to open). */
  openGeneration(generationId: string): void;
  /** "Reuse settings": the studio takes the generation's prompt and knobs. */
  reuse(gen: GenerationDetail): void;
  /** "Use as reference": the studio's next request takes these library images as references. */
  addReferences(assetIds: readonly string[]): void;
}

const handlers: Partial<Intents> = {};

export function connectIntents(next: Intents): () => void {
  Object.assign(handlers, next);
  return () => {
    for (const k of Object.keys(next) as (keyof Intents)[]) delete handlers[k];
  };
}

export const intents: Intents = {
  openGeneration: (id) => handlers.openGeneration?.(id),
  reuse: (gen) => handlers.reuse?.(gen),
  addReferences: (ids) => handlers.addReferences?.(ids),
};

/**
 * The library images the studio's next request will use as references, for other rooms to show
 * ("In references"). The studio's store is the truth; lib/events.ts mirrors it here.
 */
export const useStudioReferences = create<{ assetIds: ReadonlySet<string> }>()(() => ({ assetIds: new Set<string>() }));
