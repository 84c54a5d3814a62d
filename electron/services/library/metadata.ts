/**
 * Generation metadata that travels inside exported files, so a prompt survives outside Atelier:
 * PNG iTXt chunks, JPEG XMP (APP1). Both are written without re-encoding the image. Reading them
 * back on import restores the prompt and parameters.
 */
import zlib from 'node:zlib';
import type { GenerationParams } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/models';

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

/** tEXt and iTXt chunks of a PNG, by keyword. */
export function pngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return out;
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'tEXt') {
      const nul = data.indexOf(0);
      if (nul > 0) out[data.toString('latin1', 0, nul)] = data.toString('latin1', nul + 1);
    } else if (type === 'iTXt') {
      const nul = data.indexOf(0);
      const compressed = data[nul + 1] === 1;
      // Skip the language tag and translated keyword (two NUL-terminated strings after the flags).
      const lang = data.indexOf(0, nul + 3);
      const translated = data.indexOf(0, lang + 1);
      const body = data.subarray(translated + 1);
      out[data.toString('latin1', 0, nul)] = (compressed ? zlib.inflateSync(body) : body).toString('utf8');
    } else if (type === 'IEND') break;
    at += 12 + length;
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

function parse(json: string | null | undefined): EmbeddedGeneration | null {
  if (!json) return null;
  try {
    const meta = JSON.parse(json) as Partial<EmbeddedGeneration>;
    return meta.app === 'Atelier' && typeof meta.prompt === 'string' && typeof meta.modelId === 'string' ? (meta as EmbeddedGeneration) : null;
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

/** What an exported file says about how it was made, if it was made by Atelier. */
export function readEmbedded(bytes: Buffer): EmbeddedGeneration | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return parse(pngText(bytes)[PNG_KEYWORD]);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const xmp = jpegXmp(bytes);
    const m = xmp ? /atelier:generation="([^"]*)"/.exec(xmp) : null;
    return parse(m ? unescapeXml(m[1]!) : null);
  }
  return null;
}
