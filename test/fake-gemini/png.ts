/**
 * Real PNGs for the fake's answers and for test fixtures.
 *
 * Every image is a solid colour derived from a seed (so two prompts never look alike), with the
 * label drawn on it when sharp's SVG text rendering works, and with metadata in tEXt/iTXt
 * chunks (`fake-gemini:prompt`, `fake-gemini:model`, …) so tests can read back *which* request
 * produced a picture without OCR. Rendering is cached because tests ask for the same few
 * sizes over and over and a 4K encode costs ~150 ms.
 */
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface MakePngOptions {
  width: number;
  height: number;
  /** Solid background; defaults to `colourFor(label ?? '')`. */
  background?: Rgb;
  /** Drawn centred on the image (best effort: skipped if text rendering is unavailable). */
  label?: string;
  /** Smaller second line under the label. */
  caption?: string;
  /** Written as tEXt chunks (iTXt when a value is not Latin-1). */
  text?: Record<string, string>;
}

export interface PngInfo {
  width: number;
  height: number;
  text: Record<string, string>;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Deterministic, reasonably saturated colour for a seed (HSL with fixed S/L). */
export function colourFor(seed: string): Rgb {
  const h = createHash('sha256').update(seed).digest();
  const hue = ((h[0]! << 8) | h[1]!) % 360;
  const sat = 0.45 + (h[2]! / 255) * 0.35;
  const light = 0.35 + (h[3]! / 255) * 0.25;
  return hslToRgb(hue, sat, light);
}

function hslToRgb(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  const to = (v: number): number => Math.round((v + m) * 255);
  return { r: to(r), g: to(g), b: to(b) };
}

const renderCache = new Map<string, Promise<Buffer>>();
const RENDER_CACHE_MAX = 48;
/** Give up on text after repeated failures (no fonts/librsvg); one odd prompt must not disable it. */
let textFailures = 0;
const MAX_TEXT_FAILURES = 3;

/** Builds a real PNG of exactly `width`×`height` pixels. */
export async function makePng(opts: MakePngOptions): Promise<Buffer> {
  const { width, height } = opts;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`makePng: bad size ${width}x${height}`);
  }
  const background = opts.background ?? colourFor(opts.label ?? '');
  const key = JSON.stringify([width, height, background, opts.label ?? '', opts.caption ?? '']);
  let pending = renderCache.get(key);
  if (!pending) {
    pending = render(width, height, background, opts.label, opts.caption);
    renderCache.set(key, pending);
    pending.catch(() => renderCache.delete(key));
    if (renderCache.size > RENDER_CACHE_MAX) {
      const oldest = renderCache.keys().next().value;
      if (oldest !== undefined) renderCache.delete(oldest);
    }
  }
  const base = await pending;
  return opts.text ? withTextChunks(base, opts.text) : base;
}

async function render(width: number, height: number, bg: Rgb, label?: string, caption?: string): Promise<Buffer> {
  const canvas = (): Sharp => sharp({ create: { width, height, channels: 3, background: bg } });
  // compressionLevel 1 and no adaptive filtering: a solid 1K image encodes in a few ms.
  const png = { compressionLevel: 1, adaptiveFiltering: false } as const;
  if (label && textFailures < MAX_TEXT_FAILURES) {
    try {
      const overlay = textOverlay(width, height, bg, label, caption);
      if (overlay) {
        return await canvas()
          .composite([{ input: overlay.svg, top: overlay.top, left: 0 }])
          .png(png)
          .toBuffer();
      }
    } catch {
      // Keep the colour, which is what tests rely on; the text is only for people looking.
      textFailures++;
    }
  }
  return canvas().png(png).toBuffer();
}

