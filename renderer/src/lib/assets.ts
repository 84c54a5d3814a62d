/**
 * The one cache of what the renderer knows about library images: their details as main last
 * sent them, and how they are organised (rating, favourite, trash). Organising happens here and
 * nowhere else, so a rating given in the viewer is the rating the stage, the library and a chat
 * show. Screens read it through selectors; a failed change is put back and its reason returned,
 * for each screen to tell in its own place.
 */
import { create } from 'zustand';
import type { AssetDetail, AssetSummary, IpcError, IpcResult } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';

export interface Organised {
  rating: number;
  favorite: boolean;
  trashedAt: number | null;
}

interface AssetCacheState {
  /** Details fetched by id (`library.get`). */
  details: Record<string, AssetDetail>;
  /** Rating, favourite and trash as last set here or read from main; overrides older copies. */
  organised: Record<string, Organised>;

  /** Fetches an image's details (again) into the cache; resolves to main's answer. */
  loadDetail(id: string): Promise<IpcResult<AssetDetail>>;
  /** Rates `ids` (0 clears). Resolves to null, or to why it failed (the old ratings are back). */
  rate(ids: readonly string[], rating: number): Promise<string | null>;
  setFavorite(ids: readonly string[], favorite: boolean): Promise<string | null>;
  /** Moves `ids` to the trash: how many went, or why none did. */
  trash(ids: readonly string[]): Promise<{ trashed: number } | { error: string }>;
  restore(ids: readonly string[]): Promise<{ restored: number } | { error: string }>;
}

/** The contract takes at most 10,000 ids a call; "select all" over a big library can hold more. */
const IDS_PER_CALL = 5_000;

/** Runs a call per slice of ids; the first failure stops it and is returned. */
export async function inSlices<T>(ids: readonly string[], run: (slice: string[]) => Promise<IpcResult<T>>): Promise<{ ok: true; data: T[] } | IpcError> {
  const data: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
    const res = await run(ids.slice(i, i + IDS_PER_CALL));
    if (!res.ok) return res;
    data.push(res.data);
  }
  return { ok: true, data };
}

const NONE: Organised = { rating: 0, favorite: false, trashedAt: null };

function factsOf(a: Pick<AssetSummary, 'rating' | 'favorite'> & { trashedAt?: number | null }): Organised {
  return { rating: a.rating, favorite: a.favorite, trashedAt: a.trashedAt ?? null };
}

export function createAssetCache() {
  return create<AssetCacheState>()((set, get) => {
    /** Sets a field on every id at once; returns what to put back if main refuses. */
    function patch(ids: readonly string[], change: Partial<Organised>): Record<string, Organised> {
      const before: Record<string, Organised> = {};
      const organised = { ...get().organised };
      for (const id of ids) {
        const was = organised[id] ?? (get().details[id] ? factsOf(get().details[id]!) : NONE);
        before[id] = was;
        organised[id] = { ...was, ...change };
      }
      set({ organised });
      return before;
    }

    async function update(ids: readonly string[], change: { rating: number } | { favorite: boolean }): Promise<string | null> {
      if (!ids.length) return null;
      const before = patch(ids, change);
      const res = await inSlices(ids, (slice) => call('library.update', { ids: slice, ...change }));
      if (res.ok) return null;
      set((s) => ({ organised: { ...s.organised, ...before } }));
      return errorText(res);
    }

    return {
      details: {},
      organised: {},

      async loadDetail(id) {
        const res = await call('library.get', { id });
        if (res.ok) set((s) => ({ details: { ...s.details, [id]: res.data } }));
        return res;
      },

      rate: (ids, rating) => update(ids, { rating }),
      setFavorite: (ids, favorite) => update(ids, { favorite }),

      async trash(ids) {
        const res = await inSlices(ids, (slice) => call('library.trash', { ids: slice }));
        if (!res.ok) return { error: errorText(res) };
        patch(ids, { trashedAt: Date.now() });
        return { trashed: res.data.reduce((n, d) => n + d.trashed, 0) };
      },

      async restore(ids) {
        const res = await inSlices(ids, (slice) => call('library.restore', { ids: slice }));
        if (!res.ok) return { error: errorText(res) };
        patch(ids, { trashedAt: null });
        return { restored: res.data.reduce((n, d) => n + d.restored, 0) };
      },
    };
  });
}

export const useAssets = createAssetCache();

/**
 * How an image is organised, as every screen should show it: what was set here, else what the
 * caller's own copy from main says (a library tile, a detail), else what the cached details say.
 */
export function organisedOf(state: Pick<AssetCacheState, 'organised' | 'details'>, id: string, copy?: Pick<AssetSummary, 'rating' | 'favorite'> & { trashedAt?: number | null }): Organised {
  const known = state.organised[id];
  if (known) return known;
  if (copy) return factsOf(copy);
  const detail = state.details[id];
  return detail ? factsOf(detail) : NONE;
}

/** The organise facts of one image, for a component (the same object while nothing changes). */
export function useOrganised(id: string, copy?: Pick<AssetSummary, 'rating' | 'favorite'> & { trashedAt?: number | null }): Organised {
  const known = useAssets((s) => s.organised[id]);
  const detail = useAssets((s) => s.details[id]);
  if (known) return known;
  if (copy) return { rating: copy.rating, favorite: copy.favorite, trashedAt: copy.trashedAt ?? null };
  return detail ? { rating: detail.rating, favorite: detail.favorite, trashedAt: detail.trashedAt ?? null } : NONE;
}
