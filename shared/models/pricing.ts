/** What an answer, or a request before it is sent, costs in USD, from a model's prices in the catalogue. */
import type { ImageSize } from '../domain/vocabulary';
import { SERVICE_TIER_PRICE_FACTOR, type ServiceTier } from '../domain/serviceTiers';
import type { ModelCapabilities } from './catalogue';

export interface Usage {
  promptTokens: number;
  /** Output tokens excluding thoughts (text and images). */
  outputTokens: number;
  thoughtTokens: number;
  /** Of outputTokens, those that were images (usage details' IMAGE entry). */
  imageTokens: number;
}

/**
 * Estimated price in USD. Thinking is billed as text output; interim thought images are free;
 * each Google Search query a grounded answer made is billed on top (not halved in batch).
 */
export function estimateCost(
  caps: ModelCapabilities,
  usage: Usage,
  opts: { batch?: boolean; searchQueries?: number; serviceTier?: ServiceTier | null | undefined } = {},
): number {
  const p = caps.prices;
  const text = Math.max(0, usage.outputTokens - usage.imageTokens) + usage.thoughtTokens;
  const usd = (usage.promptTokens * p.input + text * p.textOutput + usage.imageTokens * p.imageOutput) / 1_000_000;
  // The service tier scales the tokens; the search fee is per query whatever the tier.
  const factor = opts.batch ? p.batchFactor : SERVICE_TIER_PRICE_FACTOR[opts.serviceTier ?? 'standard'];
  return usd * factor + (opts.searchQueries ?? 0) * p.searchQuery;
}

/** A pre-flight estimate for budget checks: one image at the requested size, a modest prompt. */
export function estimateRequestCost(
  caps: ModelCapabilities,
  req: { imageSize?: ImageSize | null | undefined; references?: readonly unknown[] | undefined; promptChars: number; grounding?: boolean | undefined },
  opts: { batch?: boolean; serviceTier?: ServiceTier | null | undefined } = {},
): number {
  const size = req.imageSize ?? caps.defaultImageSize;
  const imageTokens = (size ? caps.imageTokens[size] : undefined) ?? caps.imageTokens.fixed ?? 1290;
  const promptTokens = Math.ceil(req.promptChars / 4) + (req.references?.length ?? 0) * 560;
  // A grounded answer usually makes one search query: the per-image price includes its fee.
  const searchQueries = req.grounding && caps.searchGrounding ? 1 : 0;
  return estimateCost(caps, { promptTokens, outputTokens: imageTokens + 50, thoughtTokens: caps.visibleThoughts ? 300 : 0, imageTokens }, { ...opts, searchQueries });
}
