/**
 * Flex is "best-effort (Sheddable)" (ai.google.dev/gemini-api/docs/optimization). Google's Flex
 * and optimization pages (checked 2026-12-04) do not say what a shed call answers; capacity
 * failures on the Gemini API are 503 UNAVAILABLE ("overloaded") or a 429 RESOURCE_EXHAUSTED. So a
 * Flex call's 503 is a shed, and so is a 429 whose text speaks of Flex or capacity rather than a
 * quota (a real rate limit or a billing 429 keeps its own meaning and handling).
 */
import { ApiError } from '@google/genai';
import { AppError } from '../errors';

const SHED_TEXT = /\bflex\b|\bshed\b|capacity/i;

export function asFlexShed(e: AppError, raw: unknown): AppError {
  if (!(raw instanceof ApiError)) return e;
  const shed = raw.status === 503 || (raw.status === 429 && e.code === 'quota' && !e.extra.quotaReason && !e.extra.permanent && SHED_TEXT.test(raw.message));
  if (!shed) return e;
  return new AppError('server', 'Google set this Economy (Flex) request aside for lack of spare capacity. It will be tried again at half price.', {
    cause: raw,
    flexShed: true,
    ...(e.extra.retryAfterMs !== undefined ? { retryAfterMs: e.extra.retryAfterMs } : {}),
  });
}
