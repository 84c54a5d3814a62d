/**
 * The library as the renderer sees it: a window onto main's library that can hold a quarter of a
 * million images. Main owns the data; this store keeps only pages of `library.search` around the
 * rows on screen (a cache by offset, refetched when main says something changed), the selection,
 * the image in the detail panel, and the collections.
 */
import { create } from 'zustand';
import type { AssetDetail, AssetSummary, Collection, GenerationDetail, IpcError, IpcResult } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useNotices } from '../../lib/notices';
import { NO_FILTERS, activeFilterCount, toSearchQuery, type LibraryFilters, type LibraryQueryState, type LibrarySort, type LibraryViewMode } from './query';

/** Assets per `library.search` call: a few screens of tiles, one quick query. */
export const PAGE_SIZE = 300;
/** Pages kept in memory at most (~15,000 summaries); the farthest from the screen go first. */
const MAX_PAGES = 48;
/** Pages fetched at once; a fast scroll wants the pages where it stops, not every one it passed. */
const PARALLEL_PAGES = 2;
/** library.added / library.changed arrive in bursts (a batch landing, an import): refresh once. */
const REFRESH_DEBOUNCE_MS = 120;

/** The drag type a library tile carries, so the reference tray can tell it from a desktop file. */
export { ASSET_DRAG_TYPE } from '../../lib/files';

interface LibraryState extends LibraryQueryState {
  /** Cached pages of the current query, by page number (offset / PAGE_SIZE). */
  pages: Record<number, AssetSummary[]>;
  /** How many matches there are (a lower bound while `capped`). */
  total: number;
  /** Main stopped counting at 10,000: the grid grows as pages come in. */
  capped: boolean;
  /** Rows the grid lays out: `total`, or more while `capped` and the pages keep coming full. */
  count: number;
  /** The first page of the library has arrived (the empty state can be told from "loading"). */
  loaded: boolean;
  loadError: string | null;
  /** A new search or filter is on its way; the previous results stay until it lands. */
  searching: boolean;
  /** Bumped by every new search, filter, order or view (the grid scrolls back to the top). */
  queryId: number;

  /** The tiles chosen for the selection bar. */
  selection: ReadonlySet<string>;
  /** Where a Shift range starts: the index last clicked or moved to. */
  anchorIndex: number | null;

  /** The image in the detail panel. */
  selectedId: string | null;
  detail: AssetDetail | null;
  detailError: string | null;
  /** A generation with no image (Gemini answered in words) shown in the same panel. */
  generationId: string | null;
  /** Generations fetched by id: the detail panel's text-only view and the queue's text answers. */
  generations: Record<string, GenerationDetail | undefined>;
  generationErrors: Record<string, string | undefined>;

  collections: Collection[];

  /** First load at startup. */
  load(): Promise<void>;
  setText(text: string): void;
  setSort(sort: LibrarySort): void;
  setView(view: LibraryViewMode): void;
  setFilters(patch: Partial<LibraryFilters>): void;
  clearFilters(): void;
  /** The grid reports the indexes on screen (with overscan); pages for them are fetched. */
  showRange(first: number, last: number): void;
  /** Fetches the pages on screen again (after main said something changed). */
  refresh(): void;
  /** New assets from main (library.added, library.import). */
  addAssets(assets: AssetSummary[]): void;
  /** library.changed: ratings, tags, trash… of these ids (none: anything, e.g. the trash emptied). */
  applyChanged(ids: string[]): void;

  selectOnly(index: number, id: string): void;
  toggleSelected(index: number, id: string): void;
  selectRange(index: number): void;
  selectAllLoaded(): void;
  clearSelection(): void;

  select(id: string): Promise<void>;
  openGeneration(id: string): Promise<void>;
  /** Fetches a generation once; later calls reuse it. */
  fetchGeneration(id: string): Promise<GenerationDetail | null>;
  closeDetail(): void;

  rate(ids: string[], rating: number): Promise<void>;
  setFavorite(ids: string[], favorite: boolean): Promise<void>;
  tag(ids: string[], add: string[], remove?: string[]): Promise<void>;
  trash(ids: string[]): Promise<void>;
  restore(ids: string[]): Promise<void>;
  emptyTrash(): Promise<boolean>;
  exportAssets(ids: string[]): Promise<void>;
  copyImage(id: string): Promise<void>;
  openImage(id: string): Promise<void>;
  revealImage(id: string): Promise<void>;

