/** What a series costs per mode: the README's figures come from here. */
import { describe, expect, it } from 'vitest';
import { FALLBACK_MODEL_FOR_TIER, KNOWN_MODELS } from '../../../shared/models/catalogue';
import { estimateRequestCost } from '../../../shared/models/pricing';
import { seriesCost } from '../../../shared/models/seriesCost';

const flash = KNOWN_MODELS[FALLBACK_MODEL_FOR_TIER.flash]!;
const pro = KNOWN_MODELS[FALLBACK_MODEL_FOR_TIER.pro]!;
const series = { panels: 4, imageSize: '1K' as const, references: 1, promptChars: 120 };

describe('seriesCost', () => {
  it('independent: four studio requests with the same references', () => {
    const one = estimateRequestCost(flash, { imageSize: '1K', references: [1], promptChars: 120 });
    const cost = seriesCost(flash, 'independent', series);
    expect(cost.perPanel).toHaveLength(4);
    for (const p of cost.perPanel) expect(p).toBeCloseTo(one, 10);
    expect(cost.total).toBeCloseTo(4 * one, 10);
  });

  it('one chat: each panel resends the earlier pictures and words, so input tokens grow by one picture a panel', () => {
    const cost = seriesCost(flash, 'chat', series);
    const img = flash.imageTokens['1K']!;
    expect(cost.inputTokens.map((t, k) => (k ? t - cost.inputTokens[k - 1]! : 0))).toEqual([0, img + 30, img + 30, img + 30]);
    expect(cost.total).toBeGreaterThan(seriesCost(flash, 'independent', series).total);
    expect(cost.perPanel[3]).toBeGreaterThan(cost.perPanel[0]!);
  });

  it('gives the README’s figures (4 panels at 1K, one reference): Flash $0.148 / $0.159, Pro $0.559 / $0.573', () => {
    const figures = [flash, pro].map((caps) => [seriesCost(caps, 'independent', series).total, seriesCost(caps, 'chat', series).total].map((usd) => usd.toFixed(3)));
    expect(figures).toEqual([
      ['0.148', '0.159'],
      ['0.559', '0.573'],
    ]);
  });
});
