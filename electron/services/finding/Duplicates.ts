/**
 * What the library asks of fingerprints: groups of near-duplicates with a suggested keeper,
 * "Similar" for one image, keeping one of each group (after a closer look), and which photos of
 * an import were already there.
 */
import { DUPLICATE_RADIUS, type DuplicateGroup, type DuplicateLevel, type DuplicateMember, type Similar } from '../../../shared/domain';
import type { Db } from '../db/db';
import type { Images } from '../images/protocol';
import type { Library } from '../library/Library';
import type { Organiser } from '../library/Organiser';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../library/LibraryIndex';
import type { Fingerprints } from './Fingerprints';
import { channelSums, COARSE, GRID_CELLS, GRID_SIDE, GRID_WIDTH, LAYOUT_BYTES, type Layouts } from './Layouts';
import { chooseKeeper } from './keeper';

/** Groups sent to the window at once, largest first. */
export const MAX_GROUPS = 500;
/** "Similar" answers this many of each kind. */
const SIMILAR_LIMIT = 24;
/** Pictures without a fingerprint that an import's question waits for (≈ 10 s of backfill at most). */
const WAIT_FOR_BACKFILL_UP_TO = 2000;
/** A look-alike: colour layouts closer than this (mean difference per channel, 0–1). */
const LOOKALIKE_MAX = 0.14;

/**
 * The closer look before a merge: the mean grey difference of the two thumbnails at 64 × 64
 * (`pixelDiff`), chosen over SSIM because at that size the two agree on what matters here (same
 * picture or not) and the difference is one pass with no windows to tune. A re-encode or resize
 * measures under 0.01, a different photo above 0.1; a 5 % crop shifts the picture and lands
 * around 0.05, which is why "similar" allows more.
 */
export const PIXEL_CHECK_MAX: Record<DuplicateLevel, number> = { exact: 0.04, near: 0.09, similar: 0.14 };

interface MemberRow extends SummaryRow {
  sha256: string;
  bytes: number;
}

/**
 * The `limit` items whose colour layouts are nearest to `item`'s (and closer than `max`), nearest
 * first, ties by item. Three lower bounds, none of which ever overestimates, so the answer is the
 * same as comparing every layout in full: items are visited in order of their overall sums
 * outwards from the query's, and the walk stops once that difference alone is past the current
 * worst of the best (or `max`); each visited item's 12 coarse sums rule most out (see
 * coarseLayout); only the rest are compared over the full 192 bytes, stopping as soon as they are
 * out. Typed arrays throughout, no object made per item.
 */
