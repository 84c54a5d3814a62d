/**
 * The library as the renderer sees it: a window onto main's library that can hold a quarter of a
 * million images. Main owns the data; this store is a page cache (pageCache.ts) around the rows
 * on screen plus four slices — browsing, the detail panel, organising, collections.
 * `createLibraryStore()` makes an independent store, so tests need no module reset.
 */
import { create } from 'zustand';
import { call } from '../../lib/bridge';
import { PageCache } from './pageCache';
import { toSearchQuery } from './query';
import { browseSlice } from './slices/browse';
import { collectionsSlice } from './slices/collections';
import { detailSlice } from './slices/detail';
import { organiseSlice } from './slices/organise';
import type { LibraryState, SliceContext } from './slices/types';

export { PAGE_SIZE, assetAt, indexOfAsset } from './pageCache';
export type { LibraryState } from './slices/types';

/** The drag type a library tile carries, so the reference tray can tell it from a desktop file. */
export { ASSET_DRAG_TYPE } from '../../lib/files';

export function createLibraryStore() {
  return create<LibraryState>()((set, get) => {
    const cache = new PageCache(
      (offset, limit) => call('library.search', { ...toSearchQuery(get()), offset, limit }),
      get,
      (update) => set((s) => update(s)),
    );
    const ctx: SliceContext = { set, get, cache };
    return { ...browseSlice(ctx), ...detailSlice(ctx), ...organiseSlice(ctx), ...collectionsSlice(ctx) };
  });
}

export const useLibraryStore = createLibraryStore();
