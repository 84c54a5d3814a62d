/**
 * Requests one room makes of another ("open this generation in the library", "show these images
 * in the viewer", "use this image in the studio"). Features may not import each other, so the
 * asking side calls `intents` here and app/connect.ts answers each request with the room that
 * can. Unanswered (a unit test that connected nothing), a request is a no-op.
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
  /** The full-screen viewer, over whatever screen asks, at `index` of `assetIds`. */
  openViewer(assetIds: string[], index: number): void;
  /** "Compare" on a library selection: 2–4 images side by side in the compare room. */
  compareAssets(assetIds: readonly string[]): void;
  /** Opens a comparison in the compare room. */
  showComparison(comparisonId: string): void;
  /** "Start a chat": a new chat with this picture attached to its first message. */
  startChat(assetId: string): void;
}

interface IntentsState {
  handlers: Partial<Intents>;
  /**
   * The library images the studio's next request will use as references, for other rooms to show
   * ("In references"). The studio's store is the truth; app/connect.ts mirrors it here.
   */
  studioReferences: ReadonlySet<string>;
  /** Answers the requests in `next`. Returns a function that stops answering them. */
  answer(next: Partial<Intents>): () => void;
}

export function createIntentsStore() {
  return create<IntentsState>()((set, get) => ({
    handlers: {},
    studioReferences: new Set<string>(),
    answer(next) {
      set((s) => ({ handlers: { ...s.handlers, ...next } }));
      return () => {
        const handlers = { ...get().handlers };
        for (const k of Object.keys(next) as (keyof Intents)[]) if (handlers[k] === next[k]) delete handlers[k];
        set({ handlers });
      };
    },
  }));
}

export const useIntents = createIntentsStore();

/** What a room calls to ask another: each forwards to whatever app/ connected, or does nothing. */
export const intents: Intents = {
  openGeneration: (id) => useIntents.getState().handlers.openGeneration?.(id),
  reuse: (gen) => useIntents.getState().handlers.reuse?.(gen),
  addReferences: (ids) => useIntents.getState().handlers.addReferences?.(ids),
  openViewer: (ids, index) => useIntents.getState().handlers.openViewer?.(ids, index),
  compareAssets: (ids) => useIntents.getState().handlers.compareAssets?.(ids),
  showComparison: (id) => useIntents.getState().handlers.showComparison?.(id),
  startChat: (id) => useIntents.getState().handlers.startChat?.(id),
};

/** The studio's library references, as a hook for the rooms that mark them. */
export function useStudioReferences(): ReadonlySet<string> {
  return useIntents((s) => s.studioReferences);
}
