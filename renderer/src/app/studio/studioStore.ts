/**
 * The studio page's own state: ratings given on the stage this session (shown on the result at
 * once; main keeps the real value) and requests to move focus to the newest result.
 */
import { create } from 'zustand';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

interface StudioState {
  ratings: Record<string, number>;
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

export const useStudio = create<StudioState>()((set, get) => ({
  ratings: {},
  error: null,
  focusNewest: 0,
  pendingNewest: false,
  queueOpen: false,
  shortcutsOpen: false,
  async rate(assetId, rating) {
    const before = get().ratings[assetId];
    set((s) => ({ ratings: { ...s.ratings, [assetId]: rating }, error: null }));
    const res = await call('library.update', { ids: [assetId], rating });
    if (!res.ok) {
      // Put back what was there: the library did not take the new rating.
      set((s) => ({ ratings: { ...s.ratings, [assetId]: before ?? 0 }, error: `Could not rate: ${errorText(res)}` }));
    }
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
