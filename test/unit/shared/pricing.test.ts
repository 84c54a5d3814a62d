/** Pricing on its own: an answer's cost from its usage, and the pre-flight estimate a budget check uses. */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor } from '../../../shared/models/catalogue';
import { estimateCost, estimateRequestCost } from '../../../shared/models/pricing';

const pro = capabilitiesFor('gemini-3-pro-image');

describe('estimateCost', () => {
  it('bills prompt, text and thinking, and image tokens at their own prices; batch halves all but the search fee', () => {
    const usage = { promptTokens: 1_000_000, outputTokens: 1_000_000, thoughtTokens: 1_000_000, imageTokens: 500_000 };
    // input $2 + (0.5M text + 1M thinking) × $12 + 0.5M image × $120
    expect(estimateCost(pro, usage)).toBeCloseTo(2 + 18 + 60);
    expect(estimateCost(pro, usage, { batch: true })).toBeCloseTo(40);
    expect(estimateCost(pro, usage, { batch: true, searchQueries: 2 })).toBeCloseTo(40 + 2 * 0.014);
  });
});

describe('estimateRequestCost', () => {
  it('prices one image at the requested size, with more for references and a search query when grounded', () => {
    const base = estimateRequestCost(pro, { imageSize: '4K', promptChars: 400 });
    expect(base).toBeGreaterThan(estimateRequestCost(pro, { imageSize: '1K', promptChars: 400 }));
    expect(estimateRequestCost(pro, { imageSize: '4K', promptChars: 400, references: [1, 2] })).toBeGreaterThan(base);
    expect(estimateRequestCost(pro, { imageSize: '4K', promptChars: 400, grounding: true })).toBeCloseTo(base + 0.014);
    expect(estimateRequestCost(pro, { imageSize: '4K', promptChars: 400 }, { batch: true })).toBeCloseTo(base / 2);
  });
});
