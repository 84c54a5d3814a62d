import { describe, expect, it } from 'vitest';
import type { Models } from '../../../shared/domain/models';
import { capabilitiesOf, fitNotice, fitToModel, modelIdForTier, nearestRatio, ratiosAcceptedByAll } from '../../../shared/modelPolicy';
import { COMMON_ASPECT_RATIOS } from '../../../shared/domain/vocabulary';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../shared/models/catalogue';

const flash = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);
const pro = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro);
const lite = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.lite);

const all = { aspectRatio: '1:1', imageSize: '1K', thinkingLevel: null, grounding: false, imageSearch: false, includeThoughts: false, modalities: 'TEXT_IMAGE' } as const;

describe('capabilitiesOf', () => {
  const listed = (id: string, tier: 'flash' | 'pro' | 'lite', patch = {}) => {
    const { prices: _p, imageTokens: _t, lifecycle: _l, ...caps } = capabilitiesFor(id, { tier, displayName: `Listed ${id}` });
    return { id, displayName: `Listed ${id}`, tier, capabilities: { ...caps, aspectRatios: [...caps.aspectRatios], imageSizes: [...caps.imageSizes], thinkingLevels: [...caps.thinkingLevels], ...patch } };
  };

  it('without a catalog, the built-in table answers', () => {
    expect(capabilitiesOf(null, FALLBACK_MODEL_FOR_TIER.pro)).toEqual(pro);
  });

  it('an id the table does not know takes its listed class’s defaults and prices, and what the catalog says it accepts', () => {
    const catalog = { models: [listed('gemini-mystery-9', 'pro', { imageSizes: ['1K', '2K'] })], tiers: { flash: 'x', pro: 'y', lite: 'z' } } as unknown as Models;
    const caps = capabilitiesOf(catalog, 'gemini-mystery-9');
    expect(caps.tier).toBe('pro');
    expect(caps.prices.imageOutput).toBe(pro.prices.imageOutput);
    expect(caps.imageSizes).toEqual(['1K', '2K']);
    expect(caps.displayName).toBe('Listed gemini-mystery-9');
  });

  it('a tier resolves to the catalog’s model, else the built-in fallback; a picked model wins', () => {
    const catalog = { models: [], tiers: { flash: 'f2', pro: 'p2', lite: 'l2' } } as unknown as Models;
    expect(modelIdForTier(catalog, 'pro')).toBe('p2');
    expect(modelIdForTier(null, 'pro')).toBe(FALLBACK_MODEL_FOR_TIER.pro);
    expect(modelIdForTier(catalog, 'pro', 'mine')).toBe('mine');
  });
});

describe('fitToModel', () => {
  it('keeps every choice the model takes and says nothing', () => {
    const choices = { ...all, aspectRatio: '8:1', imageSize: '4K', thinkingLevel: 'high', grounding: true, imageSearch: true, includeThoughts: true } as const;
    expect(fitToModel(choices, flash)).toEqual({ choices, changes: [] });
  });

  it('a ratio the model refuses becomes the accepted ratio nearest in shape, not a square', () => {
    const { choices, changes } = fitToModel({ aspectRatio: '8:1' as const }, pro);
    expect(choices.aspectRatio).toBe('21:9');
    expect(changes.map((c) => c.knob)).toEqual(['aspectRatio']);
    expect(nearestRatio('1:8', COMMON_ASPECT_RATIOS)).toBe('9:16');
  });

  it('Auto stays Auto where the form has it, and becomes 1:1 where it does not', () => {
    expect(fitToModel({ aspectRatio: null }, pro).choices.aspectRatio).toBeNull();
    expect(fitToModel({ aspectRatio: null }, pro, { auto: false }).choices.aspectRatio).toBe('1:1');
  });

  it('Pro has no thinking level: a level is dropped, and the notice names the model and what moved', () => {
    const fitted = fitToModel({ ...all, thinkingLevel: 'high' as const, aspectRatio: '4:1' as const }, pro);
    expect(fitted.choices.thinkingLevel).toBeNull();
    expect(fitted.choices.aspectRatio).toBe('21:9');
    expect(fitNotice(pro, fitted.changes)).toBe(`Changed for ${pro.displayName}: the ratio 4:1 became 21:9; it has no thinking levels, so thinking high was dropped.`);
    expect(fitNotice(pro, [])).toBeNull();
  });

  it('a level between two accepted ones goes to the nearer, a tie to the higher', () => {
    const twoLevels = { ...flash, thinkingLevels: ['minimal', 'high'] as const };
    expect(fitToModel({ thinkingLevel: 'low' as const }, twoLevels).choices.thinkingLevel).toBe('minimal');
    expect(fitToModel({ thinkingLevel: 'medium' as const }, twoLevels).choices.thinkingLevel).toBe('high');
  });

  it('a size the model lacks becomes the nearest it has; a model with one fixed size takes none', () => {
    expect(fitToModel({ imageSize: '512' as const }, pro).choices.imageSize).toBe('1K');
    expect(fitToModel({ imageSize: '4K' as const }, lite).choices.imageSize).toBe('1K');
    const fixed = capabilitiesFor('some-unknown-image-model', { tier: 'flash' });
    expect(fixed.imageSizes).toEqual([]);
    expect(fitToModel({ imageSize: '2K' as const }, fixed).choices.imageSize).toBeNull();
    // null is "the model's default" and always fits.
    expect(fitToModel({ imageSize: null }, fixed).changes).toEqual([]);
  });

  it('grounding, image search and thoughts switch off where the model has none of them', () => {
    const { choices, changes } = fitToModel({ ...all, grounding: true, imageSearch: true, includeThoughts: true }, lite);
    expect(choices).toMatchObject({ grounding: false, imageSearch: false, includeThoughts: true });
    expect(changes.map((c) => c.knob)).toEqual(['grounding', 'imageSearch']);
    // Pro grounds on the web but not in Google Images.
    expect(fitToModel({ grounding: true, imageSearch: true }, pro).choices).toEqual({ grounding: true, imageSearch: false });
  });

  it('references past the total or per-kind limit are taken off from the end', () => {
    const refs = [{ kind: 'person' as const }, { kind: 'person' as const }, { kind: 'object' as const }, { kind: 'object' as const }, { kind: 'object' as const }];
    const { choices, changes } = fitToModel({ references: refs }, lite);
    // Lite: 3 in all, 1 person.
    expect(choices.references).toEqual([{ kind: 'person' }, { kind: 'object' }, { kind: 'object' }]);
    expect(changes[0]!.text).toContain('the last 2 were taken off');
  });

  it('only the knobs a form passes are looked at', () => {
    expect(fitToModel({ imageSize: '4K' as const }, lite).choices).toEqual({ imageSize: '1K' });
  });

  it('Compare: a ratio must suit every contender', () => {
    const ratios = ratiosAcceptedByAll([flash, pro]);
    expect(ratios).toEqual([...COMMON_ASPECT_RATIOS]);
    expect(fitToModel({ aspectRatio: '1:8' as const }, flash, { ratios }).choices.aspectRatio).toBe('9:16');
  });
});
