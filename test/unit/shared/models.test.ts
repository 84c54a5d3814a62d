/** The capability table's pure rules: which listed models make images, succession, prices. */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor, checkRequest, classifyListedModel, estimateRequestCost, migrateModelId } from '../../../shared/models';

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
    expect(classifyListedModel(listed('gemini-2.5-flash-image', 'Nano Banana'))).toBeNull();
  });
});

describe('succession and capabilities', () => {
  it('moves retired ids past deprecated successors, and leaves current or deprecated ids alone', () => {
    expect(migrateModelId('gemini-2.5-flash-image')).toBe('gemini-nano-banana-2.1');
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
