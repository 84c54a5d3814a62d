/**
 * Reads a generateContent response part by part and decides what it means. The SDK's
 * `response.data` helper is never used: with thinking models it concatenates interim thought
 * images into a corrupt file (wire reference §2.9).
 */
import type { Usage } from '../../../shared/models/pricing';
import { AppError } from '../errors';
import { tokenCount } from '../usage/sane';
import { checkAnswerShape } from './shape';
import type { RawResponse, WireContent } from './wire';

/** wire §2.4: every finishReason the API documents. Anything else is named, never taken as success. */
const KNOWN_FINISH_REASONS = new Set([
  'FINISH_REASON_UNSPECIFIED', 'STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'LANGUAGE', 'OTHER', 'BLOCKLIST',
  'PROHIBITED_CONTENT', 'SPII', 'MALFORMED_FUNCTION_CALL', 'IMAGE_SAFETY', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS',
  'IMAGE_PROHIBITED_CONTENT', 'NO_IMAGE', 'IMAGE_RECITATION', 'IMAGE_OTHER',
]);

/** The format the bytes are in, whatever the label says (a proxy or a model may mislabel JPEG as PNG). */
export function sniffImageMime(data: Buffer, declared: string): string {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 12 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return declared || 'image/png';
}

/** Names a reason for a message: short and printable, whatever the server sent. */
function reasonLabel(reason: unknown): string {
  return String(reason).replace(/[^\w.-]/g, '').slice(0, 60) || '(blank)';
}

export interface DecodedImage {
  mime: string;
  data: Buffer;
}

export interface Grounding {
  sources: Array<{ title: string; uri: string }>;
  queries: string[];
  /** Of `queries`, the Google Images ones (absent in results stored before image search). */
  imageQueries?: string[];
  entryPointHtml: string | null;
}

export interface Generation {
  /** The model turn exactly as received (for chat history and storage). */
  content: WireContent;
  images: DecodedImage[];
  text: string | null;
  thoughtText: string[];
  thoughtImages: DecodedImage[];
  grounding: Grounding | null;
  finishReason: string | null;
  usage: Usage;
  modelVersion: string | null;
}

const IMAGE_BLOCK_REASONS: Record<string, string> = {
  IMAGE_SAFETY: 'Gemini made an image but withheld it under its safety policy (IMAGE_SAFETY).',
  IMAGE_PROHIBITED_CONTENT: 'Gemini withheld the image because it may infringe third-party content (IMAGE_PROHIBITED_CONTENT).',
  IMAGE_RECITATION: 'Gemini withheld the image because it was too close to an existing work (IMAGE_RECITATION).',
  IMAGE_OTHER: 'Gemini could not generate an image for this prompt (IMAGE_OTHER).',
};
const TEXT_BLOCK_REASONS = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION']);

function quote(text: string, max = 300): string {
  return `“${text.length > max ? `${text.slice(0, max)}…` : text}”`;
}

