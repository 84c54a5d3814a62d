/**
 * Meaning vectors as the library keeps them: 256 numbers (gemini-embedding-2 asked for 256 —
 * Matryoshka-trained, so the shorter vector is the longer one's head), normalised and stored as
 * signed bytes. Search scans the vectors' signs and scores the nearest few thousand exactly
 * (see VectorBlock), with no index to train or library to install.
 */

export const DIMENSIONS = 256;

/**
 * Unit length, then scaled so its largest number is ±127, as signed bytes; `scale` maps the bytes
 * back. (A fixed ×127 would leave a 256-number unit vector, whose numbers are about ±0.06, with
 * only ±8 — four bits of precision.)
 */
export function quantise(values: readonly number[]): { bytes: Int8Array; scale: number } {
  const norm = Math.hypot(...values) || 1;
  const max = Math.max(...values.map((v) => Math.abs(v / norm))) || 1;
  const bytes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round((values[i]! / norm / max) * 127);
  return { bytes, scale: max / 127 };
}

/** As stored: the bytes, then the scale as a little-endian float32. */
export function toBlob(q: { bytes: Int8Array; scale: number }): Buffer {
  const b = Buffer.alloc(q.bytes.length + 4);
  Buffer.from(q.bytes.buffer, q.bytes.byteOffset, q.bytes.length).copy(b);
  b.writeFloatLE(q.scale, q.bytes.length);
  return b;
}

export function fromBlob(b: Buffer): { bytes: Int8Array; scale: number } {
  return { bytes: new Int8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length - 4)), scale: b.readFloatLE(b.length - 4) };
}

export interface Scored {
  item: number;
  /** Cosine similarity, about −1 to 1. */
  score: number;
}

/** A stored vector as search reads it back: its bytes and scale (see `quantise`). */
export type Quantised = { bytes: Int8Array; scale: number };

/** Bits of one vector's signs, in 32-bit words. */
export const WORDS = DIMENSIONS / 32;
/** Set bits of every 16-bit number: the sign scan's popcount is two reads. */
const BITS16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/**
 * Candidates the sign scan keeps for the exact rescoring: at least this many, and 16 per answer
 * asked. At a million synthetic vectors in 500 clusters (the finding bench's kind) the 1,024
 * nearest by signs held 95.5 % of the exact top 10, and 2,048 gave recall@10 1.000 over 20
 * queries (measured 2026-12-05); reading the candidates back is most of a search's time (4,096
 * took p50 90 ms, 2,048 took 34 ms).
 */
export function candidatesFor(k: number): number {
  return Math.max(2048, k * 16);
}

/** A vector's signs, one bit per number (set when positive), written at `at` in `out`. */
export function signsOf(bytes: Int8Array, out: Uint32Array, at: number): void {
  out.fill(0, at, at + WORDS);
  for (let d = 0; d < DIMENSIONS; d++) if (bytes[d]! > 0) out[at + (d >> 5)]! |= 1 << (d & 31);
}

/**
 * The library's vectors, searched in two steps: a scan of each vector's 256 signs (32 bytes,
 * Hamming distance, which tracks the angle between vectors), then the exact cosine over the int8
 * vectors of the few thousand nearest. Exact int8 search over a million vectors read 256 MB per
 * query (≈ 0.5–1 s in JavaScript on this machine); the signs are 32 MB, scanned in tens of ms.
 *
 * The int8 vectors are kept here (`keepBytes`, the default) or read back for the candidates by
 * the caller (Meaning reads them from SQLite by rowid), which keeps a million of them (256 MB)
 * out of main's memory.
 */
export class VectorBlock {
  private signs = new Uint32Array(WORDS * 1024);
  private data: Int8Array;
  private scales: Float32Array;
  private distances = new Uint16Array(0);
  size = 0;

  constructor(private readonly o: { keepBytes?: boolean } = {}) {
    this.data = new Int8Array(o.keepBytes === false ? 0 : DIMENSIONS * 1024);
    this.scales = new Float32Array(o.keepBytes === false ? 0 : 1024);
  }

  /** Room for `n` vectors at once, instead of doubling up to them. */
  reserve(n: number): void {
    if (n * WORDS > this.signs.length) {
      const signs = new Uint32Array(n * WORDS);
      signs.set(this.signs);
      this.signs = signs;
    }
    if (this.o.keepBytes !== false && n * DIMENSIONS > this.data.length) {
      const data = new Int8Array(n * DIMENSIONS);
      data.set(this.data);
      this.data = data;
      const scales = new Float32Array(n);
      scales.set(this.scales);
      this.scales = scales;
    }
  }

  /** Takes over `size` vectors' signs made elsewhere by `signsOf` (the index loader's worker); only for a block that keeps no bytes. */
  adoptSigns(signs: Uint32Array<ArrayBuffer>, size: number): void {
    if (this.o.keepBytes !== false) throw new Error('A block that keeps its vectors cannot take signs alone.');
    // An empty read keeps room to grow (doubling nothing stays nothing).
    this.signs = signs.length ? signs : new Uint32Array(WORDS * 1024);
    this.size = size;
  }

  add(q: Quantised): number {
    if (q.bytes.length !== DIMENSIONS) throw new Error(`A vector has ${DIMENSIONS} numbers.`);
    const item = this.size++;
    if (this.size * WORDS > this.signs.length) {
      const bigger = new Uint32Array(this.signs.length * 2);
      bigger.set(this.signs);
      this.signs = bigger;
    }
    if (this.o.keepBytes !== false && this.size * DIMENSIONS > this.data.length) {
      const bigger = new Int8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
      const scales = new Float32Array(this.scales.length * 2);
      scales.set(this.scales);
      this.scales = scales;
    }
    this.set(item, q);
    return item;
  }

