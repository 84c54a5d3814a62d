import { beforeEach, describe, expect, it } from 'vitest';
import { requestReference, useGenerateStore, withReferences } from '../../../../../renderer/src/features/generate/store';
import { useModelsStore } from '../../../../../renderer/src/lib/models';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../../shared/models/catalogue';

const initial = useGenerateStore.getState();

describe('the generate store fits its choices to the model (shared/modelPolicy)', () => {
  beforeEach(() => {
    useGenerateStore.setState(initial, true);
    useModelsStore.setState({ models: null });
  });

  it('switching to Pro moves what Pro refuses to the nearest it takes, keeps the rest, and says what changed', () => {
    const store = useGenerateStore.getState();
    store.setChoices({ aspectRatio: '8:1', imageSize: '4K', thinkingLevel: 'high', grounding: true, imageSearch: true });
    useGenerateStore.getState().setTier('pro');
    const s = useGenerateStore.getState();
    expect(s).toMatchObject({ aspectRatio: '21:9', imageSize: '4K', thinkingLevel: null, grounding: true, imageSearch: false });
    expect(s.knobNotice).toContain(capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro).displayName);
    expect(s.knobNotice).toContain('8:1 became 21:9');
    // The next pick of the user's own clears the notice.
    s.setChoices({ aspectRatio: '1:1' });
    expect(useGenerateStore.getState().knobNotice).toBeNull();
  });

  it('a size the model lacks becomes the nearest it has; Auto stays Auto', () => {
    useGenerateStore.getState().setChoices({ imageSize: '512', aspectRatio: null });
    useGenerateStore.getState().setTier('pro');
    expect(useGenerateStore.getState()).toMatchObject({ imageSize: '1K', aspectRatio: null });
  });

  it('reads the models catalog from lib/models, keeping none of its own', () => {
    expect(Object.keys(useGenerateStore.getState())).not.toContain('models');
  });
});

describe('reference limits', () => {
  const base = { tier: 'flash' as const, modelId: null, references: [] };

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