  loadCollections(): Promise<void>;
  createCollection(name: string): Promise<Collection | null>;
  renameCollection(id: string, name: string): Promise<boolean>;
  deleteCollection(id: string): Promise<void>;
  addToCollection(collectionId: string, ids: string[]): Promise<void>;
  /** Makes a collection and puts these images in it; false when the name was refused. */
  addToNewCollection(name: string, ids: string[]): Promise<boolean>;
  removeFromCollection(collectionId: string, ids: string[]): Promise<void>;
}

const inFlightGenerations = new Map<string, Promise<GenerationDetail | null>>();

// The page cache's bookkeeping. Not state: nothing renders from it.
/** Bumped by every new query; answers to an older one are dropped. */
let queryVersion = 0;
/** Bumped by every refresh; a page fetched before the latest refresh stays stale. */
let revision = 0;
/** True between a new query and its first page: that page replaces the whole cache. */
let resetPending = false;
const inFlightPages = new Map<number, number>();
const stalePages = new Set<number>();
let wanted: [number, number] = [0, PAGE_SIZE - 1];
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function warn(message: string): void {
  useNotices.getState().push({ kind: 'warning', message });
}

function failed(res: IpcError, what: string): void {
  warn(`${what}: ${errorText(res)}`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The contract takes at most 10,000 ids a call; "select all" over a big library can hold more. */
const IDS_PER_CALL = 5_000;

/** Runs a call per slice of ids; the first failure stops it and is returned. */
async function inSlices<T>(ids: readonly string[], run: (slice: string[]) => Promise<IpcResult<T>>): Promise<{ ok: true; data: T[] } | IpcError> {
  const data: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
    const res = await run(ids.slice(i, i + IDS_PER_CALL));
    if (!res.ok) return res;
    data.push(res.data);
  }
  return { ok: true, data };
}

export function assetAt(pages: Record<number, AssetSummary[]>, index: number): AssetSummary | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** Where an asset sits in the loaded pages, or -1. */
export function indexOfAsset(pages: Record<number, AssetSummary[]>, id: string): number {
  for (const [key, assets] of Object.entries(pages)) {
    const i = assets.findIndex((a) => a.id === id);
    if (i >= 0) return Number(key) * PAGE_SIZE + i;
  }
  return -1;
}

export const useLibraryStore = create<LibraryState>()((set, get) => {
  /** The pages on screen, nearest first, that are missing or stale; page 0 too, for the count. */
  function pump(): void {
    const s = get();
    const first = Math.max(0, Math.floor(wanted[0] / PAGE_SIZE));
    const last = Math.max(first, Math.floor(wanted[1] / PAGE_SIZE));
    const needed: number[] = [];
    for (let p = first; p <= last; p++) needed.push(p);
    if (!needed.includes(0) && (resetPending || !s.pages[0] || stalePages.has(0))) needed.push(0);
    for (const p of needed) {
      if (inFlightPages.size >= PARALLEL_PAGES) return;
      if (inFlightPages.has(p)) continue;
      if (!resetPending && s.pages[p] && !stalePages.has(p)) continue;
      void fetchPage(p);
    }
  }

  async function fetchPage(page: number): Promise<void> {
    const version = queryVersion;
    const rev = revision;
    inFlightPages.set(page, version);
    const res = await call('library.search', { ...toSearchQuery(get()), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (inFlightPages.get(page) === version) inFlightPages.delete(page);
    if (version !== queryVersion) {
      pump();
      return;
    }
    if (!res.ok) {
      set({ loadError: errorText(res), loaded: true, searching: false });
      return;
    }
    const { assets, total, capped } = res.data;
    if (rev === revision) stalePages.delete(page);
    else stalePages.add(page);
    const fresh = resetPending;
    set((s) => {
      let pages: Record<number, AssetSummary[]>;
      if (fresh) {
        pages = { [page]: assets };
        stalePages.clear();
        resetPending = false;
      } else {
        pages = { ...s.pages, [page]: assets };
      }
      pages = evict(pages);
      let count = total;
      if (capped) {
        // Main stopped counting: a full page means there may be more, a short one marks the end.
        const end = page * PAGE_SIZE + assets.length;
        count = assets.length < PAGE_SIZE ? end : Math.max(total, s.capped && !fresh ? s.count : 0, end + PAGE_SIZE);
      }
      return { pages, total, capped, count, loaded: true, loadError: null, searching: false };
    });
    pump();
  }

  /** Drops the pages farthest from the screen once the cache is full. */
  function evict(pages: Record<number, AssetSummary[]>): Record<number, AssetSummary[]> {
    const keys = Object.keys(pages).map(Number);
    if (keys.length <= MAX_PAGES) return pages;
    const centre = (wanted[0] + wanted[1]) / 2 / PAGE_SIZE;
    const keep = new Set(keys.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre)).slice(0, MAX_PAGES));
    keep.add(0);
    const out: Record<number, AssetSummary[]> = {};
    for (const k of keep) if (pages[k]) out[k] = pages[k];
    return out;
  }

  /** A new search, filter, order or view: the list starts again at the top. */
  function newQuery(patch: Partial<LibraryState>): void {
    queryVersion += 1;
    resetPending = true;
    inFlightPages.clear();
    const span = Math.max(0, wanted[1] - wanted[0]);
    wanted = [0, span];
    set((s) => ({ ...patch, searching: true, queryId: s.queryId + 1, selection: new Set<string>(), anchorIndex: null }));
    pump();
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => get().refresh(), REFRESH_DEBOUNCE_MS);
  }

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

  async function refreshDetail(): Promise<void> {
    const id = get().selectedId;
    if (!id) return;
    const res = await call('library.get', { id });
    if (get().selectedId !== id) return;
    if (res.ok) set({ detail: res.data, detailError: null });
    else if (res.code === 'not_found') get().closeDetail();
  }

  return {
    view: 'all',
    text: '',
    sort: 'newest',
    filters: NO_FILTERS,
    pages: {},
    total: 0,
    capped: false,
    count: 0,
    loaded: false,
    loadError: null,
    searching: false,
    queryId: 0,
    selection: new Set(),
    anchorIndex: null,
    selectedId: null,
    detail: null,
    detailError: null,
    generationId: null,
    generations: {},
    generationErrors: {},
    collections: [],

    async load() {
      pump();
      await get().loadCollections();
    },

    setText(text) {
      if (text === get().text) return;
      newQuery({ text });
    },
    setSort(sort) {
      if (sort === get().sort) return;
      newQuery({ sort });
    },
    setView(view) {
      if (view === get().view) return;
      newQuery({ view });
    },
    setFilters(patch) {
      newQuery({ filters: { ...get().filters, ...patch } });
    },
    clearFilters() {
      newQuery({ filters: NO_FILTERS });
    },

    showRange(first, last) {
      if (wanted[0] === first && wanted[1] === last) return;
      wanted = [first, last];
      pump();
    },

    refresh() {
      clearTimeout(refreshTimer);
      revision += 1;
      for (const key of Object.keys(get().pages)) stalePages.add(Number(key));
      for (const key of inFlightPages.keys()) stalePages.add(key);
      pump();
      void get().loadCollections();
      void refreshDetail();
    },

    addAssets(added) {
      if (!added.length) return;
      const s = get();
      const plain = s.view === 'all' && s.sort === 'newest' && s.text.trim() === '' && activeFilterCount(s.filters) === 0;
      if (plain && s.loaded) {
        // New images go on top: shown at once (a finished job's image is there when its card
        // says so), and the pages below shift down by as many. The refresh then confirms it.
        const top = new Set((s.pages[0] ?? []).map((a) => a.id));
        const fresh = added.filter((a) => !top.has(a.id)).sort((a, b) => b.createdAt - a.createdAt);
        const k = fresh.length;
        if (k > 0 && k < PAGE_SIZE) {
          const pages: Record<number, AssetSummary[]> = {};
          for (const key of Object.keys(s.pages).map(Number)) {
            const before = key === 0 ? fresh : s.pages[key - 1]?.slice(-k);
            // A page whose predecessor is not at hand cannot be shifted; it is fetched again.
            if (before && before.length === k) pages[key] = [...before, ...s.pages[key]!].slice(0, PAGE_SIZE);
          }
          set({
            pages,
            total: s.total + k,
            count: s.count + k,
            anchorIndex: s.anchorIndex === null ? null : s.anchorIndex + k,
          });
        }
      }
      scheduleRefresh();
    },

    applyChanged() {
      // Any change can move tiles between pages (a rating under "Rating" order, the trash), so
      // the pages on screen are fetched again rather than patched by id.
      scheduleRefresh();
    },

    selectOnly(index, id) {
      set({ selection: new Set([id]), anchorIndex: index });
    },
    toggleSelected(index, id) {
      set((s) => {
        const selection = new Set(s.selection);
        if (selection.has(id)) selection.delete(id);
        else selection.add(id);
        return { selection, anchorIndex: index };
      });
    },
    selectRange(index) {
      set((s) => {
        const anchor = s.anchorIndex ?? index;
        const selection = new Set<string>();
        for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
          const a = assetAt(s.pages, i);
          if (a) selection.add(a.id);
        }
        return { selection, anchorIndex: anchor };
      });
    },
    selectAllLoaded() {
      set((s) => {
        const selection = new Set<string>();
        for (const assets of Object.values(s.pages)) for (const a of assets) selection.add(a.id);
        return { selection };
      });
    },
    clearSelection() {
      if (get().selection.size) set({ selection: new Set() });
    },

    async select(id) {
      const s = get();
      if (!s.selection.has(id) || s.selection.size !== 1) {
        const index = indexOfAsset(s.pages, id);
        set({ selection: new Set([id]), anchorIndex: index >= 0 ? index : s.anchorIndex });
      }
      if (s.selectedId === id && s.detail?.id === id) return;
      set({ selectedId: id, generationId: null, detail: null, detailError: null });
      const res = await call('library.get', { id });
      // The user may have moved on while this was loading.
      if (get().selectedId !== id) return;
      if (!res.ok) {
        set({ detailError: errorText(res) });
        return;
      }
      set({ detail: res.data });
    },

    async openGeneration(id) {
      set({ selectedId: null, detail: null, detailError: null, generationId: id });
      await get().fetchGeneration(id);
    },

    fetchGeneration(id) {
      const have = get().generations[id];
      if (have) return Promise.resolve(have);
      const pending = inFlightGenerations.get(id);
      if (pending) return pending;
      const p = call('generation.get', { id }).then((res) => {
        inFlightGenerations.delete(id);
        if (!res.ok) {
          set((s) => ({ generationErrors: { ...s.generationErrors, [id]: errorText(res) } }));
          return null;
        }
        set((s) => ({ generations: { ...s.generations, [id]: res.data }, generationErrors: { ...s.generationErrors, [id]: undefined } }));
        return res.data;
      });
      inFlightGenerations.set(id, p);
      return p;
    },

    closeDetail() {
      set({ selectedId: null, detail: null, detailError: null, generationId: null });
    },

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
      if (get().selectedId && ids.includes(get().selectedId!)) void refreshDetail();
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

    async loadCollections() {
      const res = await call('collections.list');
      if (res.ok) set({ collections: res.data });
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
      void refreshDetail();
      return true;
    },

    async deleteCollection(id) {
      const res = await call('collections.delete', { id });
      if (!res.ok) return failed(res, 'Could not delete the collection');
      set((s) => ({ collections: s.collections.filter((c) => c.id !== id) }));
      if (get().filters.collectionId === id) get().setFilters({ collectionId: null });
      void refreshDetail();
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
      if (get().selectedId && ids.includes(get().selectedId!)) void refreshDetail();
    },

    async removeFromCollection(collectionId, ids) {
      if (!ids.length) return;
      const res = await inSlices(ids, (slice) => call('collections.remove', { id: collectionId, assetIds: slice }));
      if (!res.ok) return failed(res, 'Could not remove from the collection');
      const after = res.data[res.data.length - 1]!;
      set((s) => ({ collections: s.collections.map((c) => (c.id === collectionId ? after : c)) }));
      if (get().selectedId && ids.includes(get().selectedId!)) void refreshDetail();
    },
  };
});
