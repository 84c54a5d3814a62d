import { describe, expect, it } from 'vitest';
import { fitToModel, requestReference, withReferences } from '../../../../../renderer/src/features/generate/store';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../../shared/models';

const knobs = { tier: 'flash' as const, modelId: null, models: null, aspectRatio: '1:1' as const, imageSize: '1K' as const, grounding: true, imageSearch: false, thinkingLevel: null, includeThoughts: true };

describe('fit to model', () => {
  it('keeps what the model can do and falls back for what it cannot', () => {
    const flash = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);
    const pro = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro);
    // 1:8 exists on 3.1 Flash only: moving to Pro falls back to square.
    const onlyFlash = flash.aspectRatios.find((r) => !pro.aspectRatios.includes(r));
    expect(onlyFlash).toBeDefined();
    const fitted = fitToModel({ ...knobs, tier: 'pro', aspectRatio: onlyFlash! });
    expect(fitted.aspectRatio).toBe('1:1');
    expect(fitted.grounding).toBe(pro.searchGrounding);
    expect(fitToModel({ ...knobs, aspectRatio: null }).aspectRatio).toBeNull();
  });

  it('a size the model lacks becomes its default size', () => {
    const pro = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro);
    expect(pro.imageSizes).not.toContain('512');
    expect(fitToModel({ ...knobs, tier: 'pro', imageSize: '512' }).imageSize).toBe(pro.defaultImageSize);
  });
});

describe('reference limits', () => {
  const base = { models: null, tier: 'flash' as const, modelId: null, references: [] };

  it('adds up to the model limit (objects: their own cap) and refuses the rest with the model’s own sentence', () => {
    const caps = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);
    const max = Math.min(caps.maxReferenceImages, caps.maxReferencesOfKind.object);
    const items = Array.from({ length: max + 2 }, (_, i) => ({ assetId: `a${i}` }));
    const { references, refused } = withReferences(base, items);
    expect(references).toHaveLength(max);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/\d/);
  });

  it('the same image twice is one reference', () => {
    const { references, refused } = withReferences(base, [{ assetId: 'a' }, { assetId: 'a' }]);
    expect(references.map((r) => ('assetId' in r ? r.assetId : null))).toEqual(['a']);
    expect(refused).toEqual([]);
  });

  it('a held photo is a reference like a library image: kept by hash, once, and sent without what only the tray needs', () => {
    const sha = 'c'.repeat(64);
    const held = { heldSha256: sha, name: 'boat.png', previewUrl: `/held/${sha}` };
    const { references, refused } = withReferences(base, [held, { assetId: 'a' }, held]);
    expect(refused).toEqual([]);
    expect(references).toEqual([
      { heldSha256: sha, kind: 'object', name: 'boat.png', previewUrl: `/held/${sha}` },
      { assetId: 'a', kind: 'object', name: null, previewUrl: '/assets/a/thumb' },
    ]);
    expect(references.map(requestReference)).toEqual([
      { heldSha256: sha, kind: 'object' },
      { assetId: 'a', kind: 'object' },
    ]);
  });
});
