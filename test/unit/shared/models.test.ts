/** The capability table's pure rules: which listed models make images, succession, prices. */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor, classifyListedModel, lifecycleOf, migrateModelId, RETIRED_MODEL_IDS } from '../../../shared/models/catalogue';
import { checkRequest } from '../../../shared/models/checkRequest';
import { estimateCost, estimateRequestCost } from '../../../shared/models/pricing';

const listed = (id: string, displayName: string, description = '', actions = ['generateContent', 'countTokens']) => ({ id, displayName, description, actions });

describe('classifyListedModel', () => {
  it('recognises image models by id, display name or description, and sorts them into classes', () => {
    expect(classifyListedModel(listed('gemini-nano-banana-2.1', 'Nano Banana 2.1'))).toBe('flash');
    expect(classifyListedModel(listed('gemini-nano-banana-3', 'Nano Banana 3'))).toBe('flash');
    expect(classifyListedModel(listed('gemini-nano-banana-3-pro', 'Nano Banana 3 Pro'))).toBe('pro');
    expect(classifyListedModel(listed('gemini-4-flash-lite-image', 'Gemini 4 Flash-Lite Image'))).toBe('lite');
    expect(classifyListedModel(listed('gemini-x-2', 'Gemini X', 'Gemini X Image'))).toBe('flash');
    expect(classifyListedModel(listed('orchid-7', 'Orchid', 'Nano Banana, codename orchid'))).toBe('flash');
  });

  it('never offers text-only models, Imagen-style predict models or retired ids', () => {
    expect(classifyListedModel(listed('gemini-2.5-flash', 'Gemini 2.5 Flash', 'Stable version of Gemini 2.5 Flash, our mid-size multimodal model'))).toBeNull();
    expect(classifyListedModel(listed('gemini-3-pro', 'Gemini 3 Pro', 'Understands text, images and video'))).toBeNull();
    expect(classifyListedModel(listed('imagen-5.0-generate', 'Imagen 5 image generation', '', ['predict']))).toBeNull();
    expect(classifyListedModel(listed('gemini-2.5-flash-image-preview', 'Nano Banana (preview)'))).toBeNull();
  });

  it('issue 17 §4: gemini-2.5-flash-image is a listed Flash model again, never the class’s choice over a newer one', () => {
    expect(classifyListedModel(listed('gemini-2.5-flash-image', 'Nano Banana'))).toBe('flash');
    expect(capabilitiesFor('gemini-2.5-flash-image')).toMatchObject({ known: true, lifecycle: { deprecatedOn: null, shutdownOn: null } });
    expect(lifecycleOf('gemini-2.5-flash-image').retired).toBe(false);
    expect(capabilitiesFor('gemini-2.5-flash-image').lifecycle.released < capabilitiesFor('gemini-nano-banana-2.1').lifecycle.released).toBe(true);
  });
});

describe('issue 17 §4: retirements', () => {
  it('never rewrites gemini-2.5-flash-image to a successor by table (served "until further notice")', () => {
    expect(migrateModelId('gemini-2.5-flash-image')).toBe('gemini-2.5-flash-image');
    expect(RETIRED_MODEL_IDS['gemini-2.5-flash-image']).toBeUndefined();
  });

  it('never migrates or retires 3.1 Flash by its unannounced shutdown date', () => {
    expect(migrateModelId('gemini-3.1-flash-image')).toBe('gemini-3.1-flash-image');
    const life = lifecycleOf('gemini-3.1-flash-image');
    expect(life).toMatchObject({ retired: false, shutdownConfirmed: false });
  });
});

describe('issue 17 §4: prices', () => {
  it('Nano Banana 2.1 text output is $7.50 per M tokens, thinking billed as text output, still an estimate', () => {
    const nb = capabilitiesFor('gemini-nano-banana-2.1');
    expect(nb.prices).toMatchObject({ textOutput: 7.5, estimate: true });
    // 1M thought tokens and nothing else: $7.50.
    expect(estimateCost(nb, { promptTokens: 0, outputTokens: 0, thoughtTokens: 1_000_000, imageTokens: 0 })).toBeCloseTo(7.5, 6);
    // 1M text output tokens beside one 1K image: $7.50 + $0.0336.
    expect(estimateCost(nb, { promptTokens: 0, outputTokens: 1_001_120, thoughtTokens: 0, imageTokens: 1120 })).toBeCloseTo(7.5 + 0.0336, 6);
  });
});

describe('succession and capabilities', () => {
  it('moves retired ids past deprecated successors, and leaves current or deprecated ids alone', () => {
    expect(migrateModelId('gemini-2.5-flash-image-preview')).toBe('gemini-nano-banana-2.1');
    expect(migrateModelId('gemini-3-pro-image-preview')).toBe('gemini-3-pro-image');
    expect(migrateModelId('gemini-3.1-flash-image')).toBe('gemini-3.1-flash-image');
    expect(migrateModelId('gemini-nano-banana-3')).toBe('gemini-nano-banana-3');
  });

  it('gives an unknown model its class’s conservative defaults', () => {
    const lite = capabilitiesFor('gemini-9-lite-image');
    expect(lite).toMatchObject({ tier: 'lite', known: false, searchGrounding: false, thinkingLevels: [] });
    expect(checkRequest(lite, { grounding: true })).toContain('cannot ground');
  });

  it('includes the search fee in a grounded image’s estimate', () => {
    const nb = capabilitiesFor('gemini-nano-banana-2.1');
    const plain = estimateRequestCost(nb, { promptChars: 0, imageSize: '1K' });
    const grounded = estimateRequestCost(nb, { promptChars: 0, imageSize: '1K', grounding: true });
    expect(grounded - plain).toBeCloseTo(0.014, 6);
    expect(nb.prices.estimate).toBe(true);
    // 4K on Nano Banana 2.1: about $0.113 of image tokens.
    expect(estimateRequestCost(nb, { promptChars: 0, imageSize: '4K' })).toBeGreaterThan(0.113);
    expect(estimateRequestCost(capabilitiesFor('gemini-3.1-flash-lite-image'), { promptChars: 0, grounding: true })).toBeLessThan(0.04);
  });
});
