/**
 * A masked edit laid back onto its original, in the image helper process. Gemini has no mask
 * field, so the model repaints the whole frame (and at its own size); here only the masked pixels
 * of its answer are kept, with a feathered edge, and every other pixel is the original's own, at
 * the original's full resolution. Decode, resample and encode are libvips; the feather and the
 * blend are plain loops over the mask's bounding box only, so a small mask on a big photo costs
 * little more than the decode and the encode (bench: `npm run bench -- composite`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { AppError } from '../errors';

/** The widest feather the canvas offers, in pixels of the original. */
export const MAX_FEATHER = 64;
/**
 * How far the answer's shape may be from the original's and still be laid over it: Gemini rounds
 * its output to sizes like 1264×848 for a 3:2 photo (0.6 % off). Beyond this the model reframed
 * the picture, and stretching it back would misplace everything under the mask.
 */
export const ASPECT_TOLERANCE = 0.03;

export interface CompositeInput {
  /** The original (the edit's base image), at full resolution. */
  base: string | Buffer;
  /** The model's whole answer. */
  model: string | Buffer;
  /** One grey channel at the original's size, 255 where the model may change things (canvasOps.fullMask). */
  mask: string | Buffer;
  featherPx: number;
}

export interface CompositeResult {
  /** A PNG: lossless, so the pixels outside the mask stay the original's even for a JPEG original. */
  data: Buffer;
  width: number;
  height: number;
  /** Pixels the model's answer reached (mask plus feather). */
  changedArea: number;
}

/** The ratio check, in words a person can act on. */
export function checkAspect(base: { width: number; height: number }, model: { width: number; height: number }): void {
  const a = base.width / base.height;
  const b = model.width / model.height;
  if (Math.abs(b - a) / a > ASPECT_TOLERANCE) {
    throw new AppError(
      'bad_response',
      `The model answered with a ${model.width}×${model.height} picture for your ${base.width}×${base.height} photo: its shape differs, so its pixels cannot be laid over the marked region. ` +
        'Gemini draws in fixed shapes (3:2, 4:3, 16:9 …): crop the photo to one of them on the canvas, then send the edit again.',
      { maxAttempts: 1 },
    );
  }
}

/**
 * Squared distance (in pixels) from each pixel of the box to the nearest mask pixel, capped at
 * `cap`: Meijster's exact Euclidean transform, columns first (two scans), then rows (lower
 * envelope of parabolas). Exact rather than a chamfer approximation, because "outside the
 * feather is untouched" must hold to the pixel, also along diagonals.
 */
