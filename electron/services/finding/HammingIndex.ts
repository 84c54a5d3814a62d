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
 *
 * The tables are typed arrays, not Maps of arrays: per band, every item sorted by its band value
 * (`members`) and where each value's run starts (`starts`, a counting sort). A lookup is two reads
 * of one array. At a million images a Map per band held a million small arrays (≈ 150 MB, and
 * grouping spent its time hashing keys); these tables take ≈ 40 MB and are rebuilt in ≈ 50 ms.
 * Items added since the last build are checked one by one until there are enough of them to
 * make a rebuild pay (an eighth of the library), so a backfill adding pictures one at a time
 * never rebuilds per picture.
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
/** By band, the masks of up to 5 set bits (a radius of 15 needs 5 per band), fewest bits first, and where each bit count ends. */
const MASKS: ReadonlyArray<{ all: Int32Array; endOf: number[] }> = WIDTHS.map((w) => {
  const byBits = Array.from({ length: 6 }, (_, bits) => masks(w, bits));
  const endOf: number[] = [];
  let n = 0;
  for (const m of byBits) endOf.push((n += m.length));
  return { all: Int32Array.from(byBits.flat()), endOf };
});

function bandOf(b: number, hi: number, lo: number): number {
  return b === 0 ? hi >>> 11 : b === 1 ? ((hi & 0x7ff) << 10) | (lo >>> 22) : lo & 0x3fffff;
}

/** One band's table: items sorted by the band value's top `bits` bits. */
interface Table {
  /** Drops the value's low bits: a small library gets a small table (the full distance is checked anyway). */
  shift: number;
  starts: Uint32Array;
  members: Uint32Array;
}

export class HammingIndex {
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private removed: Uint8Array = new Uint8Array(1024);
  private removedCount = 0;
  private tables: Table[] = [];
  /** Items below this are in the tables; the rest are checked one by one. */
  private built = 0;
  /** The query that last saw each item (a stamp, not a Set per query: a query meets thousands). */
  private seenBy = new Uint32Array(1024);
  private query = 0;
  size = 0;

  /** The largest distance a query answers exactly. */
  static readonly MAX_RADIUS = 15;

  /** Room for `n` items at once (a library loaded from SQLite), instead of doubling up to it. */
  reserve(n: number): void {
    if (n <= this.hi.length) return;
    const to = <T extends Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.hi = to(this.hi);
    this.lo = to(this.lo);
    this.removed = to(this.removed);
    this.seenBy = to(this.seenBy);
  }

  /** Takes over `size` hashes read elsewhere (the index loader's worker); the tables are built on the first query. */
  adopt(hi: Uint32Array, lo: Uint32Array, size: number): void {
    // An empty read keeps room to grow (doubling nothing stays nothing).
    const room = Math.max(1024, hi.length);
    this.hi = hi.length ? hi : new Uint32Array(room);
    this.lo = lo.length ? lo : new Uint32Array(room);
    this.removed = new Uint8Array(room);
    this.removedCount = 0;
    this.seenBy = new Uint32Array(room);
    this.query = 0;
    this.tables = [];
    this.built = 0;
    this.size = size;
  }

  add(hi: number, lo: number): number {
    if (this.size === this.hi.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.hi = grow(this.hi);
      this.lo = grow(this.lo);
      this.removed = grow(this.removed);
      this.seenBy = grow(this.seenBy);
    }
    const item = this.size++;
    this.hi[item] = hi >>> 0;
    this.lo[item] = lo >>> 0;
    return item;
  }

  /** Leaves the item out of answers (its slot is not reused). */
  remove(item: number): void {
    if (item < 0 || item >= this.size || this.removed[item]) return;
    this.removed[item] = 1;
    this.removedCount++;
  }

  isRemoved(item: number): boolean {
    return this.removed[item] === 1;
  }

  /** A copy of every item's hash, for work elsewhere (grouping on the index loader's worker). */
  hashes(): { hi: Uint32Array; lo: Uint32Array; size: number } {
    return { hi: this.hi.slice(0, this.size), lo: this.lo.slice(0, this.size), size: this.size };
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
    hi >>>= 0;
    lo >>>= 0;
    // Worth rebuilding once the items checked one by one cost more than the lookups.
    if (this.size - this.built > Math.max(2048, this.built >> 3)) this.build();
    const stamp = this.nextStamp();
    this.probe(hi, lo, radius, stamp, found);
    const H = this.hi;
    const L = this.lo;
    for (let item = this.built; item < this.size; item++) {
      if (this.removed[item]) continue;
      const d = popcount32((H[item]! ^ hi) >>> 0) + popcount32((L[item]! ^ lo) >>> 0);
      if (d <= radius) found(item, d);
    }
  }

