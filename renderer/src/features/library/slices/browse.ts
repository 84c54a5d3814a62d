import type { AssetSummary } from '../../../../../shared/ipc/contract';
import { EMPTY_PAGES, assetAt } from '../pageCache';
import { NO_FILTERS, activeFilterCount } from '../query';
import type { BrowseSlice, LibraryState, SliceContext } from './types';

/** library.added / library.changed arrive in bursts (a batch landing, an import): refresh once. */
const REFRESH_DEBOUNCE_MS = 120;

export function browseSlice({ set, get, cache }: SliceContext): BrowseSlice {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  function newQuery(patch: Partial<LibraryState>): void {
    set((s) => ({ ...patch, searching: true, queryId: s.queryId + 1, selection: new Set<string>(), anchorIndex: null }));
    cache.restart();
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => get().refresh(), REFRESH_DEBOUNCE_MS);
  }

  return {
    ...EMPTY_PAGES,
    view: 'all',
    text: '',
    sort: 'newest',
    filters: NO_FILTERS,
    queryId: 0,
    selection: new Set(),
    anchorIndex: null,
    filtersOpen: false,
    typed: null,

    async load() {
      cache.fill();
      await get().loadCollections();
    },

    setText(text) {
      if (text !== get().text) newQuery({ text });
    },
    setTyped(typed) {
      if (typed !== get().typed) set({ typed });
    },
    setSort(sort) {
      if (sort !== get().sort) newQuery({ sort });
    },
    setView(view) {
      if (view !== get().view) newQuery({ view });
    },
    setFilters(patch) {
      newQuery({ filters: { ...get().filters, ...patch } });
    },
    clearFilters() {
      newQuery({ filters: NO_FILTERS });
    },
    setFiltersOpen(filtersOpen) {
      set({ filtersOpen });
    },

    showRange(first, last) {
      cache.show(first, last);
    },

    refresh() {
      clearTimeout(refreshTimer);
      cache.invalidate();
      void get().loadCollections();
      void get().refreshDetail();
    },

    addAssets(added: AssetSummary[]) {
      if (!added.length) return;
      const s = get();
      const plain = s.view === 'all' && s.sort === 'newest' && s.text.trim() === '' && activeFilterCount(s.filters) === 0;
      // New images go on top: shown at once (a finished job's image is there when its card says
      // so), and the pages below shift down by as many. The refresh then confirms it.
      if (plain && s.loaded) {
        const k = cache.prepend(added);
        if (k > 0 && s.anchorIndex !== null) set({ anchorIndex: s.anchorIndex + k });
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
  };
}

