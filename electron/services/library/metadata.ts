/**
 * Generation metadata that travels inside exported files, so a prompt survives outside Atelier:
 * PNG iTXt chunks, JPEG XMP (APP1). Both are written without re-encoding the image. Reading them
 * back on import restores the prompt and parameters.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { z } from 'zod';
import { GenerationParamsSchema, ModelTierSchema, PromptSchema, type GenerationParams } from '../../../shared/domain';
import type { ModelTier } from '../../../shared/domain/vocabulary';

export interface EmbeddedGeneration {
  app: 'Atelier';
  version: 1;
  prompt: string;
  modelId: string;
  tier: ModelTier;
  params: GenerationParams;
  text: string | null;
  createdAt: number;
}

export const PNG_KEYWORD = 'atelier:generation';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');

function crc32(buf: Buffer): number {
  return zlib.crc32(buf);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An uncompressed international text chunk (UTF-8): keyword, 0, flag 0, method 0, no language, no translation. */
function iTXt(keyword: string, text: string): Buffer {
  return chunk('iTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));
}

/** Adds text chunks just before IEND. */
export function pngWithText(png: Buffer, entries: Record<string, string>): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG file');
  const iend = png.lastIndexOf(Buffer.from('IEND', 'latin1')) - 4;
  if (iend < 8) throw new Error('PNG without IEND');
  return Buffer.concat([png.subarray(0, iend), ...Object.entries(entries).map(([k, v]) => iTXt(k, v)), png.subarray(iend)]);
}

/**
 * Embedded text is small (our record is a few KB). A compressed chunk may claim anything: a 1 MB
 * chunk can inflate to gigabytes, so inflating stops here and the chunk is ignored.
 */
export const MAX_METADATA_BYTES = 1024 * 1024;

interface TextChunk {
  keyword: string;
  compressed: boolean;
  body: Buffer;
  latin1: boolean;
}

/** The tEXt and iTXt chunks of a PNG, undecoded. Walks chunk headers only. */
function pngTextChunks(png: Buffer): TextChunk[] {
  const out: TextChunk[] = [];
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return out;
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const nul = data.indexOf(0);
    if (type === 'tEXt' && nul > 0) {
      out.push({ keyword: data.toString('latin1', 0, nul), compressed: false, body: data.subarray(nul + 1), latin1: true });
    } else if (type === 'iTXt' && nul > 0) {
      // Skip the language tag and translated keyword (two NUL-terminated strings after the flags).
      const lang = data.indexOf(0, nul + 3);
      const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
      if (translated > 0) out.push({ keyword: data.toString('latin1', 0, nul), compressed: data[nul + 1] === 1, body: data.subarray(translated + 1), latin1: false });
    } else if (type === 'IEND') break;
    at += 12 + length;
  }
  return out;
}

const inflateAsync = promisify(zlib.inflate);

/** The text of a chunk, or null when it is compressed and broken or larger than `MAX_METADATA_BYTES`. */
async function chunkText(c: TextChunk): Promise<string | null> {
  if (c.latin1) return c.body.toString('latin1');
  if (!c.compressed) return c.body.length <= MAX_METADATA_BYTES ? c.body.toString('utf8') : null;
  try {
    // zlib's async inflate runs on libuv's thread pool, and maxOutputLength stops a bomb early.
    return (await inflateAsync(c.body, { maxOutputLength: MAX_METADATA_BYTES })).toString('utf8');
  } catch {
    return null;
  }
}

/** tEXt and iTXt chunks of a PNG, by keyword (compressed ones bounded like the import's). */
export function pngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of pngTextChunks(png)) {
    if (c.latin1) out[c.keyword] = c.body.toString('latin1');
    else if (!c.compressed) out[c.keyword] = c.body.toString('utf8');
    else {
      try {
        out[c.keyword] = zlib.inflateSync(c.body, { maxOutputLength: MAX_METADATA_BYTES }).toString('utf8');
      } catch {
        // A broken or oversized chunk is no text at all.
      }
    }
  }
  return out;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An XMP packet: the prompt as dc:description (what other apps show) and our record as JSON. */
export function xmpPacket(meta: EmbeddedGeneration): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:atelier="https://atelier.invalid/ns/1.0/"',
    ` xmp:CreatorTool="Atelier" atelier:generation="${escapeXml(JSON.stringify(meta))}">`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.prompt)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Inserts an XMP APP1 segment right after the JPEG's SOI marker. */
export function jpegWithXmp(jpeg: Buffer, xmp: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('Not a JPEG file');
  const payload = Buffer.concat([XMP_HEADER, Buffer.from(xmp, 'utf8')]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

function jpegXmp(jpeg: Buffer): string | null {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xe1 && jpeg.subarray(at + 4, at + 4 + XMP_HEADER.length).equals(XMP_HEADER)) {
      return jpeg.toString('utf8', at + 4 + XMP_HEADER.length, at + 2 + length);
    }
    if (marker === 0xda) break; // image data starts: no more headers
    at += 2 + length;
  }
  return null;
}

