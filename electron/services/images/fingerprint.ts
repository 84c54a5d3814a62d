/**
 * A picture's fingerprint: a 64-bit perceptual hash (pHash) for near-duplicates and a tiny colour
 * layout for look-alikes, both from one small decode in the image helper.
 *
 * Why pHash (DCT) on sharp rather than dHash or the `sharp-phash` package: dHash compares
 * neighbouring pixels of a 9×8 image, so a crop of a few percent shifts every comparison and moves
 * many bits; pHash keeps only the lowest 8×8 frequencies of a 32×32 image, which a small crop, a
 * resize or a JPEG re-encode barely move (the unit test measures each). `sharp-phash` computes the
 * same thing but returns a string of '0'/'1' and is one more native-adjacent dependency in a
 * node_modules shared by the whole app; the DCT is forty lines.
 */

/** Side of the grey image the DCT reads. */
export const PHASH_SIDE = 32;
/** Low frequencies kept per axis: 8 × 8 = 64 bits. */
const KEEP = 8;
/** The colour layout: an 8 × 8 grid of mean colours (Lab-ish, 3 bytes a cell), 192 bytes. */
export const LAYOUT_SIDE = 8;

/** Cosine table of the 1-D DCT-II, rows = frequency, for PHASH_SIDE samples. */
const COS: Float64Array = (() => {
  const t = new Float64Array(KEEP * PHASH_SIDE);
  for (let u = 0; u < KEEP; u++) for (let x = 0; x < PHASH_SIDE; x++) t[u * PHASH_SIDE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_SIDE));
  return t;
})();

/**
 * The hash of a PHASH_SIDE² grey image (one byte a pixel, row by row), as 16 hex digits. Bit i is
 * set when low frequency i is above the median of the 64 (the DC term included in the median as
 * pHash's reference implementation does, so a flat image hashes to a stable value).
 */
export function phashOfGrey(grey: Uint8Array): string {
  if (grey.length !== PHASH_SIDE * PHASH_SIDE) throw new Error(`phash needs ${PHASH_SIDE}×${PHASH_SIDE} pixels`);
  // Separable DCT: rows first (only the KEEP lowest frequencies), then columns.
  const rows = new Float64Array(PHASH_SIDE * KEEP);
  for (let y = 0; y < PHASH_SIDE; y++) {
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let x = 0; x < PHASH_SIDE; x++) s += grey[y * PHASH_SIDE + x]! * COS[u * PHASH_SIDE + x]!;
      rows[y * KEEP + u] = s;
    }
  }
  const coeffs = new Float64Array(KEEP * KEEP);
  for (let v = 0; v < KEEP; v++) {
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let y = 0; y < PHASH_SIDE; y++) s += rows[y * KEEP + u]! * COS[v * PHASH_SIDE + y]!;
      coeffs[v * KEEP + u] = s;
    }
  }
  // The DC term says only how bright the picture is; compare the other 63 with their median.
  const ac = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = (ac[31]! + ac[32]!) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    const bit = i === 0 ? 0 : coeffs[i]! > median ? 1 : 0;
    if (i < 32) hi = (hi | (bit << (31 - i))) >>> 0;
    else lo = (lo | (bit << (63 - i))) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Bits set in a 32-bit number. */
export function popcount32(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The hash as its two 32-bit halves. */
export function halves(hex: string): [number, number] {
  return [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0];
}

export function hamming(a: string, b: string): number {
  const [ah, al] = halves(a);
  const [bh, bl] = halves(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}

/**
 * How far apart two colour layouts are, 0 (same) to 1: mean absolute difference per channel.
 * The layout is stored as bytes; a look-alike is a small distance in both composition and colour.
 */
export function layoutDistance(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 1;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(a[i]! - b[i]!);
  return s / (n * 255);
}

/** Mean absolute difference of two equal-sized grey images, 0 to 1: the second check before a merge. */
export function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 1;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / (a.length * 255);
}
