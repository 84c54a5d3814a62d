/**
 * The library's page cache: pages of `library.search` around the rows on screen, fetched as the
 * grid scrolls, refetched when main says something changed, and dropped farthest-first once
 * there are too many. A plain class with its own bookkeeping, so every store (and every test)
 * has its own; nothing here renders, the owner mirrors `snapshot()` into its state.
 */
import type { AssetSummary, IpcResult } from '../../../../shared/ipc/contract';
import { errorText } from '../../lib/format';

/** Assets per `library.search` call: a few screens of tiles, one quick query. */
export const PAGE_SIZE = 300;
/** Pages kept in memory at most (~15,000 summaries); the farthest from the screen go first. */
export const MAX_PAGES = 48;
/** Pages fetched at once; a fast scroll wants the pages where it stops, not every one it passed. */
const PARALLEL_PAGES = 2;

export type Pages = Record<number, AssetSummary[]>;

export interface PageState {
  /** Cached pages of the current query, by page number (offset / PAGE_SIZE). */
  pages: Pages;
  /** How many matches there are (a lower bound while `capped`). */
  total: number;
  /** Main stopped counting at 10,000: the grid grows as pages come in. */
  capped: boolean;
  /** Rows the grid lays out: `total`, or more while `capped` and the pages keep coming full. */
  count: number;
  /** The first page has arrived (the empty state can be told from "loading"). */
  loaded: boolean;
  loadError: string | null;
  /** A new query is on its way; the previous results stay until it lands. */
  searching: boolean;
}

export const EMPTY_PAGES: PageState = { pages: {}, total: 0, capped: false, count: 0, loaded: false, loadError: null, searching: false };

export type SearchResult = { assets: AssetSummary[]; total: number; capped: boolean };
export type SearchPage = (offset: number, limit: number) => Promise<IpcResult<SearchResult>>;

export function assetAt(pages: Pages, index: number): AssetSummary | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** Where an asset sits in the loaded pages, or -1. */
export function indexOfAsset(pages: Pages, id: string): number {
  for (const [key, assets] of Object.entries(pages)) {
    const i = assets.findIndex((a) => a.id === id);
    if (i >= 0) return Number(key) * PAGE_SIZE + i;
  }
  return -1;
}

export class PageCache {
  /** Bumped by every new query; answers to an older one are dropped. */
  private queryVersion = 0;
  /** Bumped by every refresh; a page fetched before the latest refresh stays stale. */
  private revision = 0;
  /** True between a new query and its first page: that page replaces the whole cache. */
  private resetPending = false;
  private readonly inFlight = new Map<number, number>();
  private readonly stale = new Set<number>();
  private wanted: [number, number] = [0, PAGE_SIZE - 1];

  constructor(
    private readonly search: SearchPage,
    private readonly read: () => PageState,
    private readonly write: (update: (s: PageState) => Partial<PageState>) => void,
  ) {}

  /** The grid reports the indexes on screen (with overscan); pages for them are fetched. */
  show(first: number, last: number): void {
    if (this.wanted[0] === first && this.wanted[1] === last) return;
    this.wanted = [first, last];
    this.fill();
  }

  /** A new search, filter, order or view: the list starts again at the top. */
  restart(): void {
    this.queryVersion += 1;
    this.resetPending = true;
    this.inFlight.clear();
    const span = Math.max(0, this.wanted[1] - this.wanted[0]);
    this.wanted = [0, span];
    this.fill();
  }

  /** Main said something changed: the pages on screen are fetched again, the rest when shown. */
  invalidate(): void {
    this.revision += 1;
    for (const key of Object.keys(this.read().pages)) this.stale.add(Number(key));
    for (const key of this.inFlight.keys()) this.stale.add(key);
    this.fill();
  }

  /**
   * New images on top of a plain newest-first list: shown at once, the cached pages shifted down
   * by as many. Returns how many were added (0: not possible here, a refresh will show them).
   */
  prepend(added: AssetSummary[]): number {
    const s = this.read();
    const top = new Set((s.pages[0] ?? []).map((a) => a.id));
    const fresh = added.filter((a) => !top.has(a.id)).sort((a, b) => b.createdAt - a.createdAt);
    const k = fresh.length;
    if (k === 0 || k >= PAGE_SIZE) return 0;
    const pages: Pages = {};
    for (const key of Object.keys(s.pages).map(Number)) {
      const before = key === 0 ? fresh : s.pages[key - 1]?.slice(-k);
      // A page whose predecessor is not at hand cannot be shifted; it is fetched again.
      if (before && before.length === k) pages[key] = [...before, ...s.pages[key]!].slice(0, PAGE_SIZE);
    }
    this.write((st) => ({ pages, total: st.total + k, count: st.count + k }));
    return k;
  }

  /** Fetches the pages on screen, nearest first, that are missing or stale; page 0 too, for the count. */
  fill(): void {
    const s = this.read();
    const first = Math.max(0, Math.floor(this.wanted[0] / PAGE_SIZE));
    const last = Math.max(first, Math.floor(this.wanted[1] / PAGE_SIZE));
    const needed: number[] = [];
    for (let p = first; p <= last; p++) needed.push(p);
    if (!needed.includes(0) && (this.resetPending || !s.pages[0] || this.stale.has(0))) needed.push(0);
    for (const p of needed) {
      if (this.inFlight.size >= PARALLEL_PAGES) return;
      if (this.inFlight.has(p)) continue;
      if (!this.resetPending && s.pages[p] && !this.stale.has(p)) continue;
      void this.fetchPage(p);
    }
  }

  private async fetchPage(page: number): Promise<void> {
    const version = this.queryVersion;
    const rev = this.revision;
    this.inFlight.set(page, version);
    const res = await this.search(page * PAGE_SIZE, PAGE_SIZE);
    if (this.inFlight.get(page) === version) this.inFlight.delete(page);
    if (version !== this.queryVersion) {
      this.fill();
      return;
    }
    if (!res.ok) {
      this.write(() => ({ loadError: errorText(res), loaded: true, searching: false }));
      return;
    }
    const { assets, total, capped } = res.data;
    if (rev === this.revision) this.stale.delete(page);
    else this.stale.add(page);
    const fresh = this.resetPending;
    if (fresh) {
      this.stale.clear();
      this.resetPending = false;
    }
    this.write((s) => {
      const pages = this.evict(fresh ? { [page]: assets } : { ...s.pages, [page]: assets });
      let count = total;
      if (capped) {
        // Main stopped counting: a full page means there may be more, a short one marks the end.
        const end = page * PAGE_SIZE + assets.length;
        count = assets.length < PAGE_SIZE ? end : Math.max(total, s.capped && !fresh ? s.count : 0, end + PAGE_SIZE);
      }
      return { pages, total, capped, count, loaded: true, loadError: null, searching: false };
    });
    this.fill();
  }

  /** Drops the pages farthest from the screen once the cache is full. */
  private evict(pages: Pages): Pages {
    const keys = Object.keys(pages).map(Number);
    if (keys.length <= MAX_PAGES) return pages;
    const centre = (this.wanted[0] + this.wanted[1]) / 2 / PAGE_SIZE;
    const keep = new Set(keys.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre)).slice(0, MAX_PAGES));
    keep.add(0);
    const out: Pages = {};
    for (const k of keep) if (pages[k]) out[k] = pages[k];
    return out;
  }
}