export function squaredDistances(mask: Uint8Array, width: number, box: Box, cap: number): Float32Array {
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  const inf = cap + 1;
  const g = new Float32Array(w * h);
  for (let x = 0; x < w; x++) {
    let d = inf;
    for (let y = 0; y < h; y++) {
      d = mask[(box.top + y) * width + box.left + x] ? 0 : Math.min(inf, d + 1);
      g[y * w + x] = d;
    }
    d = inf;
    for (let y = h - 1; y >= 0; y--) {
      d = mask[(box.top + y) * width + box.left + x] ? 0 : Math.min(inf, d + 1);
      if (d < g[y * w + x]!) g[y * w + x] = d;
    }
  }
  const out = new Float32Array(w * h);
  const v = new Int32Array(w);
  const z = new Float64Array(w + 1);
  const f = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let any = false;
    for (let x = 0; x < w; x++) {
      const gx = g[row + x]!;
      f[x] = gx >= inf ? 1e12 : gx * gx;
      if (gx < inf) any = true;
    }
    if (!any) {
      out.fill(cap + 1, row, row + w);
      continue;
    }
    let k = 0;
    v[0] = 0;
    z[0] = -Infinity;
    z[1] = Infinity;
    for (let q = 1; q < w; q++) {
      let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
      while (s <= z[k]!) {
        k--;
        s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    k = 0;
    for (let q = 0; q < w; q++) {
      while (z[k + 1]! < q) k++;
      const dq = q - v[k]!;
      out[row + q] = Math.min(cap + 1, dq * dq + f[v[k]!]!);
    }
  }
  return out;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The painted pixels' bounding box grown by `grow`, inside the image; null for an empty mask. */
export function maskBox(mask: Uint8Array, width: number, height: number, grow: number): Box | null {
  let top = -1;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    for (let x = row; x < row + width; x++)
      if (mask[x]) {
        first = x;
        break;
      }
    if (first === -1) continue;
    let last = first;
    for (let x = row + width - 1; x > first; x--)
      if (mask[x]) {
        last = x;
        break;
      }
    if (top === -1) top = y;
    bottom = y;
    left = Math.min(left, first - row);
    right = Math.max(right, last - row);
  }
  if (top === -1) return null;
  return { left: Math.max(0, left - grow), top: Math.max(0, top - grow), right: Math.min(width, right + 1 + grow), bottom: Math.min(height, bottom + 1 + grow) };
}

/**
 * How much of the model's pixel a pixel at squared distance `d2` from the mask takes: all of it
 * inside the mask, none at `feather` or beyond, a smooth step between.
 */
export function featherWeights(feather: number): (d2: number) => number {
  if (feather <= 0) return (d2) => (d2 === 0 ? 255 : 0);
  return (d2) => {
    if (d2 === 0) return 255;
    const d = Math.sqrt(d2);
    if (d >= feather) return 0;
    const t = 1 - d / feather;
    return Math.round(255 * t * t * (3 - 2 * t));
  };
}

/** Lays the masked part of the model's answer over the original (see the file's comment). */
export async function compositeMasked(input: CompositeInput): Promise<CompositeResult> {
  const feather = Math.max(0, Math.min(MAX_FEATHER, Math.round(input.featherPx)));
  const base = sharp(input.base, { autoOrient: true });
  const modelMeta = await sharp(input.model, { autoOrient: true }).metadata();
  const baseMeta = await sharp(input.base, { autoOrient: true }).metadata();
  const width = baseMeta.width!;
  const height = baseMeta.height!;
  checkAspect({ width, height }, { width: modelMeta.width!, height: modelMeta.height! });

  // The original decides the channels: an RGBA original keeps its alpha, an RGB one gains none.
  const [orig, maskRaw] = await Promise.all([
    base.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }),
    sharp(input.mask).extractChannel(0).raw().toBuffer({ resolveWithObject: true }),
  ]);
  if (maskRaw.info.width !== width || maskRaw.info.height !== height) {
    throw new AppError('bad_input', `The edit's mask is ${maskRaw.info.width}×${maskRaw.info.height} but its photo is ${width}×${height}; mark the photo again on the canvas.`);
  }
  const channels = orig.info.channels;
  const pixels = orig.data;
  const mask = maskRaw.data;
  const box = maskBox(mask, width, height, feather);
  let changedArea = 0;
  if (box) {
    // Only the box is resampled into: libvips scales the whole answer, then cuts the box out.
    let model = sharp(input.model, { autoOrient: true }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
    model = channels === 4 ? model.ensureAlpha() : model.removeAlpha();
    const bw = box.right - box.left;
    const bh = box.bottom - box.top;
    const m = await model
      .extract({ left: box.left, top: box.top, width: bw, height: bh })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer();
    const cap = feather * feather;
    const d2 = squaredDistances(mask, width, box, cap);
    const weight = featherWeights(feather);
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        const a = weight(d2[y * bw + x]!);
        if (a === 0) continue;
        changedArea++;
        const o = ((box.top + y) * width + box.left + x) * channels;
        const s = (y * bw + x) * channels;
        if (a === 255) for (let c = 0; c < channels; c++) pixels[o + c] = m[s + c]!;
        else for (let c = 0; c < channels; c++) pixels[o + c] = ((m[s + c]! * a + pixels[o + c]! * (255 - a) + 127) / 255) | 0;
      }
    }
  }
  // The fastest zlib level: at 24 megapixels the best level costs seconds for a few per cent.
  const data = await sharp(pixels, { raw: { width, height, channels } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
  return { data, width, height, changedArea };
}

/** The composite written (and fsynced) to `to`, with its hash: main only renames it into the library. */
export async function compositeToFile(input: CompositeInput, to: string): Promise<{ sha256: string; bytes: number; width: number; height: number; changedArea: number }> {
  const { data, width, height, changedArea } = await compositeMasked(input);
  const fh = await fs.promises.open(to, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { sha256: crypto.createHash('sha256').update(data).digest('hex'), bytes: data.length, width, height, changedArea };
}
