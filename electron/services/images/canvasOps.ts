/**
 * The edit canvas's operations at full resolution, with sharp, run in the image helper process
 * (work.ts), so a 6000×4000 crop or mask export never touches main's event loop (bench:
 * `npm run bench -- compare`). The window works on a downscaled copy; every pixel that is kept is
 * computed here.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { EditOp } from '../../../shared/domain';
import { AppError } from '../errors';
import type { Placement } from './protocol';

export type { Placement } from './protocol';

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
  // Huffman optimisation is a second pass over the whole image: at 6000×4000 it doubled the time
  // of a crop (bench) to save a few per cent of the file.
  const data = jpeg ? await img.removeAlpha().jpeg({ quality: 95, optimiseCoding: false }).toBuffer() : await img.png({ compressionLevel: 6 }).toBuffer();
  return { data, width, height, mime: jpeg ? 'image/jpeg' : 'image/png', placedAt };
}

/** A one-channel mask in memory: 255 where the model may change things. */
export interface RawMask {
  data: Buffer;
  width: number;
  height: number;
}

/** Rows handed to the event loop between slices of the upscale: a few milliseconds each. */
const ROWS_PER_SLICE = 256;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Nearest-neighbour upscale of the thresholded preview mask, with the outpaint border, counting
 * the painted pixels as it goes. Done here rather than by libvips: its nearest resize to 24
 * megapixels cost about a second (bench), while most output rows are copies of a row already
 * made. Sliced, so main's event loop is never held for long.
 */
async function upscaleMask(src: RawMask | null, width: number, height: number, placedAt: Placement | null): Promise<{ data: Buffer; painted: number }> {
  const out = Buffer.alloc(width * height);
  const column = new Uint32Array(width);
  if (src) for (let x = 0; x < width; x++) column[x] = Math.min(src.width - 1, Math.floor(((x + 0.5) * src.width) / width));
  let painted = 0;
  let lastKey = -1;
  let lastRow = 0;
  let lastCount = 0;
  for (let y = 0; y < height; y++) {
    const sy = src ? Math.min(src.height - 1, Math.floor(((y + 0.5) * src.height) / height)) : 0;
    const inside = !placedAt || (y >= placedAt.top && y < placedAt.top + placedAt.height);
    // Rows from the same source row, on the same side of the border, are the same bytes.
    const key = sy * 2 + (inside ? 1 : 0);
    const row = y * width;
    if (key === lastKey) {
      out.copy(out, row, lastRow, lastRow + width);
    } else {
      if (!inside) out.fill(255, row, row + width);
      else {
        if (src) {
          const from = sy * src.width;
          for (let x = 0; x < width; x++) out[row + x] = src.data[from + column[x]!]!;
        }
        if (placedAt) {
          out.fill(255, row, row + Math.max(0, placedAt.left));
          out.fill(255, row + Math.min(width, placedAt.left + placedAt.width), row + width);
        }
      }
      lastCount = 0;
      for (let x = row; x < row + width; x++) if (out[x]) lastCount++;
      lastKey = key;
      lastRow = row;
    }
    painted += lastCount;
    if (y % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
  }
  return { data: out, painted };
}

/**
 * The painted mask at the image's full size: one grey channel, 255 where the model may change
 * things. The window paints at preview scale; the mask is thresholded there (no soft edge) and
 * scaled up without smoothing. `placedAt` adds everything outside the picture (the outpaint
 * border). `raw` is the same mask uncompressed, for the marked copy.
 */
export async function fullMask(
  maskPng: Buffer | null,
  width: number,
  height: number,
  placedAt: Placement | null = null,
): Promise<{ data: Buffer; empty: boolean; coverage: number; raw: RawMask }> {
  let small: RawMask | null = null;
  if (maskPng) {
    // Painted pixels are opaque; erased ones transparent. Alpha is the truth, whatever the colour.
    const { data, info } = await sharp(maskPng).ensureAlpha().extractChannel('alpha').threshold(128).raw().toBuffer({ resolveWithObject: true });
    small = { data, width: info.width, height: info.height };
  }
  const { data: grey, painted } = await upscaleMask(small, width, height, placedAt);
  // A mask is two flat colours: the fastest zlib level compresses it almost as well as the best.
  const data = await sharp(grey, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer();
  return { data, empty: painted === 0, coverage: painted / (width * height), raw: { data: grey, width, height } };
}

/** The colour of marked regions in the copy the model sees: strong red at half strength. */
export const MARK_COLOUR = { r: 255, g: 0, b: 64 };

/**
 * The base image with the mask laid over it in translucent red and the annotations on top, at
 * most `maxEdge` on the long side (it only needs to show the model where; the base image carries
 * the detail). `mask` is a PNG or a raw mask, at any scale.
 */
export async function markedCopy(
  base: Buffer,
  mask: Buffer | RawMask | null,
  annotationsPng: Buffer | null,
  opts: { maxEdge: number },
): Promise<{ data: Buffer; width: number; height: number }> {
  const meta = await sharp(base).metadata();
  const upright = meta.orientation && meta.orientation >= 5;
  const w0 = upright ? meta.height! : meta.width!;
  const h0 = upright ? meta.width! : meta.height!;
  const long = Math.max(w0, h0);
  // A JPEG decodes at half size several times faster (DCT scaling): a photo a little over twice the
  // limit is marked at exactly half, 3000 px instead of 3072 for a 6000 px photo.
  const edge = long > opts.maxEdge && long <= 2 * opts.maxEdge && long >= opts.maxEdge * 1.5 ? Math.floor(long / 2) : Math.min(long, opts.maxEdge);
  const scale = edge / long;
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const layers: OverlayOptions[] = [];
  if (mask) {
    const source = Buffer.isBuffer(mask) ? sharp(mask) : sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 1 } });
    const alpha = await source.resize(width, height, { fit: 'fill', kernel: 'nearest' }).extractChannel(0).linear(0.5, 0).raw().toBuffer();
    // Handed over raw: encoding a layer as PNG only for composite to decode it again cost more than the layer itself.
    const red = await sharp({ create: { width, height, channels: 3, background: MARK_COLOUR } })
      .joinChannel(alpha, { raw: { width, height, channels: 1 } })
      .raw()
      .toBuffer();
    layers.push({ input: red, raw: { width, height, channels: 4 } });
  }
  if (annotationsPng) layers.push({ input: await sharp(annotationsPng).resize(width, height, { fit: 'fill' }).png().toBuffer() });
  const data = await sharp(base)
    .rotate()
    .resize(width, height, { fit: 'fill' })
    .composite(layers)
    .removeAlpha()
    .jpeg({ quality: 90, optimiseCoding: false })
    .toBuffer();
  return { data, width, height };
}

/** Is there anything drawn on this PNG (any pixel not fully transparent)? */
export async function hasInk(png: Buffer): Promise<boolean> {
  const { channels } = await sharp(png).ensureAlpha().extractChannel('alpha').stats();
  return (channels[0]?.max ?? 0) > 0;
}
