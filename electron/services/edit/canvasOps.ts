/**
 * The edit canvas's operations at full resolution, with sharp. sharp runs on libuv's thread pool,
 * so a 6000×4000 crop or mask export never blocks main's event loop (bench: `npm run bench -- edit`).
 * The window works on a downscaled copy; every pixel that is kept is computed here.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { EditOp } from '../../../shared/domain';
import { AppError } from '../errors';

/** Where the original picture sits inside an expanded canvas (full-resolution pixels). */
export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface OpsResult {
  data: Buffer;
  width: number;
  height: number;
  mime: 'image/png' | 'image/jpeg';
  /** Set when an expand op padded the image: where the picture is now, for the outpaint mask. */
  placedAt: Placement | null;
}

/** The padding an outpaint fills: a flat mid grey reads as "empty" to the model and to people. */
export const PAD_COLOUR = { r: 128, g: 128, b: 128, alpha: 1 };

function expandMargins(width: number, height: number, op: Extract<EditOp, { op: 'expand' }>): { left: number; top: number; right: number; bottom: number } {
  if (!!op.margins === !!op.ratio) throw new AppError('bad_input', 'Expand either to an aspect ratio or by margins, not both.');
  if (op.margins) return op.margins;
  const [rw, rh] = op.ratio!.split(':').map(Number) as [number, number];
  if (!rw || !rh) throw new AppError('bad_input', `${op.ratio} is not a ratio Atelier can expand to.`);
  // Grow only: the picture keeps every pixel and gains a border on the short side(s).
  const target = rw / rh;
  let w = width;
  let h = height;
  if (width / height < target) w = Math.round(height * target);
  else h = Math.round(width / target);
  const dx = w - width;
  const dy = h - height;
  return { left: Math.floor(dx / 2), right: dx - Math.floor(dx / 2), top: Math.floor(dy / 2), bottom: dy - Math.floor(dy / 2) };
}

/**
 * Applies the ops in order. Each step is re-encoded losslessly in memory (raw pixels), and only
 * the end result is compressed: JPEG stays JPEG (quality 95), everything else becomes PNG.
 */
export async function applyOps(input: Buffer, ops: readonly EditOp[], opts: { keepJpeg?: boolean } = {}): Promise<OpsResult> {
  const meta = await sharp(input).metadata();
  // EXIF orientation is applied first (autoOrient), so the user's rotate/flip mean what they see.
  let img = sharp(input, { autoOrient: true });
  let { width, height } = meta.orientation && meta.orientation >= 5 ? { width: meta.height!, height: meta.width! } : { width: meta.width!, height: meta.height! };
  let placedAt = null as Placement | null;
  for (const [i, op] of ops.entries()) {
    if (i > 0) {
      // One op per pipeline: sharp applies rotate/flip/extract in its own fixed order, not the
      // user's. Between ops the pixels stay raw in memory (lossless); a single op needs no copy.
      const raw = await img.raw().toBuffer({ resolveWithObject: true });
      img = sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });
    }
    switch (op.op) {
      case 'crop': {
        if (op.left + op.width > width || op.top + op.height > height) {
          throw new AppError('bad_input', `The crop (${op.width}×${op.height} at ${op.left},${op.top}) goes past the ${width}×${height} image.`);
        }
        img = img.extract({ left: op.left, top: op.top, width: op.width, height: op.height });
        placedAt = null; // cropping an expanded canvas: its border no longer lines up
        [width, height] = [op.width, op.height];
        break;
      }
      case 'rotate':
        img = img.rotate(op.degrees);
        if (op.degrees !== 180) [width, height] = [height, width];
        placedAt = null;
        break;
      case 'flip': {
        img = op.axis === 'vertical' ? img.flip() : img.flop();
        const p: Placement | null = placedAt;
        if (p) placedAt = op.axis === 'vertical' ? { ...p, top: height - p.top - p.height } : { ...p, left: width - p.left - p.width };
        break;
      }
      case 'expand': {
        const m = expandMargins(width, height, op);
        img = img.extend({ ...m, background: PAD_COLOUR });
        const p: Placement | null = placedAt;
        placedAt = p ? { ...p, left: p.left + m.left, top: p.top + m.top } : { left: m.left, top: m.top, width, height };
        width += m.left + m.right;
        height += m.top + m.bottom;
        break;
      }
    }
  }
  const jpeg = opts.keepJpeg !== false && meta.format === 'jpeg';
  const data = jpeg ? await img.removeAlpha().jpeg({ quality: 95 }).toBuffer() : await img.png({ compressionLevel: 6 }).toBuffer();
  return { data, width, height, mime: jpeg ? 'image/jpeg' : 'image/png', placedAt };
}