  /**
   * Groups of items that chain together within `radius` (union-find over each item's neighbours),
   * largest first; items with no neighbour are not a group.
   */
  groups(radius: number): number[][] {
    if (radius > HammingIndex.MAX_RADIUS) throw new Error('The index answers distances up to 15.');
    this.build();
    const n = this.size;
    const parent = new Int32Array(n);
    for (let i = 0; i < n; i++) parent[i] = i;
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    const join = (x: number, y: number): void => {
      const a = find(x);
      const b = find(y);
      if (a < b) parent[b] = a;
      else if (b < a) parent[a] = b;
    };
    const per = Math.floor(radius / BANDS);
    const R = this.removed;
    // Pairs, not queries: for each slot mask m, every non-empty slot s is paired with s ^ m once
    // (s < s ^ m). Walking the slots in order keeps both reads moving forwards through the
    // tables, where a query per item jumps about them at random: at a million items that was the
    // difference between 100 s of cache misses and a few seconds.
    for (let b = 0; b < BANDS; b++) {
      const { shift, starts, members } = this.tables[b]!;
      const slotBits = WIDTHS[b]! - shift;
      const H = new Uint32Array(n);
      const L = new Uint32Array(n);
      for (let k = 0; k < n; k++) {
        H[k] = this.hi[members[k]!]!;
        L[k] = this.lo[members[k]!]!;
      }
      const slots = starts.length - 1;
      let filled = 0;
      for (let s = 0; s < slots; s++) if (starts[s + 1]! > starts[s]!) filled++;
      const nonEmpty = new Uint32Array(filled);
      for (let s = 0, j = 0; s < slots; s++) if (starts[s + 1]! > starts[s]!) nonEmpty[j++] = s;
      for (let bits = 0; bits <= per; bits++) {
        for (const m of masks(slotBits, bits)) {
          for (let j = 0; j < filled; j++) {
            const s = nonEmpty[j]!;
            const t = s ^ m;
            if (t < s) continue;
            const t0 = starts[t]!;
            const t1 = starts[t + 1]!;
            if (t0 === t1) continue;
            const s1 = starts[s + 1]!;
            for (let x = starts[s]!; x < s1; x++) {
              const hx = H[x]!;
              const lx = L[x]!;
              // Within one slot (m = 0), each pair once.
              for (let y = t === s ? x + 1 : t0; y < t1; y++) {
                if (popcount32((H[y]! ^ hx) >>> 0) + popcount32((L[y]! ^ lx) >>> 0) > radius) continue;
                const i = members[x]!;
                const k = members[y]!;
                if (!R[i] && !R[k]) join(i, k);
              }
            }
          }
        }
      }
    }
    // Members by root without a Map of arrays: count, then place (a counting sort by root).
    const count = new Int32Array(n);
    for (let i = 0; i < n; i++) if (!this.removed[i]) count[(parent[i] = find(i))]!++;
    const out: number[][] = [];
    const at = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (this.removed[i]) continue;
      const r = parent[i]!;
      if (count[r]! < 2) continue;
      if (at[r] === -1) at[r] = out.push([]) - 1;
      out[at[r]!]!.push(i);
    }
    return out.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  }

  private nextStamp(): number {
    if (++this.query === 0xffffffff) {
      this.seenBy.fill(0);
      this.query = 1;
    }
    return this.query;
  }

  /** The tables' items within `radius`. */
  private probe(hi: number, lo: number, radius: number, stamp: number, found: (item: number, distance: number) => void): void {
    const per = Math.floor(radius / BANDS);
    const seen = this.seenBy;
    const H = this.hi;
    const R = this.removed;
    const L = this.lo;
    const limit = this.built;
    const removed = this.removedCount > 0;
    for (let b = 0; b < this.tables.length; b++) {
      const { shift, starts, members } = this.tables[b]!;
      const value = bandOf(b, hi, lo);
      const { all, endOf } = MASKS[b]!;
      const end = endOf[per]!;
      for (let m = 0; m < end; m++) {
        const slot = (value ^ all[m]!) >>> shift;
        const stop = starts[slot + 1]!;
        for (let k = starts[slot]!; k < stop; k++) {
          const item = members[k]!;
          if (item >= limit || seen[item] === stamp) continue;
          seen[item] = stamp;
          if (removed && R[item]) continue;
          const d = popcount32((H[item]! ^ hi) >>> 0) + popcount32((L[item]! ^ lo) >>> 0);
          if (d <= radius) found(item, d);
        }
      }
    }
  }

  /** Counting sort of every item by each band's value (its top bits, for a small library). */
  private build(): void {
    const n = this.size;
    // About one slot per item, at least 1,024: a slot then holds an item or two whichever the size.
    const bits = Math.max(10, Math.ceil(Math.log2(Math.max(1, n))) + 1);
    this.tables = WIDTHS.map((width, b) => {
      const shift = Math.max(0, width - bits);
      const slots = 2 ** (width - shift);
      const starts = new Uint32Array(slots + 1);
      const members = new Uint32Array(n);
      const slotOf = new Uint32Array(n);
      for (let i = 0; i < n; i++) starts[(slotOf[i] = bandOf(b, this.hi[i]!, this.lo[i]!) >>> shift) + 1]!++;
      for (let s = 0; s < slots; s++) starts[s + 1]! += starts[s]!;
      const fill = starts.slice(0, slots);
      for (let i = 0; i < n; i++) members[fill[slotOf[i]!]!++] = i;
      return { shift, starts, members };
    });
    this.built = n;
  }
}
