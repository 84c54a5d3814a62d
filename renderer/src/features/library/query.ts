/**
 * What the library shows: the view (all, favourites, trash), the words searched, the filters and
 * the order — and how that becomes a `library.search` query. Pure, so the toolbar, the chips and
 * the store agree on one meaning.
 */
import type { LibraryQuery, SmartCollectionQuery } from '../../../../shared/ipc/contract';
import type { AspectRatio, ImageSize, ModelTier } from '../../../../shared/domain/vocabulary';

export type LibraryViewMode = 'all' | 'favorites' | 'trash';
export type LibrarySort = NonNullable<LibraryQuery['sort']>;
export type AssetSource = 'generated' | 'edited' | 'imported' | 'compared';

export const SORT_LABELS: Record<LibrarySort, string> = {
  newest: 'Newest',
  oldest: 'Oldest',
  rating: 'Rating',
  name: 'Name',
};

export const SOURCE_LABELS: Record<AssetSource, string> = {
  generated: 'Generated',
  edited: 'Edited',
  imported: 'Imported',
  compared: 'Compared',
};

export type ServedTier = 'standard' | 'flex' | 'priority' | 'batch';

export const SERVED_TIER_LABELS: Record<ServedTier, string> = {
  standard: 'Standard',
  flex: 'Economy (Flex)',
  priority: 'Priority',
  batch: 'Batch',
};

export interface LibraryFilters {
  tiers: ModelTier[];
  aspectRatios: AspectRatio[];
  imageSizes: ImageSize[];
  sources: AssetSource[];
  /** 0 = any rating. */
  minRating: number;
  /** Only images made with Google Search grounding. */
  hasGrounding: boolean;
  /** Content credentials (C2PA): any file, files that carry them, or those that say an algorithm made them. */
  credentials: 'any' | 'has' | 'ai';
  /** The tier Google served it at; 'any' = every tier. */
  serviceTier: 'any' | ServedTier;
  /** Local calendar days, `yyyy-mm-dd` as a date input gives them; '' = open. */
  from: string;
  to: string;
  collectionId: string | null;
  /** Results made with this Element. */
  elementId: string | null;
}

export const NO_FILTERS: LibraryFilters = {
  tiers: [],
  aspectRatios: [],
  imageSizes: [],
  sources: [],
  minRating: 0,
  hasGrounding: false,
  credentials: 'any',
  serviceTier: 'any',
  from: '',
  to: '',
  collectionId: null,
  elementId: null,
};

export interface LibraryQueryState {
  view: LibraryViewMode;
  text: string;
  sort: LibrarySort;
  filters: LibraryFilters;
}

/** Midnight at the start of a local calendar day; null for an empty or invalid input. */
function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(t) ? t : null;
}

export function toSearchQuery(q: LibraryQueryState): LibraryQuery {
  const f = q.filters;
  const from = dayStart(f.from);
  const toDay = dayStart(f.to);
  const query: LibraryQuery = { text: q.text.trim(), sort: q.sort, trashed: q.view === 'trash' };
  if (q.view === 'favorites') query.favorites = true;
  if (f.tiers.length) query.tiers = f.tiers;
  if (f.aspectRatios.length) query.aspectRatios = f.aspectRatios;
  if (f.imageSizes.length) query.imageSizes = f.imageSizes;
  if (f.sources.length) query.sources = f.sources;
  if (f.minRating > 0) query.minRating = f.minRating;
  if (f.hasGrounding) query.hasGrounding = true;
  if (f.credentials !== 'any') query.credentials = f.credentials;
  if (f.serviceTier !== 'any') query.serviceTiers = [f.serviceTier];
  if (from !== null) query.from = from;
  // "To" is inclusive for a person: everything before the next day's midnight.
  if (toDay !== null) query.to = new Date(toDay).setDate(new Date(toDay).getDate() + 1);
  if (f.collectionId) query.collectionId = f.collectionId;
  if (f.elementId) query.elementId = f.elementId;
  return query;
}

export const CREDENTIALS_FILTER_LABELS: Record<LibraryFilters['credentials'], string> = {
  any: 'Any',
  has: 'Has content credentials',
  ai: 'AI-generated per credentials',
};

export function activeFilterCount(f: LibraryFilters): number {
  return (
    (f.tiers.length ? 1 : 0) +
    (f.aspectRatios.length ? 1 : 0) +
    (f.imageSizes.length ? 1 : 0) +
    (f.sources.length ? 1 : 0) +
    (f.minRating > 0 ? 1 : 0) +
    (f.hasGrounding ? 1 : 0) +
    (f.credentials !== 'any' ? 1 : 0) +
    (f.serviceTier !== 'any' ? 1 : 0) +
    (f.from || f.to ? 1 : 0) +
    (f.collectionId ? 1 : 0) +
    (f.elementId ? 1 : 0)
  );
}

/** Toggles a value in a list filter (tiers, ratios…), keeping the list's order stable. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * The current search as a smart collection keeps it: words and filters, no order, never the trash.
 * With search by meaning on, words are kept as a search by meaning too.
 */
export function toSmartQuery(q: LibraryQueryState, meaningOn = false): SmartCollectionQuery {
  const { sort: _sort, trashed: _trashed, offset: _offset, limit: _limit, ...rest } = toSearchQuery({ ...q, view: q.view === 'trash' ? 'all' : q.view });
  return meaningOn && rest.text ? { ...rest, meaning: true } : rest;
}

const day = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A smart collection's query back in the library's controls (the inverse of `toSmartQuery`). */
export function fromSmartQuery(q: SmartCollectionQuery): Pick<LibraryQueryState, 'view' | 'text' | 'filters'> {
  return {
    view: q.favorites ? 'favorites' : 'all',
    text: q.text ?? '',
    filters: {
      tiers: [...(q.tiers ?? [])],
      aspectRatios: [...(q.aspectRatios ?? [])],
      imageSizes: [...(q.imageSizes ?? [])],
      sources: [...(q.sources ?? [])].filter((s): s is AssetSource => s in SOURCE_LABELS),
      minRating: q.minRating ?? 0,
      hasGrounding: q.hasGrounding === true,
      credentials: q.credentials ?? 'any',
      serviceTier: q.serviceTiers?.length === 1 ? q.serviceTiers[0]! : 'any',
      from: q.from !== undefined ? day(q.from) : '',
      // Stored as the next day's midnight: the day shown is the one before.
      to: q.to !== undefined ? day(new Date(q.to).setDate(new Date(q.to).getDate() - 1)) : '',
      collectionId: q.collectionId ?? null,
      elementId: q.elementId ?? null,
    },
  };
}
