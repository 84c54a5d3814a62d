/**
 * Multi-index hashing over 64-bit perceptual hashes: each hash is cut into three bands (21, 21
 * and 22 bits), and each band has a table from its value to the items holding it. Two hashes
 * within distance r agree within ⌊r/3⌋ bits on at least one band (pigeonhole), so a query looks
 * up only the values within that radius of its own bands — 232 + 232 + 254 lookups at r ≤ 8 —
 * and checks the full distance of the few items it finds there. No pair of the library is ever
 * compared blindly.
 *
 * Why three wide bands and not four of 16 bits: with 16-bit bands a table bucket holds N / 65,536
 * items, so at 250,000 images each "near" query checked ~2,000 candidates and grouping the whole
 * library took minutes (bench/finding.bench.ts); 21-bit buckets are nearly empty. Chosen over a
 * BK-tree, whose pruning fades as the radius grows (at r = 14 of 64 bits it visits most nodes).
 */
import { popcount32 } from '../images/fingerprint';

export interface Hit {
  /** The item's position (what `add` returned). */
  item: number;
  distance: number;
}

const BANDS = 3;
const WIDTHS = [21, 21, 22] as const;

/** XOR masks of `width` bits with exactly `bits` bits set: a query probes `value ^ mask`. */
function masks(width: number, bits: number): number[] {
  const out: number[] = [];
  const pick = (from: number, left: number, mask: number): void => {
    if (left === 0) return void out.push(mask);
    for (let i = from; i <= width - left; i++) pick(i + 1, left - 1, mask | (1 << i));
  };
  pick(0, bits, 0);
  return out;
}
/** By width, then by bit count (0–5: a radius of 15 needs 5 per band). */
const MASKS: ReadonlyMap<number, number[][]> = new Map(WIDTHS.map((w) => [w, Array.from({ length: 6 }, (_, bits) => masks(w, bits))]));

export class HammingIndex {
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private readonly removed = new Set<number>();
  /** Per band: value → items. */
  private readonly tables: Array<Map<number, number[]>> = Array.from({ length: BANDS }, () => new Map());
  /** The query that last saw each item (a stamp, not a Set per query: a query meets thousands). */
  private seenBy = new Uint32Array(1024);
  private query = 0;
  size = 0;

  /** The largest distance a query answers exactly. */
  static readonly MAX_RADIUS = 15;

  add(hi: number, lo: number): number {
    if (this.size === this.hi.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hi = grow(this.hi);
      this.lo = grow(this.lo);
      this.seenBy = grow(this.seenBy);
    }
    const item = this.size++;
    this.hi[item] = hi >>> 0;
    this.lo[item] = lo >>> 0;
    const bands = this.bandsOf(hi, lo);
    for (let b = 0; b < BANDS; b++) {
      const t = this.tables[b]!;
      const list = t.get(bands[b]!);
      if (list) list.push(item);
      else t.set(bands[b]!, [item]);
    }
    return item;
  }

  /** Leaves the item out of answers (its slot is not reused). */
  remove(item: number): void {
    this.removed.add(item);
  }

  hashOf(item: number): [number, number] {
    return [this.hi[item]!, this.lo[item]!];
  }

  distance(a: number, b: number): number {
    return popcount32((this.hi[a]! ^ this.hi[b]!) >>> 0) + popcount32((this.lo[a]! ^ this.lo[b]!) >>> 0);
  }

  /** Every item within `radius` of the hash, nearest first. */
  within(hi: number, lo: number, radius: number): Hit[] {
    const hits: Hit[] = [];
    this.forEachWithin(hi, lo, radius, (item, distance) => hits.push({ item, distance }));
    return hits.sort((x, y) => x.distance - y.distance || x.item - y.item);
  }

  /** Calls `found` for every item within `radius`, in no order. */
  forEachWithin(hi: number, lo: number, radius: number, found: (item: number, distance: number) => void): void {
    if (radius > HammingIndex.MAX_RADIUS) throw new Error('The index answers distances up to 15.');
    const per = Math.floor(radius / BANDS);
    const bands = this.bandsOf(hi, lo);
    const stamp = ++this.query;
    const seen = this.seenBy;
    const H = this.hi;
    const L = this.lo;
    const removed = this.removed.size ? this.removed : null;
    for (let b = 0; b < BANDS; b++) {
      const t = this.tables[b]!;
      const value = bands[b]!;
      const byBits = MASKS.get(WIDTHS[b]!)!;
      for (let r = 0; r <= per; r++) {
        for (const mask of byBits[r]!) {
          const list = t.get(value ^ mask);
          if (!list) continue;
          for (let k = 0; k < list.length; k++) {
            const item = list[k]!;
            if (seen[item] === stamp) continue;
            seen[item] = stamp;
            if (removed?.has(item)) continue;
            const d = popcount32((H[item]! ^ hi) >>> 0) + popcount32((L[item]! ^ lo) >>> 0);
            if (d <= radius) found(item, d);
          }
        }
      }
    }
  }

  /**
   * Groups of items that chain together within `radius` (union-find over each item's neighbours),
   * largest first; items with no neighbour are not a group.
   */
  groups(radius: number): number[][] {
    const parent = new Int32Array(this.size).map((_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    for (let i = 0; i < this.size; i++) {
      if (this.removed.has(i)) continue;
      this.forEachWithin(this.hi[i]!, this.lo[i]!, radius, (item) => {
        if (item <= i) return;
        const a = find(i);
        const b = find(item);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      });
    }
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.size; i++) {
      if (this.removed.has(i)) continue;
      const r = find(i);
      const list = byRoot.get(r);
      if (list) list.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()].filter((g) => g.length > 1).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  }

  private bandsOf(hi: number, lo: number): [number, number, number] {
    return [hi >>> 11, ((hi & 0x7ff) << 10) | (lo >>> 22), lo & 0x3fffff];
  }
}
