/**
 * A masked edit laid back onto its original, in the image helper process. Gemini has no mask
 * field, so the model repaints the whole frame (and at its own size); here only the masked pixels
 * of its answer are kept, with a feathered edge, and every other pixel is the original's own, at
 * the original's full resolution. Decode, resample and encode are libvips; the feather and the
 * blend are plain loops over the mask's bounding box only, so a small mask on a big photo costs
 * little more than the decode and the encode (bench: `npm run bench -- composite`). Where the time
 * went at 6000 × 4000 (CPU ms, measured): zlib at level 1 ≈ 650, the answer's resampling ≈ 190,
 * the original's decode ≈ 135, the distance transform ≈ 215 before it skipped run interiors.
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

/** Whether the answer's shape is too far from the original's for its pixels to be laid over it. */
export function shapeDiffers(base: { width: number; height: number }, model: { width: number; height: number }): boolean {
  const a = base.width / base.height;
  const b = model.width / model.height;
  return Math.abs(b - a) / a > ASPECT_TOLERANCE;
}

/** Both pictures' sizes as shown (after their EXIF orientation), read from their headers only. */
export async function shapesOf(base: string | Buffer, model: string | Buffer): Promise<{ base: { width: number; height: number }; model: { width: number; height: number } }> {
  const [b, m] = await Promise.all([sharp(base, { autoOrient: true }).metadata(), sharp(model, { autoOrient: true }).metadata()]);
  return { base: { width: b.width!, height: b.height! }, model: { width: m.width!, height: m.height! } };
}

/**
 * The ratio check, in words a person can act on. The edit path asks `shapeDiffers` first and
 * keeps such an answer whole (EditCompositor); this guards any other caller.
 */
