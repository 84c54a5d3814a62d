/**
 * What the library asks of fingerprints: groups of near-duplicates with a suggested keeper,
 * "Similar" for one image, keeping one of each group (after a closer look), and which photos of
 * an import were already there.
 */
import { DUPLICATE_RADIUS, type DuplicateGroup, type DuplicateLevel, type DuplicateMember, type Similar } from '../../../shared/domain';
import type { Db } from '../db/db';
import { layoutDistance } from '../images/fingerprint';
import type { Images } from '../images/protocol';
import type { Library } from '../library/Library';
import type { Organiser } from '../library/Organiser';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../library/LibraryIndex';
import type { Fingerprints } from './Fingerprints';
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
 * first. One pass over every item's 12-number coarse layout; the full 192 bytes are compared
 * only for those the coarse pass cannot rule out (it never overestimates: see coarseLayout).
 */
export function nearestLayouts(item: number, layouts: readonly Uint8Array[], coarse: Float32Array, exclude: ReadonlySet<number>, limit: number, max: number): Array<{ item: number; d: number }> {
  const mine = layouts[item]!;
  const at = item * 12;
  const best: Array<{ item: number; d: number }> = [];
  for (let i = 0; i < layouts.length; i++) {
    if (i === item || exclude.has(i) || !layouts[i]) continue;
    let c = 0;
    for (let k = 0; k < 12; k++) c += Math.abs(coarse[i * 12 + k]! - coarse[at + k]!);
    c /= 12 * 255;
    if (c > max || (best.length >= limit && c >= best[best.length - 1]!.d)) continue;
    const d = layoutDistance(mine, layouts[i]!);
    if (d > max) continue;
    if (best.length < limit || d < best[best.length - 1]!.d) {
      best.push({ item: i, d });
      best.sort((a, b) => a.d - b.d);
      if (best.length > limit) best.pop();
    }
  }
  return best;
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

  groups(level: DuplicateLevel): { groups: DuplicateGroup[]; totalGroups: number } {
    const { index, shas } = this.fingerprints.loaded();
    const radius = DUPLICATE_RADIUS[level];
    const components = index.groups(radius);
    const wanted = components.flat().map((item) => shas[item]!);
    const live = this.liveBySha(wanted);
    const groups: DuplicateGroup[] = [];
    let total = 0;
    for (const items of components) {
      const rows = items.flatMap((item) => (live.get(shas[item]!) ?? []).map((r) => ({ r, item })));
      if (rows.length < 2) continue;
      total++;
      if (groups.length >= MAX_GROUPS) continue;
      const { keeper, reason } = chooseKeeper(rows.map(({ r, item }) => ({ id: r.id, rating: r.rating, width: r.width, height: r.height, bytes: r.bytes, createdAt: r.created_at, r, item })));
      const members = [keeper, ...rows.filter((x) => x.r.id !== keeper.id).map((x) => ({ ...x, id: x.r.id }))].map((x) => this.member(x.r, index.distance(keeper.item, x.item)));
      groups.push({ members, keeperId: keeper.id, keeperReason: reason });
    }
    return { groups, totalGroups: total };
  }

  similar(id: string): Similar {
    const sha = this.db.prepare('SELECT sha256 FROM assets WHERE id = ?').pluck().get(id) as string | undefined;
    const { index, shas, layouts, coarse, itemOf } = this.fingerprints.loaded();
    const item = sha === undefined ? undefined : itemOf.get(sha);
    if (item === undefined) return { nearDuplicates: [], lookalikes: [] };
    const [hi, lo] = index.hashOf(item);
    const near = index.within(hi, lo, DUPLICATE_RADIUS.similar).filter((h) => h.item !== item).slice(0, SIMILAR_LIMIT * 2);
    const nearShas = new Set(near.map((h) => h.item));
    // Look-alikes: the nearest colour layouts among all the others.
    const best = nearestLayouts(item, layouts, coarse, nearShas, SIMILAR_LIMIT * 2, LOOKALIKE_MAX);
    const live = this.liveBySha([...near.map((h) => shas[h.item]!), ...best.map((b) => shas[b.item]!)]);
    const rowsOf = (i: number) => (live.get(shas[i]!) ?? []).filter((r) => r.id !== id);
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
    const { index, shas, itemOf } = this.fingerprints.loaded();
    const mine = new Set(ids);
    const out: Array<{ id: string; matchId: string; distance: number }> = [];
    const shaOf = this.db.prepare('SELECT sha256 FROM assets WHERE id = ?').pluck();
    for (const id of ids) {
      const sha = shaOf.get(id) as string | undefined;
      const item = sha === undefined ? undefined : itemOf.get(sha);
      if (item === undefined) continue;
      const [hi, lo] = index.hashOf(item);
      const hits = index.within(hi, lo, DUPLICATE_RADIUS.near).filter((h) => h.item !== item);
      if (!hits.length) continue;
      const live = this.liveBySha(hits.map((h) => shas[h.item]!));
      for (const h of hits) {
        const other = (live.get(shas[h.item]!) ?? []).find((r) => !mine.has(r.id));
        if (other) {
          out.push({ id, matchId: other.id, distance: h.distance });
          break;
        }
      }
    }
    return out;
  }
}
