/** Issue 17 §3: which tiers each model may be run at, and what each costs. */
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../shared/modelPolicy';
import { capabilitiesFor } from '../../../shared/models/catalogue';
import { checkRequest } from '../../../shared/models/checkRequest';
import { estimateCost, estimateRequestCost } from '../../../shared/models/pricing';
import { parseServedTier } from '../../../shared/domain/serviceTiers';

const usage = { promptTokens: 1000, outputTokens: 1170, thoughtTokens: 300, imageTokens: 1120 };

describe('service tiers per model', () => {
  it('Lite offers Standard and Batch only (its model card), and a Flex or Priority request is refused in words', () => {
    const lite = capabilitiesFor('gemini-3.1-flash-lite-image');
    expect(lite.serviceTiers).toEqual(['standard', 'batch']);
    expect(checkRequest(lite, { serviceTier: 'flex' })).toMatch(/cannot run at Economy \(Flex\) prices; choose Standard/);
    expect(checkRequest(lite, { serviceTier: 'priority' })).toMatch(/cannot run at Priority/);
    expect(checkRequest(lite, { serviceTier: 'standard' })).toBeNull();
  });

  it('a model the table does not know gets Standard only', () => {
    const unknown = capabilitiesFor('gemini-nano-banana-3');
    expect(unknown.known).toBe(false);
    expect(unknown.serviceTiers).toEqual(['standard']);
    expect(checkRequest(unknown, { serviceTier: 'flex' })).not.toBeNull();
  });

  it('the known Flash and Pro models offer Flex and Priority', () => {
    for (const id of ['gemini-nano-banana-2.1', 'gemini-3-pro-image']) {
      expect(capabilitiesFor(id).serviceTiers).toEqual(expect.arrayContaining(['standard', 'flex', 'priority', 'batch']));
      expect(checkRequest(capabilitiesFor(id), { serviceTier: 'flex' })).toBeNull();
    }
  });

  it('the window sees the same tiers through the catalog, and an old cached catalog without them keeps the table\'s', () => {
    const lite = capabilitiesFor('gemini-3.1-flash-lite-image');
    const { prices: _p, imageTokens: _t, lifecycle: _l, serviceTiers: _s, ...listed } = lite;
    const catalog = { models: [{ id: lite.id, displayName: lite.displayName, tier: lite.tier, capabilities: { ...listed, aspectRatios: [...listed.aspectRatios], imageSizes: [...listed.imageSizes], thinkingLevels: [...listed.thinkingLevels] }, status: { state: 'current' as const, shutdownOn: null, shutdownConfirmed: true, successor: null }, pricePerImageUsd: 0.034, priceIsEstimate: true }], tiers: { flash: 'x', pro: 'y', lite: lite.id } };
    expect(capabilitiesOf(catalog, lite.id).serviceTiers).toEqual(['standard', 'batch']);
  });
});

describe('prices by tier', () => {
  const caps = capabilitiesFor('gemini-3-pro-image');
  it('Flex is half of Standard, Priority twice (the top of Google\'s 75–100 % range), Batch half', () => {
    const standard = estimateCost(caps, usage);
    expect(estimateCost(caps, usage, { serviceTier: 'flex' })).toBeCloseTo(standard / 2, 12);
    expect(estimateCost(caps, usage, { serviceTier: 'priority' })).toBeCloseTo(standard * 2, 12);
    expect(estimateCost(caps, usage, { batch: true })).toBeCloseTo(standard / 2, 12);
  });

  it('the search fee is per query whatever the tier', () => {
    const fee = caps.prices.searchQuery;
    expect(estimateCost(caps, usage, { serviceTier: 'flex', searchQueries: 1 }) - estimateCost(caps, usage, { serviceTier: 'flex' })).toBeCloseTo(fee, 12);
  });

  it('the pre-flight estimate follows the tier asked for', () => {
    const req = { promptChars: 40, imageSize: '1K' as const };
    expect(estimateRequestCost(caps, req, { serviceTier: 'flex' })).toBeCloseTo(estimateRequestCost(caps, req) / 2, 12);
  });

  it('reads the served-tier header, and nothing else', () => {
    expect(parseServedTier('flex')).toBe('flex');
    expect(parseServedTier(' Priority ')).toBe('priority');
    expect(parseServedTier('turbo')).toBeNull();
    expect(parseServedTier(undefined)).toBeNull();
  });
});
