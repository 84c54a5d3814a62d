/**
 * Reads a generateContent response part by part. The SDK's `response.data` helper is never
 * used: with thinking models it concatenates interim thought images into a corrupt file
 * (wire reference §2.9).
 */
import type { GenerateContentResponse } from '@google/genai';
import { AppError } from '../errors';

export interface GeneratedImage {
  mime: string;
  data: Buffer;
}

export interface Generation {
  images: GeneratedImage[];
  text: string | null;
  finishReason: string | null;
  usage: { promptTokens: number; outputTokens: number; thoughtTokens: number };
  modelVersion: string | null;
}

const IMAGE_BLOCK_REASONS: Record<string, string> = {
  IMAGE_SAFETY: 'Gemini made an image but withheld it under its safety policy (IMAGE_SAFETY).',
  IMAGE_PROHIBITED_CONTENT: 'Gemini withheld the image because it may infringe third-party content (IMAGE_PROHIBITED_CONTENT).',
  IMAGE_RECITATION: 'Gemini withheld the image because it was too close to an existing work (IMAGE_RECITATION).',
  IMAGE_OTHER: 'Gemini could not generate an image for this prompt (IMAGE_OTHER).',
};
const TEXT_BLOCK_REASONS = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION']);

/** Returns the generation, or throws an AppError saying why there is no image. */
export function readGeneration(response: GenerateContentResponse): Generation {
  const usage = {
    promptTokens: response.usageMetadata?.promptTokenCount ?? 0,
    outputTokens: response.usageMetadata?.candidatesTokenCount ?? 0,
    thoughtTokens: response.usageMetadata?.thoughtsTokenCount ?? 0,
  };
  const blockReason = response.promptFeedback?.blockReason;
  const candidate = response.candidates?.[0];
  if (!candidate) {
    if (blockReason) {
      throw new AppError('prompt_blocked', `Gemini blocked the prompt itself (${blockReason}). Rephrase it and try again.`);
    }
    throw new AppError('no_image', 'Gemini returned an empty answer with no image. Try again.');
  }

  const images: GeneratedImage[] = [];
  const texts: string[] = [];
  for (const part of candidate.content?.parts ?? []) {
    // Thought parts (interim drafts and reasoning) are not the deliverable.
    if (part.thought) continue;
    if (part.inlineData?.data) {
      images.push({ mime: part.inlineData.mimeType ?? 'image/png', data: Buffer.from(part.inlineData.data, 'base64') });
    } else if (part.text) {
      texts.push(part.text);
    }
  }
  const text = texts.length ? texts.join('\n\n') : null;
  const finishReason = candidate.finishReason ?? null;

  if (finishReason && IMAGE_BLOCK_REASONS[finishReason]) {
    throw new AppError('image_blocked', `${IMAGE_BLOCK_REASONS[finishReason]} Blocked images are not charged. Try rephrasing the prompt.`);
  }
  if (finishReason && TEXT_BLOCK_REASONS.has(finishReason) && images.length === 0) {
    throw new AppError('image_blocked', `Gemini stopped the answer under its content policy (${finishReason}). Try rephrasing the prompt.`);
  }
  if (images.length === 0) {
    const said = text ? ` It replied: “${text.length > 300 ? `${text.slice(0, 300)}…` : text}”` : '';
    const why = finishReason === 'NO_IMAGE' ? 'Gemini finished without making an image (NO_IMAGE).' : 'Gemini answered with text only, no image.';
    throw new AppError('no_image', `${why}${said}`);
  }
  return { images, text, finishReason, usage, modelVersion: response.modelVersion ?? null };
}