export function checkAspect(base: { width: number; height: number }, model: { width: number; height: number }): void {
  if (shapeDiffers(base, model)) {
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
  // Columns, walked a row at a time (one running distance per column) so memory is read in order.
  const g = new Float32Array(w * h);
  const run = new Float32Array(w).fill(inf);
  for (let y = 0; y < h; y++) {
    const src = (box.top + y) * width + box.left;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const d = mask[src + x] ? 0 : Math.min(inf, run[x]! + 1);
      run[x] = d;
      g[row + x] = d;
    }
  }
  run.fill(inf);
  for (let y = h - 1; y >= 0; y--) {
    const src = (box.top + y) * width + box.left;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const d = mask[src + x] ? 0 : Math.min(inf, run[x]! + 1);
      run[x] = d;
      if (d < g[row + x]!) g[row + x] = d;
    }
  }
  // Rows: only pixels with a finite column distance can be nearest, and inside a run of mask
  // pixels only the run's ends can be nearest to anything outside it (each inner pixel is at 0 from
  // itself). Skipping the rest leaves a few sites per row for a painted blob instead of thousands.
  const out = new Float32Array(w * h);
  const v = new Int32Array(w);
  const fv = new Float64Array(w);
  const z = new Float64Array(w + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let k = -1;
    for (let q = 0; q < w; q++) {
      const gq = g[row + q]!;
      if (gq >= inf) continue;
      if (gq === 0 && q > 0 && q < w - 1 && g[row + q - 1] === 0 && g[row + q + 1] === 0) continue;
      const fq = gq * gq;
      if (k < 0) {
        k = 0;
        v[0] = q;
        fv[0] = fq;
        z[0] = -Infinity;
        z[1] = Infinity;
        continue;
      }
      let s = (fq + q * q - (fv[k]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
      while (s <= z[k]!) {
        k--;
        if (k < 0) break;
        s = (fq + q * q - (fv[k]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
      }
      k++;
      v[k] = q;
      fv[k] = fq;
      z[k] = k === 0 ? -Infinity : s;
      z[k + 1] = Infinity;
    }
    if (k < 0) {
      out.fill(cap + 1, row, row + w);
      continue;
    }
    let j = 0;
    for (let q = 0; q < w; q++) {
      if (g[row + q] === 0) {
        out[row + q] = 0;
        continue;
      }
      while (z[j + 1]! < q) j++;
      const dq = q - v[j]!;
      out[row + q] = Math.min(cap + 1, dq * dq + fv[j]!);
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
  // The first and last painted pixels give the top and bottom rows; between them, each row is
  // only read where it could widen the box found so far. A small mark on a 24-megapixel mask
  // then costs a few word-sized reads per row rather than every byte.
  const first = firstSet(mask, 0, width * height);
  if (first === -1) return null;
  const last = lastSet(mask, first, width * height);
  const top = Math.floor(first / width);
  const bottom = Math.floor(last / width);
  let left = Math.min(first % width, last % width);
  let right = Math.max(first % width, last % width);
  for (let y = top; y <= bottom; y++) {
    const row = y * width;
    const l = firstSet(mask, row, row + left);
    if (l !== -1) left = l - row;
    const r = lastSet(mask, row + right + 1, row + width);
    if (r !== -1) right = r - row;
  }
  return { left: Math.max(0, left - grow), top: Math.max(0, top - grow), right: Math.min(width, right + 1 + grow), bottom: Math.min(height, bottom + 1 + grow) };
}

/** Index of the first non-zero byte in [from, to), or -1; reads four bytes at a time where aligned. */
function firstSet(mask: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && (mask.byteOffset + i) % 4 !== 0) if (mask[i++]) return i - 1;
  if (i >= to) return -1;
  const words = new Uint32Array(mask.buffer, mask.byteOffset + i, (to - i) >> 2);
  for (let w = 0; w < words.length; w++)
    if (words[w]) {
      for (let j = i + w * 4; ; j++) if (mask[j]) return j;
    }
  for (i += words.length * 4; i < to; i++) if (mask[i]) return i;
  return -1;
}

/** Index of the last non-zero byte in [from, to), or -1. */
function lastSet(mask: Uint8Array, from: number, to: number): number {
  let i = to;
  while (i > from && (mask.byteOffset + i) % 4 !== 0) if (mask[--i]) return i;
  if (i <= from) return -1;
  const start = Math.max(from, i - (((i - from) >> 2) << 2));
  const words = new Uint32Array(mask.buffer, mask.byteOffset + start, (i - start) >> 2);
  for (let w = words.length - 1; w >= 0; w--)
    if (words[w]) {
      for (let j = start + w * 4 + 3; ; j--) if (mask[j]) return j;
    }
  for (i = start - 1; i >= from; i--) if (mask[i]) return i;
  return -1;
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

/**
 * Above this many pixels the PNG is written without compression. Encoding is the composite's
 * biggest cost: libvips' zlib-ng at level 1 runs at about 27 ms per megapixel of a photo here
 * (≈ 650 ms for 6000 × 4000) for a file only ~15 % smaller than the stored one (camera grain
 * barely deflates); stored blocks cost ~4 ms per megapixel. Below it, the smaller file is worth
 * the few tens of milliseconds. Either way the PNG is lossless.
 */
export const STORED_PNG_ABOVE = 8_000_000;

/** Lays the masked part of the model's answer over the original (see the file's comment). */
export async function compositeMasked(input: CompositeInput): Promise<CompositeResult> {
  const feather = Math.max(0, Math.min(MAX_FEATHER, Math.round(input.featherPx)));
  // The original's decode starts at once, beside the mask's and the answer's work: on two cores
  // it is mostly hidden behind the answer's resampling.
  const decoding = sharp(input.base, { autoOrient: true }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  decoding.catch(() => undefined);
  const [baseMeta, modelMeta, maskRaw] = await Promise.all([
    sharp(input.base, { autoOrient: true }).metadata(),
    sharp(input.model, { autoOrient: true }).metadata(),
    sharp(input.mask).extractChannel(0).raw().toBuffer({ resolveWithObject: true }),
  ]);
  const width = baseMeta.width!;
  const height = baseMeta.height!;
  checkAspect({ width, height }, { width: modelMeta.width!, height: modelMeta.height! });
  if (maskRaw.info.width !== width || maskRaw.info.height !== height) {
    throw new AppError('bad_input', `The edit's mask is ${maskRaw.info.width}×${maskRaw.info.height} but its photo is ${width}×${height}; mark the photo again on the canvas.`);
  }
  const mask = maskRaw.data;
  const box = maskBox(mask, width, height, feather);
  let changedArea = 0;
  let blend: ((pixels: Buffer, channels: number) => void) | null = null;
  if (box) {
    const bw = box.right - box.left;
    const bh = box.bottom - box.top;
    // Only the box is resampled: libvips computes the resized answer on demand, for the region cut out.
    // The original decides the channels: an RGBA original keeps its alpha, an RGB one gains none.
    let model = sharp(input.model, { autoOrient: true }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
    model = baseMeta.hasAlpha ? model.ensureAlpha() : model.removeAlpha();
    const resampling = model.extract({ left: box.left, top: box.top, width: bw, height: bh }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer();
    resampling.catch(() => undefined);
    // The distance transform runs on this thread while libvips resamples and decodes on its own.
    const d2 = squaredDistances(mask, width, box, feather * feather);
    const lut = weightTable(feather);
    const m = await resampling;
    blend = (pixels, channels) => {
      for (let y = 0; y < bh; y++) {
        const row = y * bw;
        for (let x = 0; x < bw; x++) {
          const a = lut[d2[row + x]!]!;
          if (a === 0) continue;
          changedArea++;
          const o = ((box.top + y) * width + box.left + x) * channels;
          const s = (row + x) * channels;
          if (a === 255) for (let c = 0; c < channels; c++) pixels[o + c] = m[s + c]!;
          else for (let c = 0; c < channels; c++) pixels[o + c] = ((m[s + c]! * a + pixels[o + c]! * (255 - a) + 127) / 255) | 0;
        }
      }
    };
  }
  const orig = await decoding;
  const channels = orig.info.channels;
  blend?.(orig.data, channels);
  const data = await sharp(orig.data, { raw: { width, height, channels } })
    .png({ compressionLevel: width * height > STORED_PNG_ABOVE ? 0 : 1, adaptiveFiltering: false })
    .toBuffer();
  return { data, width, height, changedArea };
}

/** featherWeights for every squared distance the transform can give (0 … feather² + 1). */
function weightTable(feather: number): Uint8Array {
  const weight = featherWeights(feather);
  const cap = feather * feather + 1;
  const lut = new Uint8Array(cap + 1);
  for (let d2 = 0; d2 <= cap; d2++) lut[d2] = weight(d2);
  return lut;
}

/** The composite written (and fsynced) to `to`, with its hash: main only renames it into the library. */
export async function compositeToFile(input: CompositeInput, to: string): Promise<{ sha256: string; bytes: number; width: number; height: number; changedArea: number }> {
  const { data, width, height, changedArea } = await compositeMasked(input);
  const fh = await fs.promises.open(to, 'w');
  let sha256: string;
  try {
    // The write and the fsync run on libuv's threads while this one hashes.
    const writing = fh.writeFile(data).then(() => fh.sync());
    sha256 = crypto.createHash('sha256').update(data).digest('hex');
    await writing;
  } finally {
    await fh.close();
  }
  return { sha256, bytes: data.length, width, height, changedArea };
}
