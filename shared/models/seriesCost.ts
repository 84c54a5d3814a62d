/**
 * What a series costs in each mode, from the model's prices (pricing.ts).
 *
 * Independent: every panel is one request like the studio's, with the shared references.
 * One chat: panel k resends the whole conversation before it — the earlier panels' words, the
 * references (sent once, with panel 1, and carried in the history from then on) and every
 * earlier picture as input. Each earlier picture is counted at the tokens it had as output at
 * that size (at 1K, 1120: the same count Gemini gives an input image at high media resolution).
 * So input tokens grow with every panel; output is the same as in independent mode.
 */
import type { ImageSize } from '../domain/vocabulary';
import type { ServiceTier } from '../domain/serviceTiers';
import type { ModelCapabilities } from './catalogue';
import { estimateCost } from './pricing';

export interface SeriesCostInput {
  panels: number;
  imageSize?: ImageSize | null | undefined;
  /** Reference images (all shared Elements' pictures). */
  references: number;
  /** Characters of one panel's prompt (number, words, Elements, style line). */
  promptChars: number;
  serviceTier?: ServiceTier | null | undefined;
}

export interface SeriesCost {
  perPanel: number[];
  total: number;
  /** Input tokens of each panel's request. */
  inputTokens: number[];
}

const REFERENCE_TOKENS = 560;

export function seriesCost(caps: ModelCapabilities, mode: 'independent' | 'chat', x: SeriesCostInput): SeriesCost {
  const size = x.imageSize ?? caps.defaultImageSize;
  const imageTokens = (size ? caps.imageTokens[size] : undefined) ?? caps.imageTokens.fixed ?? 1290;
  const words = Math.ceil(x.promptChars / 4);
  const inputTokens = Array.from({ length: x.panels }, (_, k) =>
    mode === 'independent' ? words + x.references * REFERENCE_TOKENS : (k + 1) * words + x.references * REFERENCE_TOKENS + k * imageTokens,
  );
  const perPanel = inputTokens.map((promptTokens) =>
    estimateCost(caps, { promptTokens, outputTokens: imageTokens + 50, thoughtTokens: caps.visibleThoughts ? 300 : 0, imageTokens }, { serviceTier: x.serviceTier ?? null }),
  );
  return { perPanel, total: perPanel.reduce((a, b) => a + b, 0), inputTokens };
}