/** A JPEG APP11 segment that carries JUMBF (ISO 19566-5: common identifier "JP"), where C2PA keeps its manifest. */
function isJumbfApp11(jpeg: Buffer, at: number): boolean {
  return jpeg[at + 1] === 0xeb && jpeg[at + 4] === 0x4a && jpeg[at + 5] === 0x50;
}

/**
 * True when the file carries a C2PA manifest: a `caBX` chunk in a PNG, JUMBF in a JPEG's APP11.
 * Walks headers only; checking the manifest is the image helper's work (`images/credentials.ts`).
 */
export function hasC2paManifest(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    for (let at = 8; at + 8 <= bytes.length; ) {
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (type === 'caBX') return true;
      if (type === 'IEND') break;
      at += 12 + bytes.readUInt32BE(at);
    }
    return false;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 6 <= bytes.length && bytes[at] === 0xff; at += 2 + bytes.readUInt16BE(at + 2)) {
      if (isJumbfApp11(bytes, at)) return true;
      if (bytes[at + 1] === 0xda) break;
    }
  }
  return false;
}

/**
 * The file without its C2PA manifest. Used only when the user chose to embed Atelier's metadata:
 * writing into the file breaks the manifest's hard binding, and a manifest left behind would then
 * read as "tampered" everywhere, which says something false about the image.
 */
export function withoutC2paManifest(bytes: Buffer): Buffer {
  const keep: Buffer[] = [];
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    keep.push(bytes.subarray(0, 8));
    let at = 8;
    while (at + 8 <= bytes.length) {
      const end = at + 12 + bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (type !== 'caBX') keep.push(bytes.subarray(at, end));
      at = end;
      if (type === 'IEND') break;
    }
    return Buffer.concat(keep);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    keep.push(bytes.subarray(0, 2));
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at] === 0xff && bytes[at + 1] !== 0xda) {
      const end = at + 2 + bytes.readUInt16BE(at + 2);
      if (!isJumbfApp11(bytes, at)) keep.push(bytes.subarray(at, end));
      at = end;
    }
    keep.push(bytes.subarray(at));
    return Buffer.concat(keep);
  }
  return bytes;
}

/**
 * A record from a file the user picked is untrusted input: it lands in rows that every list reads,
 * so a field that fails the app's own schemas means "no record", never a row that breaks a list.
 */
const EmbeddedSchema = z.object({
  app: z.literal('Atelier'),
  version: z.literal(1),
  prompt: PromptSchema,
  modelId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
  tier: ModelTierSchema,
  params: GenerationParamsSchema,
  text: z.string().max(100_000).nullable().default(null),
  createdAt: z.number().int().nonnegative().max(8.64e15),
});

function parse(json: string | null | undefined): EmbeddedGeneration | null {
  if (!json) return null;
  try {
    const meta = EmbeddedSchema.safeParse(JSON.parse(json));
    return meta.success ? (meta.data as EmbeddedGeneration) : null;
  } catch {
    return null;
  }
}

/** The file with its generation inside, or null for a format we cannot write into without re-encoding. */
export function embed(bytes: Buffer, mime: string, meta: EmbeddedGeneration): Buffer | null {
  if (mime === 'image/png') return pngWithText(bytes, { [PNG_KEYWORD]: JSON.stringify(meta), Description: meta.prompt, Software: 'Atelier' });
  if (mime === 'image/jpeg') return jpegWithXmp(bytes, xmpPacket(meta));
  return null;
}

/** The record inside an XMP packet written by `xmpPacket` (an exported file's sidecar, `name.png.xmp`). */
export function readXmpRecord(xmp: string): EmbeddedGeneration | null {
  if (xmp.length > MAX_METADATA_BYTES) return null;
  const m = /atelier:generation="([^"]*)"/.exec(xmp);
  return parse(m ? unescapeXml(m[1]!) : null);
}

/**
 * What an exported file says about how it was made, if it was made by Atelier. Only our own chunk
 * is decoded, and only up to `MAX_METADATA_BYTES`: a damaged or hostile chunk means "no record".
 */
export async function readEmbedded(bytes: Buffer): Promise<EmbeddedGeneration | null> {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const ours = pngTextChunks(bytes).find((c) => c.keyword === PNG_KEYWORD);
    return ours ? parse(await chunkText(ours)) : null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const xmp = jpegXmp(bytes);
    const m = xmp ? /atelier:generation="([^"]*)"/.exec(xmp) : null;
    return parse(m ? unescapeXml(m[1]!) : null);
  }
  return null;
}
