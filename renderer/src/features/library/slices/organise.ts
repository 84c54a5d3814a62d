import type { AssetSummary } from '../../../../../shared/ipc/contract';
import { call } from '../../../lib/bridge';
import { useNotices } from '../../../lib/notices';
import type { OrganiseSlice, SliceContext } from './types';
import { failed, inSlices, plural, warn } from './types';

export function organiseSlice({ set, get }: SliceContext): OrganiseSlice {
  /** Shows a change at once (rating, favourite) in the cached tiles and the open detail. */
  function patchAssets(ids: readonly string[], patch: Partial<Pick<AssetSummary, 'rating' | 'favorite'>>): void {
    const touched = new Set(ids);
    set((s) => {
      const pages: Record<number, AssetSummary[]> = {};
      for (const [key, assets] of Object.entries(s.pages)) {
        pages[Number(key)] = assets.some((a) => touched.has(a.id)) ? assets.map((a) => (touched.has(a.id) ? { ...a, ...patch } : a)) : assets;
      }
      const detail = s.detail && touched.has(s.detail.id) ? { ...s.detail, ...patch } : s.detail;
      return { pages, detail };
    });
  }

  return {
    async rate(ids, rating) {
      if (!ids.length) return;
      patchAssets(ids, { rating });
      const res = await inSlices(ids, (slice) => call('library.update', { ids: slice, rating }));
      if (!res.ok) {
        failed(res, 'Could not rate');
        get().refresh();
      }
    },

    async setFavorite(ids, favorite) {
      if (!ids.length) return;
      patchAssets(ids, { favorite });
      const res = await inSlices(ids, (slice) => call('library.update', { ids: slice, favorite }));
      if (!res.ok) {
        failed(res, favorite ? 'Could not add to favourites' : 'Could not remove from favourites');
        get().refresh();
      }
    },

    async tag(ids, add, remove = []) {
      if (!ids.length || (!add.length && !remove.length)) return;
      const res = await inSlices(ids, (slice) => call('library.tag', { ids: slice, add, remove }));
      if (!res.ok) return failed(res, 'Could not change the tags');
      // The detail shows tags; the event refreshes it too, this makes it immediate.
      if (get().selectedId && ids.includes(get().selectedId!)) void get().refreshDetail();
    },

    async trash(ids) {
      if (!ids.length) return;
      const res = await inSlices(ids, (slice) => call('library.trash', { ids: slice }));
      if (!res.ok) return failed(res, 'Could not move to the trash');
      const trashed = res.data.reduce((n, d) => n + d.trashed, 0);
      const gone = new Set(ids);
      set((s) => ({ selection: new Set([...s.selection].filter((id) => !gone.has(id))) }));
      if (get().selectedId && gone.has(get().selectedId!)) get().closeDetail();
      get().refresh();
      useNotices.getState().push({
        kind: 'info',
        message: `Moved ${plural(trashed, 'image')} to the trash.`,
        action: { label: 'Undo', testId: 'notice-undo', run: () => void get().restore(ids) },
      });
    },

    async restore(ids) {
      if (!ids.length) return;
      const res = await inSlices(ids, (slice) => call('library.restore', { ids: slice }));
      if (!res.ok) return failed(res, 'Could not restore');
      const restored = res.data.reduce((n, d) => n + d.restored, 0);
      const back = new Set(ids);
      set((s) => ({ selection: new Set([...s.selection].filter((id) => !back.has(id))) }));
      get().refresh();
      useNotices.getState().push({ kind: 'info', message: `Restored ${plural(restored, 'image')}.` });
    },

    async emptyTrash() {
      const res = await call('library.emptyTrash');
      if (!res.ok) {
        failed(res, 'Could not empty the trash');
        return false;
      }
      set({ selection: new Set() });
      if (get().detail?.trashedAt) get().closeDetail();
      get().refresh();
      useNotices.getState().push({ kind: 'info', message: `Deleted ${plural(res.data.deleted, 'image')} for good.` });
      return true;
    },

    async exportAssets(ids) {
      if (!ids.length) return;
      // One folder dialog, one call: an export of more than the contract's 10,000 is cut there.
      if (ids.length > 10_000) warn(`Exporting the first 10,000 of ${ids.length.toLocaleString()} images.`);
      const res = await call('library.export', { ids: ids.slice(0, 10_000), sidecar: false });
      if (!res.ok) return failed(res, 'Could not export');
      // No folder: the user closed the dialog.
      if (res.data.folder === null) return;
      useNotices.getState().push({ kind: 'info', message: `Exported ${plural(res.data.written.length, 'image')} to ${res.data.folder}.` });
    },

    async copyImage(id) {
      const res = await call('library.copy', { id });
      if (!res.ok) return failed(res, 'Could not copy the image');
      useNotices.getState().push({ kind: 'info', message: 'Image copied to the clipboard.' });
    },

    async openImage(id) {
      const res = await call('library.open', { id });
      if (!res.ok) failed(res, 'Could not open the image');
    },

    async revealImage(id) {
      const res = await call('library.reveal', { id });
      if (!res.ok) failed(res, 'Could not show the file');
    },
  };
}