/** Only a horizontal strip is rasterised as SVG: rendering a full 4K SVG doubles the cost. */
function textOverlay(
  width: number,
  height: number,
  bg: Rgb,
  label: string,
  caption?: string,
): { svg: Buffer; top: number } | null {
  const maxChars = Math.max(8, Math.min(40, Math.floor(width / 24)));
  const lines = wrap(label, maxChars, 4);
  if (lines.length === 0) return null;
  const longest = Math.max(...lines.map((l) => l.length), 1);
  // DejaVu Sans averages ~0.6 em per character.
  const fontSize = Math.max(6, Math.floor(Math.min(height / (lines.length * 2.2 + 2), (width * 0.9) / (longest * 0.62))));
  const captionSize = Math.max(5, Math.floor(fontSize * 0.45));
  const lineHeight = Math.round(fontSize * 1.25);
  const stripHeight = Math.min(height, lineHeight * lines.length + (caption ? captionSize * 2 : 0) + fontSize);
  const luminance = 0.299 * bg.r + 0.587 * bg.g + 0.114 * bg.b;
  const ink = luminance > 150 ? '#111111' : '#ffffff';
  const tspans = lines
    .map((l, i) => `<text x="50%" y="${fontSize + i * lineHeight}" font-size="${fontSize}">${escapeXml(l)}</text>`)
    .join('');
  const cap = caption
    ? `<text x="50%" y="${fontSize + lines.length * lineHeight + captionSize}" font-size="${captionSize}" opacity="0.8">${escapeXml(caption)}</text>`
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${stripHeight}">` +
    `<g font-family="DejaVu Sans, sans-serif" fill="${ink}" text-anchor="middle">${tspans}${cap}</g></svg>`;
  return { svg: Buffer.from(svg), top: Math.max(0, Math.round((height - stripHeight) / 2)) };
}

function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const raw of words) {
    const word = raw.length > maxChars ? `${raw.slice(0, maxChars - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, maxChars - 1)}…`;
  return kept;
}

function escapeXml(s: string): string {
  // Control characters (other than tab/newline) are not allowed in XML 1.0 at all.
  const printable = [...s].filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === '\t' || ch === '\n').join('');
  return printable
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** tEXt holds Latin-1 without NUL; anything else needs iTXt. */
const isLatin1 = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c > 0xff) return false;
  }
  return true;
};

function textChunk(keyword: string, value: string): Buffer {
  const kw = Buffer.from(keyword.slice(0, 79), 'latin1');
  if (isLatin1(value)) return chunk('tEXt', Buffer.concat([kw, Buffer.from([0]), Buffer.from(value, 'latin1')]));
  // iTXt: keyword\0 compression-flag compression-method language\0 translated-keyword\0 UTF-8 text.
  return chunk('iTXt', Buffer.concat([kw, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(value, 'utf8')]));
}

/** Inserts text chunks right after IHDR (allowed anywhere before IEND; early = cheap to find). */
function withTextChunks(png: Buffer, text: Record<string, string>): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  const chunks = Object.entries(text).map(([k, v]) => textChunk(k, v));
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

/** Reads size and tEXt/zTXt/iTXt metadata from a PNG. Throws if `buf` is not a PNG. */
export function readPngInfo(buf: Buffer): PngInfo {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  const info: PngInfo = { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), text: {} };
  let off = 8;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IEND') break;
    if (type === 'tEXt') {
      const z = data.indexOf(0);
      if (z > 0) info.text[data.toString('latin1', 0, z)] = data.toString('latin1', z + 1);
    } else if (type === 'zTXt') {
      const z = data.indexOf(0);
      if (z > 0) info.text[data.toString('latin1', 0, z)] = inflateSync(data.subarray(z + 2)).toString('latin1');
    } else if (type === 'iTXt') {
      const z = data.indexOf(0);
      if (z > 0) {
        const compressed = data[z + 1] === 1;
        const langEnd = data.indexOf(0, z + 3);
        const transEnd = data.indexOf(0, langEnd + 1);
        const body = data.subarray(transEnd + 1);
        info.text[data.toString('latin1', 0, z)] = (compressed ? inflateSync(body) : body).toString('utf8');
      }
    }
    off += 12 + len;
  }
  return info;
}

/** Pixel size of any image sharp understands (PNG/JPEG/WebP/HEIF inputs); undefined if unreadable. */
export async function imageSize(buf: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    if (buf.subarray(0, 8).equals(SIGNATURE)) {
      const { width, height } = readPngInfo(buf);
      return { width, height };
    }
    const meta = await sharp(buf).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** The same picture as JPEG (models and proxies may answer in JPEG whatever they label it). */
export async function toJpeg(buf: Buffer): Promise<Buffer> {
  return sharp(buf).jpeg({ quality: 85 }).toBuffer();
}