export function nearestLayouts(item: number, layouts: Layouts, exclude: ReadonlySet<number>, limit: number, max: number): Array<{ item: number; d: number }> {
  const { full, coarse, size } = layouts;
  const { order, starts, count } = layouts.grid();
  const at = item * COARSE;
  const q = coarse.subarray(at, at + COARSE);
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!, q4 = q[4]!, q5 = q[5]!;
  // A mean difference d is a summed difference of d × 192 × 255 over the full layout, and of
  // d × 12 × 16 × 255 (the same number) over the coarse sums and over the totals.
  const FULL_UNIT = LAYOUT_BYTES * 255;
  let bound = Math.floor(max * FULL_UNIT);
  const items = new Int32Array(limit);
  const dists = new Float64Array(limit);
  let n = 0;
  const mine = item * LAYOUT_BYTES;
  const consider = (i: number) => {
    const c = i * COARSE;
    let s = Math.abs(coarse[c]! - q0) + Math.abs(coarse[c + 1]! - q1) + Math.abs(coarse[c + 2]! - q2) + Math.abs(coarse[c + 3]! - q3) + Math.abs(coarse[c + 4]! - q4) + Math.abs(coarse[c + 5]! - q5);
    if (s > bound) return;
    for (let k = 6; k < COARSE; k++) s += Math.abs(coarse[c + k]! - q[k]!);
    if (s > bound || i === item || exclude.has(i)) return;
    let d = 0;
    const other = i * LAYOUT_BYTES;
    for (let k = 0; k < LAYOUT_BYTES && d <= bound; k++) d += Math.abs(full[other + k]! - full[mine + k]!);
    if (d > bound) return;
    // Into the best list, sorted by distance then item; once it is full, its worst is the bound.
    if (n === limit && (d > dists[limit - 1]! || (d === dists[limit - 1]! && i > items[limit - 1]!))) return;
    let j = n < limit ? n++ : limit - 1;
    while (j > 0 && (dists[j - 1]! > d || (dists[j - 1]! === d && items[j - 1]! > i))) {
      dists[j] = dists[j - 1]!;
      items[j] = items[j - 1]!;
      j--;
    }
    dists[j] = d;
    items[j] = i;
    if (n === limit) bound = Math.min(bound, dists[limit - 1]!);
  };
  if (limit > 0) {
    // Each cell's nearest possible distance from the query's channel sums, packed with its number
    // (both under 2¹⁶) so one numeric sort of the typed array puts them nearest first.
    const sums = channelSums(coarse, at);
    const reachOf = sums.map((v) =>
      Int32Array.from({ length: GRID_SIDE }, (_, x) => {
        const lo = x * GRID_WIDTH;
        return v < lo ? lo - v : v >= lo + GRID_WIDTH ? v - (lo + GRID_WIDTH - 1) : 0;
      }),
    );
    const [rReach, gReach, bReach] = reachOf as [Int32Array, Int32Array, Int32Array];
    const byReach = new Uint32Array(GRID_CELLS);
    for (let c = 0; c < GRID_CELLS; c++) {
      byReach[c] = (rReach[Math.floor(c / (GRID_SIDE * GRID_SIDE))]! + gReach[Math.floor(c / GRID_SIDE) % GRID_SIDE]! + bReach[c % GRID_SIDE]!) * 65536 + c;
    }
    byReach.sort();
    for (let k = 0; k < GRID_CELLS; k++) {
      if (Math.floor(byReach[k]! / 65536) > bound) break;
      const c = byReach[k]! % 65536;
      for (let p = starts[c]!, end = starts[c + 1]!; p < end; p++) consider(order[p]!);
    }
    // Those that arrived since the grid was made.
    for (let i = count; i < size; i++) consider(i);
  }
  return Array.from({ length: n }, (_, j) => ({ item: items[j]!, d: dists[j]! / FULL_UNIT }));
}

