import { useAssets } from '../../../lib/assets';
import { call } from '../../../lib/bridge';
import { useNotices } from '../../../lib/notices';
import type { OrganiseSlice, SliceContext } from './types';
import { failed, inSlices, plural, warn } from './types';

export function organiseSlice({ set, get }: SliceContext): OrganiseSlice {
  return {
    // Rating, favourite and trash live in the one asset cache (lib/assets.ts), which every
    // screen reads; the library adds what it shows around them (notices, selection, its pages).
    async rate(ids, rating) {
      if (!ids.length) return;
      const error = await useAssets.getState().rate(ids, rating);
      if (error) {
        warn(`Could not rate: ${error}`);
        get().refresh();
      }
    },

    async setFavorite(ids, favorite) {
      if (!ids.length) return;
      const error = await useAssets.getState().setFavorite(ids, favorite);
      if (error) {
        warn(`${favorite ? 'Could not add to favourites' : 'Could not remove from favourites'}: ${error}`);
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
      const res = await useAssets.getState().trash(ids);
      if ('error' in res) return warn(`Could not move to the trash: ${res.error}`);
      const { trashed } = res;
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
      const res = await useAssets.getState().restore(ids);
      if ('error' in res) return warn(`Could not restore: ${res.error}`);
      const { restored } = res;
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

    async exportAssets(ids, opts = {}) {
      if (!ids.length) return;
      // One folder dialog, one call: an export of more than the contract's 10,000 is cut there.
      if (ids.length > 10_000) warn(`Exporting the first 10,000 of ${ids.length.toLocaleString()} images.`);
      const res = await call('library.export', { ids: ids.slice(0, 10_000), sidecar: false, embedMetadata: opts.embedMetadata === true });
      if (!res.ok) return failed(res, 'Could not export');
      // No folder: the user closed the dialog.
      if (res.data.folder === null) return;
      const n = res.data.credentialsKept;
      const kept =
        n === 0
          ? ''
          : n === 1 && res.data.written.length === 1
            ? ' It keeps its content credentials untouched; Atelier’s details are in an .xmp file beside it.'
            : ` ${plural(n, 'image')} ${n === 1 ? 'keeps its' : 'keep their'} content credentials untouched; Atelier’s details are in an .xmp file beside ${n === 1 ? 'it' : 'each'}.`;
      useNotices.getState().push({ kind: 'info', message: `Exported ${plural(res.data.written.length, 'image')} to ${res.data.folder}.${kept}` });
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
