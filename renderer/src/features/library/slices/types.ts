import type { AssetDetail, AssetSummary, Collection, GenerationDetail, IpcError, SmartCollection } from '../../../../../shared/ipc/contract';
import { errorText } from '../../../lib/format';
import { useNotices } from '../../../lib/notices';
import type { PageCache, PageState } from '../pageCache';
import type { LibraryFilters, LibraryQueryState, LibrarySort, LibraryViewMode } from '../query';

/** Finding and paging: the query, the cached pages, the selection, and whether the filters show. */
export interface BrowseSlice extends LibraryQueryState, PageState {
  /** Bumped by every new search, filter, order or view (the grid scrolls back to the top). */
  queryId: number;
  /** The tiles chosen for the selection bar. */
  selection: ReadonlySet<string>;
  /** Where a Shift range starts: the index last clicked or moved to. */
  anchorIndex: number | null;
  /** The filter side panel is open. */
  filtersOpen: boolean;
  /** Words typed in the search box and not searched yet (the pause in typing has not come); null when none. */
  typed: string | null;

  /** First load at startup. */
  load(): Promise<void>;
  setText(text: string): void;
  setTyped(text: string | null): void;
  setSort(sort: LibrarySort): void;
  setView(view: LibraryViewMode): void;
  setFilters(patch: Partial<LibraryFilters>): void;
  clearFilters(): void;
  setFiltersOpen(open: boolean): void;
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
}

/** The image (or text-only answer) in the detail panel. */
export interface DetailSlice {
  selectedId: string | null;
  detail: AssetDetail | null;
  detailError: string | null;
  /** A generation with no image (Gemini answered in words) shown in the same panel. */
  generationId: string | null;
  /** Generations fetched by id: the detail panel's text-only view and the queue's text answers. */
  generations: Record<string, GenerationDetail | undefined>;
  generationErrors: Record<string, string | undefined>;

  select(id: string): Promise<void>;
  openGeneration(id: string): Promise<void>;
  /** Fetches a generation once; later calls reuse it. */
  fetchGeneration(id: string): Promise<GenerationDetail | null>;
  closeDetail(): void;
  /** Reads the open detail again (after a change main made). */
  refreshDetail(): Promise<void>;
}

/** What can be done to images: judge, label, trash, export, hand to the desktop. */
export interface OrganiseSlice {
  rate(ids: string[], rating: number): Promise<void>;
  setFavorite(ids: string[], favorite: boolean): Promise<void>;
  tag(ids: string[], add: string[], remove?: string[]): Promise<void>;
  trash(ids: string[]): Promise<void>;
  restore(ids: string[]): Promise<void>;
  emptyTrash(): Promise<boolean>;
  /** `embedMetadata`: write Atelier's record into files with content credentials too, removing them (the user's explicit choice). */
  exportAssets(ids: string[], opts?: { embedMetadata?: boolean }): Promise<void>;
  copyImage(id: string): Promise<void>;
  openImage(id: string): Promise<void>;
  revealImage(id: string): Promise<void>;
}

export interface CollectionsSlice {
  collections: Collection[];
  /** Saved searches with their counts, fetched again with the collections at every library change. */
  smartCollections: SmartCollection[];
  /** Keeps the current words and filters by name; false when refused (said in a notice). */
  saveSmartCollection(name: string): Promise<boolean>;
  deleteSmartCollection(id: string): Promise<void>;
  /** False when refused (said in a notice); the list keeps its order by name. */
  renameSmartCollection(id: string, name: string): Promise<boolean>;
  /** Shows what a smart collection keeps: its words, filters and view, as one new search. */
  showSmartCollection(id: string): void;
  loadCollections(): Promise<void>;
  createCollection(name: string): Promise<Collection | null>;
  renameCollection(id: string, name: string): Promise<boolean>;
  deleteCollection(id: string): Promise<void>;
  addToCollection(collectionId: string, ids: string[]): Promise<void>;
  /** Makes a collection and puts these images in it; false when the name was refused. */
  addToNewCollection(name: string, ids: string[]): Promise<boolean>;
  removeFromCollection(collectionId: string, ids: string[]): Promise<void>;
}

export type LibraryState = BrowseSlice & DetailSlice & OrganiseSlice & CollectionsSlice;

type Update = Partial<LibraryState> | ((s: LibraryState) => Partial<LibraryState>);
export interface SliceContext {
  set(update: Update): void;
  get(): LibraryState;
  cache: PageCache;
}

export function warn(message: string): void {
  useNotices.getState().push({ kind: 'warning', message });
}

export function failed(res: IpcError, what: string): void {
  warn(`${what}: ${errorText(res)}`);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Calls per slice of ids (the contract takes at most 10,000 a call): the asset cache's, shared. */
export { inSlices } from '../../../lib/assets';
