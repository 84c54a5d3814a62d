/**
 * The cheap check every image gets before it is stored, thumbnail or not: the header (format,
 * dimensions) is read without decoding pixels (a PNG's here, others by the image helper process),
 * and a walk over the file's
 * own structure tells a complete file from a truncated one. A large import defers thumbnails,
 * so without this a cut-off JPEG would be accepted and its thumbnail would fail for ever.
 */
import zlib from 'node:zlib';
import { isHelperStopped } from '../images/ImageHelper';
import type { ImageHeader, Images } from '../images/protocol';

export class CorruptImageError extends Error {
  override readonly name = 'CorruptImageError';
}

/** sharp's own decoding limit (limitInputPixels' default): larger images could never be shown. */
export const MAX_PIXELS = 0x3fff * 0x3fff;

const MIME_FOR_FORMAT: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heif: 'image/heif',
};

export interface ImageInfo {
  mime: string;
  width: number;
  height: number;
}

/** Do the first bytes say "image"? Lets a refusal name the size only for files that are images. */
export function looksLikeImage(head: Buffer): boolean {
  return (
    (head[0] === 0x89 && head.toString('latin1', 1, 4) === 'PNG') ||
    (head[0] === 0xff && head[1] === 0xd8) ||
    (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') ||
    head.toString('latin1', 4, 8) === 'ftyp'
  );
}

/** True when the PNG's chunks run, whole, up to IEND. Reads chunk headers only. */
function pngComplete(png: Buffer): boolean {
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IEND') return true;
    at += 12 + length;
  }
  return false;
}

/** True when an end-of-image marker follows the first scan. Inside entropy-coded data 0xFF is always stuffed, so 0xFFD9 there is the end. */
function jpegComplete(jpeg: Buffer): boolean {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda) return jpeg.indexOf(Buffer.from([0xff, 0xd9]), at + 2) > 0;
    // Fill bytes and markers without a length (RSTn, TEM) are one marker each.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return false;
}

/** A RIFF container says how long it is. */
function webpComplete(webp: Buffer): boolean {
  return webp.length >= 12 && webp.readUInt32LE(4) + 8 <= webp.length;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bit depths each PNG colour type allows. */
const PNG_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * A PNG's size from its IHDR chunk, read here rather than by sharp: every generated result is a
 * PNG, and sharp's metadata costs ~0.5 ms of the main thread (its answer turned into an object)
 * plus a trip to the thread pool. Only a sound IHDR (right length, CRC, depth and colour type,
 * known methods) is taken; anything else goes to sharp, which gives the reason.
 */
function pngHeader(png: Buffer): ImageInfo | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (png.readUInt32BE(8) !== 13 || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  if (zlib.crc32(png.subarray(12, 29)) !== png.readUInt32BE(29)) return null;
  const depth = png[24]!;
  const colour = png[25]!;
  if (!PNG_DEPTHS[colour]?.includes(depth) || png[26] !== 0 || png[27] !== 0 || png[28]! > 1) return null;
  return { mime: 'image/png', width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * What the helper is sent to read a header: headers sit at the front (a JPEG's APPn segments are
 * at most 64 KB each), so the first MB answers without copying a 100 MB file to the helper.
 * A header that runs past it is read again from the whole file.
 */
const HEADER_BYTES = 1024 * 1024;

async function header(data: Buffer, images: Images, about: string): Promise<ImageHeader> {
  if (data.length > HEADER_BYTES) {
    // A copy, not a view: structured clone (Electron's postMessage) sends a view's whole ArrayBuffer.
    const prefix = Uint8Array.prototype.slice.call(data, 0, HEADER_BYTES);
    const head = await images.run('header', { source: { bytes: prefix } }, about).catch((err: unknown) => {
      if (isHelperStopped(err)) throw err;
      return null;
    });
    if (head?.format && head.width && head.height) return head;
  }
  return images.run('header', { source: { bytes: data } }, about);
}

/**
 * Format, dimensions and completeness. Throws CorruptImageError with a sentence a person can read;
 * an image helper that stopped meanwhile throws its own (retryable) error. `about` names the work
 * in that error ("reading photo.png").
 */
export async function checkImage(data: Buffer, images: Images, about = 'reading an image'): Promise<ImageInfo> {
  const png = pngHeader(data);
  if (png) return checked(data, png);
  let meta: ImageHeader;
  try {
    meta = await header(data, images, about);
  } catch (err) {
    if (isHelperStopped(err)) throw err;
    throw new CorruptImageError('Not a readable image.');
  }
  const mime = meta.format ? MIME_FOR_FORMAT[meta.format] : undefined;
  if (!mime) throw new CorruptImageError(`Unsupported image format${meta.format ? ` (${meta.format})` : ''}.`);
  return checked(data, { mime, width: meta.width ?? 0, height: meta.height ?? 0 });
}

/** Size limits and completeness of an image whose header was read. */
function checked(data: Buffer, { mime, width, height }: ImageInfo): ImageInfo {
  if (!width || !height) throw new CorruptImageError('The image has no size in its header.');
  if (width * height > MAX_PIXELS) {
    throw new CorruptImageError(`The image is too large to open (${width} × ${height} pixels; at most ${(MAX_PIXELS / 1e6).toFixed(0)} megapixels).`);
  }
  const complete = mime === 'image/png' ? pngComplete(data) : mime === 'image/jpeg' ? jpegComplete(data) : mime === 'image/webp' ? webpComplete(data) : true;
  if (!complete) throw new CorruptImageError('The image is incomplete (the file was cut off).');
  return { mime, width, height };
}