  /** Replaces an item's vector (a picture embedded again). */
  set(item: number, { bytes, scale }: Quantised): void {
    signsOf(bytes, this.signs, item * WORDS);
    if (this.o.keepBytes !== false) {
      this.data.set(bytes, item * DIMENSIONS);
      this.scales[item] = scale;
    }
  }

  /**
   * The items whose signs are nearest the query's: at least `count` (all ties at the cut), in
   * item order. Two passes over 32 bytes an item and no object made per item: the distances and
   * their histogram, then the items at or under the distance where the histogram reaches `count`.
   */
  candidates(values: readonly number[], count: number): Int32Array {
    const n = this.size;
    if (n <= count) return Int32Array.from({ length: n }, (_, i) => i);
    const q = new Uint32Array(WORDS);
    for (let d = 0; d < DIMENSIONS; d++) if (values[d]! > 0) q[d >> 5]! |= 1 << (d & 31);
    if (this.distances.length < n) this.distances = new Uint16Array(Math.max(n, this.distances.length * 2));
    const dist = this.distances;
    const hist = new Uint32Array(DIMENSIONS + 1);
    const S = this.signs;
    const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!, q4 = q[4]!, q5 = q[5]!, q6 = q[6]!, q7 = q[7]!;
    for (let i = 0, a = 0; i < n; i++, a += WORDS) {
      const x0 = S[a]! ^ q0, x1 = S[a + 1]! ^ q1, x2 = S[a + 2]! ^ q2, x3 = S[a + 3]! ^ q3;
      const x4 = S[a + 4]! ^ q4, x5 = S[a + 5]! ^ q5, x6 = S[a + 6]! ^ q6, x7 = S[a + 7]! ^ q7;
      const h =
        BITS16[x0 & 0xffff]! + BITS16[x0 >>> 16]! + BITS16[x1 & 0xffff]! + BITS16[x1 >>> 16]! +
        BITS16[x2 & 0xffff]! + BITS16[x2 >>> 16]! + BITS16[x3 & 0xffff]! + BITS16[x3 >>> 16]! +
        BITS16[x4 & 0xffff]! + BITS16[x4 >>> 16]! + BITS16[x5 & 0xffff]! + BITS16[x5 >>> 16]! +
        BITS16[x6 & 0xffff]! + BITS16[x6 >>> 16]! + BITS16[x7 & 0xffff]! + BITS16[x7 >>> 16]!;
      dist[i] = h;
      hist[h]!++;
    }
    let cut = 0;
    for (let acc = hist[0]!; acc < count; acc += hist[++cut]!);
    let total = 0;
    for (let d = 0; d <= cut; d++) total += hist[d]!;
    const out = new Int32Array(total);
    for (let i = 0, j = 0; i < n; i++) if (dist[i]! <= cut) out[j++] = i;
    return out;
  }

  /**
   * The `k` nearest by cosine, best first: the sign scan's candidates, each scored exactly, a
   * small sorted list kept. The query stays in floats (only the stored side is quantised), which
   * halves the rounding error. `read` gives the candidates' vectors when they are not kept here.
   */
  nearest(values: readonly number[], k: number, read?: (items: Int32Array) => Array<Quantised | undefined>): Scored[] {
    const norm = Math.hypot(...values) || 1;
    const query = Float32Array.from(values, (v) => v / norm);
    const items = this.candidates(values, candidatesFor(k));
    const vectors = read ? read(items) : null;
    const best: Scored[] = [];
    let floor = -Infinity;
    const d = this.data;
    for (let c = 0; c < items.length; c++) {
      const item = items[c]!;
      let dot = 0;
      if (vectors) {
        const v = vectors[c];
        if (!v) continue;
        for (let i = 0; i < DIMENSIONS; i++) dot += v.bytes[i]! * query[i]!;
        dot *= v.scale;
      } else {
        const at = item * DIMENSIONS;
        for (let i = 0; i < DIMENSIONS; i++) dot += d[at + i]! * query[i]!;
        dot *= this.scales[item]!;
      }
      if (best.length < k || dot > floor) {
        let j = best.length;
        best.push({ item, score: dot });
        while (j > 0 && best[j - 1]!.score < dot) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = { item, score: dot };
        if (best.length > k) best.pop();
        floor = best[best.length - 1]!.score;
      }
    }
    return best;
  }

  /** Every item scored exactly (the oracle the sign scan is measured against); needs the bytes kept. */
  exact(values: readonly number[], k: number): Scored[] {
    const norm = Math.hypot(...values) || 1;
    const query = Float32Array.from(values, (v) => v / norm);
    const items = new Int32Array(k).fill(-1);
    const scores = new Float64Array(k).fill(-Infinity);
    for (let item = 0; item < this.size; item++) {
      let dot = 0;
      const at = item * DIMENSIONS;
      for (let i = 0; i < DIMENSIONS; i++) dot += this.data[at + i]! * query[i]!;
      dot *= this.scales[item]!;
      if (dot <= scores[k - 1]!) continue;
      let j = k - 1;
      while (j > 0 && scores[j - 1]! < dot) {
        scores[j] = scores[j - 1]!;
        items[j] = items[j - 1]!;
        j--;
      }
      scores[j] = dot;
      items[j] = item;
    }
    return Array.from(items, (item, j) => ({ item, score: scores[j]! })).filter((x) => x.item >= 0);
  }
}
