/**
 * Meaning vectors as the library keeps them: 256 numbers (gemini-embedding-2 asked for 256 —
 * Matryoshka-trained, so the shorter vector is the longer one's head), normalised and stored as
 * signed bytes. Search is exact: one dot product per image over an Int8Array, which at 256
 * dimensions reads 64 MB for 250,000 images; measured before reaching for an approximate index.
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

/** All vectors in one block, item i at i × DIMENSIONS. */
export class VectorBlock {
  private data = new Int8Array(DIMENSIONS * 1024);
  private scales = new Float32Array(1024);
  size = 0;

  add({ bytes, scale }: { bytes: Int8Array; scale: number }): number {
    if (bytes.length !== DIMENSIONS) throw new Error(`A vector has ${DIMENSIONS} numbers.`);
    if ((this.size + 1) * DIMENSIONS > this.data.length) {
      const bigger = new Int8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
      const scales = new Float32Array(this.scales.length * 2);
      scales.set(this.scales);
      this.scales = scales;
    }
    this.data.set(bytes, this.size * DIMENSIONS);
    this.scales[this.size] = scale;
    return this.size++;
  }

  /**
   * The `k` nearest by cosine, best first: every vector scored, a small sorted list kept. The
   * query stays in floats (only the stored side is quantised), which halves the rounding error.
   */
  nearest(values: readonly number[], k: number): Scored[] {
    const norm = Math.hypot(...values) || 1;
    const query = Float32Array.from(values, (v) => v / norm);
    const best: Scored[] = [];
    let floor = -Infinity;
    const d = this.data;
    for (let item = 0; item < this.size; item++) {
      let dot = 0;
      const at = item * DIMENSIONS;
      for (let i = 0; i < DIMENSIONS; i++) dot += d[at + i]! * query[i]!;
      dot *= this.scales[item]!;
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
}