function readGrounding(raw: NonNullable<RawResponse['candidates']>[number]['groundingMetadata']): Grounding | null {
  if (!raw) return null;
  const sources = (raw.groundingChunks ?? [])
    .map((c) => (c.web ? { title: c.web.title ?? c.web.uri ?? '', uri: c.web.uri ?? '' } : c.image ? { title: c.image.title ?? '', uri: c.image.sourceUri ?? '' } : null))
    .filter((s): s is { title: string; uri: string } => !!s && /^https:\/\//.test(s.uri));
  return {
    sources,
    queries: [...(raw.webSearchQueries ?? []), ...(raw.imageSearchQueries ?? [])],
    imageQueries: raw.imageSearchQueries ?? [],
    entryPointHtml: raw.searchEntryPoint?.renderedContent ?? null,
  };
}

/** Returns what Gemini made (images, or text only), or throws an AppError saying why there is nothing to keep. */
export function readGeneration(response: RawResponse): Generation {
  // Batch results and stored answers come here without passing the transport's check.
  checkAnswerShape(response as Record<string, unknown>);
  const u = response.usageMetadata ?? {};
  // Clamped at the edge: these numbers are stored, summed and priced (see usage/sane.ts).
  const details = Array.isArray(u.candidatesTokensDetails) ? u.candidatesTokensDetails : [];
  const usage: Usage = {
    promptTokens: tokenCount(u.promptTokenCount ?? 0),
    outputTokens: tokenCount(u.candidatesTokenCount ?? 0),
    thoughtTokens: tokenCount(u.thoughtsTokenCount ?? 0),
    imageTokens: tokenCount(details.filter((d) => d?.modality === 'IMAGE').reduce((t, d) => t + tokenCount(d.tokenCount ?? 0), 0)),
  };
  const candidate = response.candidates?.[0];
  if (!candidate) {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason) throw new AppError('prompt_blocked', `Gemini blocked the prompt itself (${blockReason}). Rephrase it and try again.`);
    throw new AppError('no_image', 'Gemini returned an empty answer. Try again.');
  }

  const parts = candidate.content?.parts ?? [];
  const images: DecodedImage[] = [];
  const thoughtImages: DecodedImage[] = [];
  const texts: string[] = [];
  const thoughtText: string[] = [];
  for (const part of parts) {
    const bytes = part.inlineData?.data ? Buffer.from(part.inlineData.data, 'base64') : null;
    const image = bytes ? { mime: sniffImageMime(bytes, part.inlineData!.mimeType), data: bytes } : null;
    if (part.thought) {
      if (image) thoughtImages.push(image);
      else if (part.text) thoughtText.push(part.text);
    } else if (image) images.push(image);
    else if (part.text) texts.push(part.text);
  }
  // Streamed text arrives in pieces, one part each (wire §9): they are one text.
  const text = texts.length ? texts.join('') : null;
  const finishReason = typeof candidate.finishReason === 'string' ? candidate.finishReason : null;
  // finishMessage is only in the raw body (the SDK drops it): Google's own sentence, when present.
  const finishMessage = candidate.finishMessage ? ` Gemini said: ${quote(candidate.finishMessage, 400)}` : '';

  if (finishReason === null) {
    // A final answer always names why it ended; without one the answer was cut short somewhere.
    throw new AppError('bad_response', 'Gemini’s answer was incomplete (it never said it had finished). Nothing from it was kept.');
  }
  if (!KNOWN_FINISH_REASONS.has(finishReason)) {
    throw new AppError('no_image', `Gemini ended the answer for a reason Atelier does not know (${reasonLabel(finishReason)}). Nothing from it was kept.${finishMessage}`);
  }
  if (finishReason && IMAGE_BLOCK_REASONS[finishReason]) {
    throw new AppError('image_blocked', `${IMAGE_BLOCK_REASONS[finishReason]} Blocked images are not charged.${finishMessage || ' Try rephrasing the prompt.'}`);
  }
  if (finishReason && TEXT_BLOCK_REASONS.has(finishReason) && images.length === 0) {
    throw new AppError('image_blocked', `Gemini stopped the answer under its content policy (${finishReason}).${finishMessage || ' Try rephrasing the prompt.'}`);
  }
  if (images.length === 0 && finishReason === 'NO_IMAGE') {
    throw new AppError('no_image', `Gemini finished without making an image (NO_IMAGE).${text ? ` It replied: ${quote(text)}` : finishMessage}`);
  }
  if (images.length === 0 && !text) {
    throw new AppError('no_image', `Gemini returned neither an image nor text (${finishReason}).${finishMessage}`);
  }
  if (images.length === 0 && finishReason !== 'STOP') {
    // Only a normal stop makes a text answer a result; MAX_TOKENS, OTHER… leave a fragment.
    throw new AppError('no_image', `Gemini stopped without making an image (${finishReason}).${text ? ` It wrote: ${quote(text)}` : finishMessage}`);
  }
  return {
    content: { role: 'model', parts },
    images,
    text,
    thoughtText,
    thoughtImages,
    grounding: readGrounding(candidate.groundingMetadata),
    finishReason,
    usage,
    modelVersion: response.modelVersion ?? null,
  };
}
