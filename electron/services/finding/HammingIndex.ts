/**
 * Multi-index hashing over 64-bit perceptual hashes: each hash is cut into four 16-bit bands, and
 * each band has a table from its value to the items holding it. Two hashes within distance r
 * agree within ⌊r/4⌋ bits on at least one band (pigeonhole), so a query visits only the table
 * entries within that radius of its own bands — 1 + 16 + 120 = 137 per band at r ≤ 11 — and
 * checks the full distance of what it finds there. No pair of the whole library is ever compared
 * blindly, and on a large library a query touches a few thousand items, not all of them.
 *
 * Chosen over a BK-tree because a BK-tree's pruning fades quickly as the radius grows (at r = 14
 * on 64 bits it visits a large share of its nodes), and over SQLite buckets because the
 * probes are thousands of point lookups that a Map answers in microseconds.
 */
import { popcount32 } from '../images/fingerprint';

export interface Hit {
  /** The item's position (what `add` returned). */
  item: number;
  distance: number;
}

const BANDS = 4;

/** Every 16-bit value within `radius` bits of `value`. */
function neighbours(value: number, radius: number, out: number[]): void {
  out.length = 0;
  out.push(value);
  if (radius >= 1) for (let i = 0; i < 16; i++) out.push(value ^ (1 << i));
  if (radius >= 2) for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) out.push(value ^ (1 << i) ^ (1 << j));
  if (radius >= 3) for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) for (let k = j + 1; k < 16; k++) out.push(value ^ (1 << i) ^ (1 << j) ^ (1 << k));
  if (radius >= 4) throw new Error('The index answers distances up to 15.');
}

export class HammingIndex {
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private readonly removed = new Set<number>();
  /** Per band: value → items. */
  private readonly tables: Array<Map<number, number[]>> = Array.from({ length: BANDS }, () => new Map());
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
    if (radius > HammingIndex.MAX_RADIUS) throw new Error('The index answers distances up to 15.');
    const per = Math.floor(radius / BANDS);
    const bands = this.bandsOf(hi, lo);
    const seen = new Set<number>();
    const hits: Hit[] = [];
    const probe: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      neighbours(bands[b]!, per, probe);
      const t = this.tables[b]!;
      for (const v of probe) {
        const list = t.get(v);
        if (!list) continue;
        for (const item of list) {
          if (seen.has(item)) continue;
          seen.add(item);
          if (this.removed.has(item)) continue;
          const d = popcount32((this.hi[item]! ^ hi) >>> 0) + popcount32((this.lo[item]! ^ lo) >>> 0);
          if (d <= radius) hits.push({ item, distance: d });
        }
      }
    }
    return hits.sort((x, y) => x.distance - y.distance || x.item - y.item);
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
      for (const h of this.within(this.hi[i]!, this.lo[i]!, radius)) {
        if (h.item <= i) continue;
        const [a, b] = [find(i), find(h.item)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
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

  private bandsOf(hi: number, lo: number): [number, number, number, number] {
    return [(hi >>> 16) & 0xffff, hi & 0xffff, (lo >>> 16) & 0xffff, lo & 0xffff];
  }
}
