import type { GenerateRequest, Reference } from '../../../shared/ipc/contract';
import type { WireContent, WirePart } from '../gemini/wire';
import type { ReferenceImages } from '../references/images';
import { asBuffer, type Images } from '../images/protocol';

/** Gemini's documented input types (wire §5.2); anything else is re-encoded as PNG. */
const SENDABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif']);
/** Vertex documents 7 MB per inline image; Gemini tiles inputs far below 4K anyway. */
const MAX_INLINE_BYTES = 7 * 1024 * 1024;
const MAX_EDGE = 3072;

/** A reference image as an inline part, shrunk (by the image helper, `work`) when it is larger than Gemini needs. */
export async function referencePart(images: ReferenceImages, ref: Reference, work: Images): Promise<WirePart> {
  const { data, mime, width, height } = images.imageOf(ref);
  if (SENDABLE.has(mime) && data.length <= MAX_INLINE_BYTES && Math.max(width, height) <= MAX_EDGE) {
    return { inlineData: { mimeType: mime, data: data.toString('base64') } };
  }
  const shrunk = await work.run('shrink', { source: { bytes: data }, edge: MAX_EDGE }, `preparing a ${width} × ${height} reference image`);
  return { inlineData: { mimeType: 'image/jpeg', data: asBuffer(shrunk.bytes).toString('base64') } };
}

/** The user turn of a one-shot request (or of a chat turn sent again): the prompt, then any reference images. */
export async function userContentOf(images: ReferenceImages, { prompt, references }: Pick<GenerateRequest, 'prompt' | 'references'>, work: Images): Promise<WireContent> {
  const parts = await Promise.all(references.map((r) => referencePart(images, r, work)));
  return { role: 'user', parts: [{ text: prompt }, ...parts] };
}
