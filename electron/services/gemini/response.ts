/**
 * Reads a generateContent response part by part and decides what it means. The SDK's
 * `response.data` helper is never used: with thinking models it concatenates interim thought
 * images into a corrupt file (wire reference §2.9).
 */
import type { Usage } from '../../../shared/models';
import { AppError } from '../errors';
import type { RawResponse, WireContent } from './wire';

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
  const u = response.usageMetadata ?? {};
  const usage: Usage = {
    promptTokens: u.promptTokenCount ?? 0,
    outputTokens: u.candidatesTokenCount ?? 0,
    thoughtTokens: u.thoughtsTokenCount ?? 0,
    imageTokens: (u.candidatesTokensDetails ?? []).filter((d) => d.modality === 'IMAGE').reduce((t, d) => t + (d.tokenCount ?? 0), 0),
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
    const image = part.inlineData?.data ? { mime: part.inlineData.mimeType || 'image/png', data: Buffer.from(part.inlineData.data, 'base64') } : null;
    if (part.thought) {
      if (image) thoughtImages.push(image);
      else if (part.text) thoughtText.push(part.text);
    } else if (image) images.push(image);
    else if (part.text) texts.push(part.text);
  }
  const text = texts.length ? texts.join('\n\n') : null;
  const finishReason = candidate.finishReason ?? null;
  // finishMessage is only in the raw body (the SDK drops it): Google's own sentence, when present.
  const finishMessage = candidate.finishMessage ? ` Gemini said: ${quote(candidate.finishMessage, 400)}` : '';

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
    throw new AppError('no_image', `Gemini returned neither an image nor text (${finishReason ?? 'no reason given'}).${finishMessage}`);
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