/**
 * The painted mask at the image's full size: one grey channel, 255 where the model may change
 * things. The window paints at preview scale, so it is scaled up and thresholded (no soft edge
 * from the resize). `placedAt` adds everything outside the picture (the outpaint border).
 */
export async function fullMask(
  maskPng: Buffer | null,
  width: number,
  height: number,
  placedAt: Placement | null = null,
): Promise<{ data: Buffer; empty: boolean; coverage: number }> {
  let grey: Buffer;
  if (maskPng) {
    grey = await sharp(maskPng)
      .ensureAlpha()
      // Painted pixels are opaque; erased ones transparent. Alpha is the truth, whatever the colour.
      .extractChannel('alpha')
      .resize(width, height, { fit: 'fill', kernel: 'nearest' })
      .threshold(128)
      .raw()
      .toBuffer();
  } else {
    grey = Buffer.alloc(width * height);
  }
  if (placedAt) {
    for (let y = 0; y < height; y++) {
      const inside = y >= placedAt.top && y < placedAt.top + placedAt.height;
      const row = y * width;
      if (!inside) {
        grey.fill(255, row, row + width);
        continue;
      }
      grey.fill(255, row, row + Math.max(0, placedAt.left));
      grey.fill(255, row + Math.min(width, placedAt.left + placedAt.width), row + width);
    }
  }
  const raw = { raw: { width, height, channels: 1 as const } };
  // Counting and encoding run on sharp's threads: a 24-megapixel loop in JS would hold main's event loop.
  const [stats, data] = await Promise.all([
    sharp(grey, raw).stats(),
    // A mask is two flat colours: the fastest zlib level compresses it almost as well as the best.
    sharp(grey, raw).toColourspace('b-w').png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer(),
  ]);
  const mean = stats.channels[0]?.mean ?? 0;
  return { data, empty: (stats.channels[0]?.max ?? 0) === 0, coverage: mean / 255 };
}

/** The colour of marked regions in the copy the model sees: strong red at half strength. */
export const MARK_COLOUR = { r: 255, g: 0, b: 64 };

/**
 * The base image with the mask laid over it in translucent red and the annotations on top, at
 * most `maxEdge` on the long side (it only needs to show the model where; the base image carries
 * the detail).
 */
export async function markedCopy(
  base: Buffer,
  mask: Buffer | null,
  annotationsPng: Buffer | null,
  opts: { maxEdge: number },
): Promise<{ data: Buffer; width: number; height: number }> {
  const src = sharp(base).rotate();
  const meta = await src.metadata();
  const scale = Math.min(1, opts.maxEdge / Math.max(meta.width!, meta.height!));
  const upright = meta.orientation && meta.orientation >= 5;
  const w0 = upright ? meta.height! : meta.width!;
  const h0 = upright ? meta.width! : meta.height!;
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const layers: OverlayOptions[] = [];
  if (mask) {
    const alpha = await sharp(mask).resize(width, height, { fit: 'fill', kernel: 'nearest' }).extractChannel(0).linear(0.5, 0).raw().toBuffer();
    const red = await sharp({ create: { width, height, channels: 3, background: MARK_COLOUR } })
      .joinChannel(alpha, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer();
    layers.push({ input: red });
  }
  if (annotationsPng) layers.push({ input: await sharp(annotationsPng).resize(width, height, { fit: 'fill' }).png().toBuffer() });
  const data = await src.resize(width, height, { fit: 'fill' }).composite(layers).removeAlpha().jpeg({ quality: 90 }).toBuffer();
  return { data, width, height };
}

/** Is there anything drawn on this PNG (any pixel not fully transparent)? */
export async function hasInk(png: Buffer): Promise<boolean> {
  const { channels } = await sharp(png).ensureAlpha().extractChannel('alpha').stats();
  return (channels[0]?.max ?? 0) > 0;
}