export class Duplicates {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly organiser: Organiser,
    private readonly images: Images,
    private readonly fingerprints: Fingerprints,
  ) {}

  /** Live assets with these bytes, by sha256. */
  private liveBySha(shas: readonly string[]): Map<string, MemberRow[]> {
    const out = new Map<string, MemberRow[]>();
    for (let i = 0; i < shas.length; i += 500) {
      const slice = shas.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS}, a.sha256, a.bytes FROM assets a WHERE a.trashed_at IS NULL AND a.sha256 IN (${slice.map(() => '?').join(',')})`)
        .all(...slice) as MemberRow[];
      for (const r of rows) out.set(r.sha256, [...(out.get(r.sha256) ?? []), r]);
    }
    return out;
  }

  private member(r: MemberRow, distance: number): DuplicateMember {
    return { ...toSummary(r), bytes: r.bytes, distance };
  }

  async groups(level: DuplicateLevel): Promise<{ groups: DuplicateGroup[]; totalGroups: number }> {
    const { shown, total } = await this.fingerprints.groups(DUPLICATE_RADIUS[level], MAX_GROUPS);
    const { index, shas } = await this.fingerprints.loaded();
    const live = this.liveBySha(shown.flat().map((item) => shas.shaOf(item)));
    const groups: DuplicateGroup[] = [];
    for (const items of shown) {
      const rows = items.flatMap((item) => (live.get(shas.shaOf(item)) ?? []).map((r) => ({ r, item })));
      // Trashed meanwhile (between the count and the rows): no longer a group.
      if (rows.length < 2) continue;
      const { keeper, reason } = chooseKeeper(rows.map(({ r, item }) => ({ id: r.id, rating: r.rating, width: r.width, height: r.height, bytes: r.bytes, createdAt: r.created_at, r, item })));
      const members = [keeper, ...rows.filter((x) => x.r.id !== keeper.id).map((x) => ({ ...x, id: x.r.id }))].map((x) => this.member(x.r, index.distance(keeper.item, x.item)));
      groups.push({ members, keeperId: keeper.id, keeperReason: reason });
    }
    return { groups, totalGroups: total };
  }

  async similar(id: string): Promise<Similar> {
    const { index, shas, layouts } = await this.fingerprints.loaded();
    const sha = this.db.prepare('SELECT sha256 FROM assets WHERE id = ?').pluck().get(id) as string | undefined;
    const item = sha === undefined ? undefined : shas.itemOf(sha);
    if (item === undefined) return { nearDuplicates: [], lookalikes: [] };
    const [hi, lo] = index.hashOf(item);
    const near = index.within(hi, lo, DUPLICATE_RADIUS.similar).filter((h) => h.item !== item).slice(0, SIMILAR_LIMIT * 2);
    const nearShas = new Set(near.map((h) => h.item));
    // Look-alikes: the nearest colour layouts among all the others.
    const best = nearestLayouts(item, layouts, nearShas, SIMILAR_LIMIT * 2, LOOKALIKE_MAX);
    const live = this.liveBySha([...near.map((h) => shas.shaOf(h.item)), ...best.map((b) => shas.shaOf(b.item))]);
    const rowsOf = (i: number) => (live.get(shas.shaOf(i)) ?? []).filter((r) => r.id !== id);
    return {
      nearDuplicates: near.flatMap((h) => rowsOf(h.item).map((r) => this.member(r, h.distance))).slice(0, SIMILAR_LIMIT),
      lookalikes: best.flatMap((b) => rowsOf(b.item).map((r) => this.member(r, Math.round(b.d * 100)))).slice(0, SIMILAR_LIMIT),
    };
  }

  /**
   * Keeps each group's keeper; each other image goes to the trash only if the closer look at its
   * thumbnail agrees with the keeper's. What is spared says why.
   */
  async resolve(level: DuplicateLevel, groups: ReadonlyArray<{ keeperId: string; ids: readonly string[] }>): Promise<{ trashed: string[]; spared: Array<{ id: string; reason: string }> }> {
    const confirmed: string[] = [];
    const spared: Array<{ id: string; reason: string }> = [];
    for (const g of groups) {
      const keeperThumb = await this.library.thumbnailOf(g.keeperId);
      if (!keeperThumb) {
        for (const id of g.ids) if (id !== g.keeperId) spared.push({ id, reason: 'Its keeper is no longer in the library, so it was left as it is.' });
        continue;
      }
      for (const id of g.ids) {
        if (id === g.keeperId) continue;
        const thumb = await this.library.thumbnailOf(id);
        if (!thumb) continue; // gone meanwhile: nothing to trash
        const { difference } = await this.images.run('pixelDiff', { a: { path: keeperThumb.path }, b: { path: thumb.path } }, 'comparing two near-duplicates');
        if (difference <= PIXEL_CHECK_MAX[level]) confirmed.push(id);
        else spared.push({ id, reason: `Kept: on a closer look it differs from the one kept (${Math.round(difference * 100)} % of its pixels' tone).` });
      }
    }
    for (let i = 0; i < confirmed.length; i += 10_000) this.organiser.trash(confirmed.slice(i, i + 10_000));
    return { trashed: confirmed, spared };
  }

  /** Which of these (just imported) images were already in the library, near-identical, from before. */
  async checkImported(ids: readonly string[]): Promise<Array<{ id: string; matchId: string; distance: number }>> {
    await this.fingerprints.ensureAssets(ids);
    // The library's own pictures must have fingerprints too. When only a few lack one (the usual
    // case: the backfill keeps up) the answer waits for them; a library still being backfilled
    // from scratch gets an answer from what is done, and the Duplicates view finds the rest later.
    const { done, total } = this.fingerprints.progress();
    if (total - done <= WAIT_FOR_BACKFILL_UP_TO) {
      this.fingerprints.resume(false);
      await this.fingerprints.whenIdle();
    }
    const { index, shas } = await this.fingerprints.loaded();
    const mine = new Set(ids);
    const out: Array<{ id: string; matchId: string; distance: number }> = [];
    const shaOf = this.db.prepare('SELECT sha256 FROM assets WHERE id = ?').pluck();
    for (const id of ids) {
      const sha = shaOf.get(id) as string | undefined;
      const item = sha === undefined ? undefined : shas.itemOf(sha);
      if (item === undefined) continue;
      const [hi, lo] = index.hashOf(item);
      const hits = index.within(hi, lo, DUPLICATE_RADIUS.near).filter((h) => h.item !== item);
      if (!hits.length) continue;
      const live = this.liveBySha(hits.map((h) => shas.shaOf(h.item)));
      for (const h of hits) {
        const other = (live.get(shas.shaOf(h.item)) ?? []).find((r) => !mine.has(r.id));
        if (other) {
          out.push({ id, matchId: other.id, distance: h.distance });
          break;
        }
      }
    }
    return out;
  }
}
