import { call } from '../../../lib/bridge';
import { useMeaning } from '../../../lib/meaning';
import { useNotices } from '../../../lib/notices';
import type { CollectionsSlice, SliceContext } from './types';
import { failed, inSlices, plural } from './types';
import { fromSmartQuery, toSmartQuery } from '../query';

export function collectionsSlice({ set, get, cache }: SliceContext): CollectionsSlice {
  return {
    collections: [],
    smartCollections: [],

    async loadCollections() {
      // Smart collections are counted by main at each listing: fetched here, they follow every change.
      const [res, smart] = await Promise.all([call('collections.list'), call('smartCollections.list')]);
      if (res.ok) set({ collections: res.data });
      if (smart.ok) set({ smartCollections: smart.data });
    },

    async saveSmartCollection(name) {
      // The words in the box, also when the pause in typing that searches them has not come yet.
      const s = get();
      const res = await call('smartCollections.create', { name, query: toSmartQuery(s.typed === null ? s : { ...s, text: s.typed }, useMeaning.getState().status?.enabled === true) });
      if (!res.ok) {
        failed(res, 'Could not save the search');
        return false;
      }
      set((s) => ({ smartCollections: [...s.smartCollections, res.data].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })) }));
      return true;
    },

    async deleteSmartCollection(id) {
      const res = await call('smartCollections.delete', { id });
      if (!res.ok) return failed(res, 'Could not delete the smart collection');
      set((s) => ({ smartCollections: s.smartCollections.filter((c) => c.id !== id) }));
    },

    async renameSmartCollection(id, name) {
      const res = await call('smartCollections.rename', { id, name });
      if (!res.ok) {
        failed(res, 'Could not rename the smart collection');
        return false;
      }
      set((s) => ({ smartCollections: s.smartCollections.map((c) => (c.id === id ? res.data : c)).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })) }));
      return true;
    },

    showSmartCollection(id) {
      const smart = get().smartCollections.find((c) => c.id === id);
      if (!smart) return;
      // Its words replace any still waiting for the pause in typing (`typed: null`): the click came after them.
      set((s) => ({ ...fromSmartQuery(smart.query), typed: null, searching: true, queryId: s.queryId + 1, selection: new Set<string>(), anchorIndex: null }));
      cache.restart();
    },

    async createCollection(name) {
      const res = await call('collections.create', { name });
      if (!res.ok) {
        failed(res, 'Could not create the collection');
        return null;
      }
      set((s) => ({ collections: [...s.collections.filter((c) => c.id !== res.data.id), res.data] }));
      return res.data;
    },

    async renameCollection(id, name) {
      const res = await call('collections.rename', { id, name });
      if (!res.ok) {
        failed(res, 'Could not rename the collection');
        return false;
      }
      set((s) => ({ collections: s.collections.map((c) => (c.id === id ? res.data : c)) }));
      void get().refreshDetail();
      return true;
    },

    async deleteCollection(id) {
      const res = await call('collections.delete', { id });
      if (!res.ok) return failed(res, 'Could not delete the collection');
      set((s) => ({ collections: s.collections.filter((c) => c.id !== id) }));
      if (get().filters.collectionId === id) get().setFilters({ collectionId: null });
      void get().refreshDetail();
    },

    async addToNewCollection(name, ids) {
      const made = await get().createCollection(name);
      if (!made) return false;
      await get().addToCollection(made.id, ids);
      return true;
    },

    async addToCollection(collectionId, ids) {
      if (!ids.length) return;
      const res = await inSlices(ids, (slice) => call('collections.add', { id: collectionId, assetIds: slice }));
      if (!res.ok) return failed(res, 'Could not add to the collection');
      const after = res.data[res.data.length - 1]!;
      set((s) => ({ collections: s.collections.map((c) => (c.id === collectionId ? after : c)) }));
      if (ids.length > 1) useNotices.getState().push({ kind: 'info', message: `Added ${plural(ids.length, 'image')} to ${after.name}.` });
      if (get().selectedId && ids.includes(get().selectedId!)) void get().refreshDetail();
    },

    async removeFromCollection(collectionId, ids) {
      if (!ids.length) return;
      const res = await inSlices(ids, (slice) => call('collections.remove', { id: collectionId, assetIds: slice }));
      if (!res.ok) return failed(res, 'Could not remove from the collection');
      const after = res.data[res.data.length - 1]!;
      set((s) => ({ collections: s.collections.map((c) => (c.id === collectionId ? after : c)) }));
      if (get().selectedId && ids.includes(get().selectedId!)) void get().refreshDetail();
    },
  };
}
