/**
 * The difference between two images as a heat map and one number. Pure arithmetic on RGBA
 * arrays of the same size (the caller draws both images into one common box on a canvas), so it
 * is tested without a DOM. Runs in the renderer: at the view's working size (≤ 1024 px on the
 * long side, about a million pixels) it takes a few milliseconds, less than a worker's copy.
 */
export interface DiffResult {
  /** Share of pixels whose largest channel difference exceeds the threshold, 0–100. */
  percentChanged: number;
  /** The heat map: black where equal, through red to yellow-white as the difference grows. */
  heat: Uint8ClampedArray<ArrayBuffer>;
}

/** `threshold` in 0–255 on the largest of the R, G, B differences; transparent pixels count as black. */
export function pixelDiff(a: ArrayLike<number>, b: ArrayLike<number>, threshold: number): DiffResult {
  if (a.length !== b.length) throw new Error('The two images must be drawn at the same size.');
  const heat = new Uint8ClampedArray(a.length);
  let changed = 0;
  const n = a.length / 4;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
    if (d > threshold) changed++;
    // Amplified so small differences show: ×4, red first, then yellow, then white.
    const v = Math.min(765, d * 4);
    heat[i] = Math.min(255, v);
    heat[i + 1] = Math.max(0, Math.min(255, v - 255));
    heat[i + 2] = Math.max(0, v - 510);
    heat[i + 3] = 255;
  }
  return { percentChanged: n ? (changed / n) * 100 : 0, heat };
}

/** Where an image of w×h sits when fitted ("contain") into a box of bw×bh. */
export function containRect(w: number, h: number, bw: number, bh: number): { x: number; y: number; w: number; h: number } {
  const s = Math.min(bw / w, bh / h);
  const fw = Math.round(w * s);
  const fh = Math.round(h * s);
  return { x: Math.floor((bw - fw) / 2), y: Math.floor((bh - fh) / 2), w: fw, h: fh };
}

/** The common box for several images: the first one's shape, at most `edge` on its long side. */
export function commonBox(sizes: ReadonlyArray<{ width: number; height: number }>, edge: number): { width: number; height: number } {
  const first = sizes[0]!;
  const s = Math.min(1, edge / Math.max(first.width, first.height));
  return { width: Math.max(1, Math.round(first.width * s)), height: Math.max(1, Math.round(first.height * s)) };
}
