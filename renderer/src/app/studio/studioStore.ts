/**
 * The studio page's own state: why a rating given on the stage failed (the rating itself lives
 * in the one asset cache, lib/assets.ts) and requests to move focus to the newest result.
 */
import { create } from 'zustand';
import { useAssets } from '../../lib/assets';

interface StudioState {
  error: string | null;
  focusNewest: number;
  /**
   * "Newest result" was asked for and not yet honoured: Esc pressed before the result exists.
   * The stage takes focus meanwhile and hands it to the result when it arrives.
   */
  pendingNewest: boolean;
  queueOpen: boolean;
  shortcutsOpen: boolean;
  rate(assetId: string, rating: number): Promise<void>;
  requestNewest(): void;
  settleNewest(): void;
  setQueueOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
}

/** The studio page's own state; made by a factory so each test builds a fresh one. */
export function createStudioStore() {
  return create<StudioState>()((set) => ({
    error: null,
    focusNewest: 0,
    pendingNewest: false,
    queueOpen: false,
    shortcutsOpen: false,
    async rate(assetId, rating) {
      set({ error: null });
      const error = await useAssets.getState().rate([assetId], rating);
      if (error) set({ error: `Could not rate: ${error}` });
    },
    requestNewest() {
      set((s) => ({ focusNewest: s.focusNewest + 1, pendingNewest: true }));
    },
    settleNewest() {
      set({ pendingNewest: false });
    },
    setQueueOpen(queueOpen) {
      set({ queueOpen });
    },
    setShortcutsOpen(shortcutsOpen) {
      set({ shortcutsOpen });
    },
  }));
}

export const useStudio = createStudioStore();
