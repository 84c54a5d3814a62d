import { beforeEach, describe, expect, it } from 'vitest';
import { requestReferences, useGenerateStore } from '../../../../../renderer/src/features/generate/store';
import { useElements } from '../../../../../renderer/src/lib/elements';
import { NOT_RECALLED, recalledChoices, requestOf } from '../../../../../renderer/src/features/generate/recall';
import { useModelsStore } from '../../../../../renderer/src/lib/models';
import { GenerateRequestSchema, type GenerateRequest, type GenerationDetail } from '../../../../../shared/domain/generation';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../../shared/models/catalogue';
import { checkRequest } from '../../../../../shared/models/checkRequest';

const initial = useGenerateStore.getState();

/** A request with every field away from its default, on a model that takes all of them. */
const everything: GenerateRequest = {
  prompt: 'a lighthouse at dusk, long exposure',
  tier: 'flash',
  modelId: 'gemini-3.1-flash-image',
  aspectRatio: '21:9',
  imageSize: '512',
  modalities: 'IMAGE',
  grounding: true,
  imageSearch: true,
  thinkingLevel: 'high',
  includeThoughts: true,
  // The tray's photo first, then the Element's image: the order requestReferences sends them in.
  references: [
    { heldSha256: 'd'.repeat(64), kind: 'object' },
    { assetId: 'asset-1', kind: 'person' },
  ],
  elements: [{ id: 'element-1', name: 'Anna' }],
  serviceTier: 'flex',
  flexFallback: true,
  priority: 5,
  edit: { mode: 'region', instruction: 'make it red', marks: [], downscaledFrom: null },
};

/** What the library hands back: the request as stored with the generation (GenerationService keeps it whole). */
function stored(request: GenerateRequest): GenerationDetail {
  const { prompt, tier, modelId, ...params } = request;
  return {
    id: 'gen-1', jobId: 'job-1', prompt, tier, modelId: modelId!, params, text: null, finishReason: 'STOP',
    thoughts: { text: [], imageUrls: [] }, grounding: null, usage: { promptTokens: 1, outputTokens: 1, thoughtTokens: 0, imageTokens: 1 },
    costUsd: 0.01, durationMs: 1000, createdAt: 1, conversationId: null, assetIds: ['asset-9'],
  };
}

const recalledFields = (): string[] => Object.keys(GenerateRequestSchema.shape).filter((k) => !(k in NOT_RECALLED));

describe('"Recall every setting" brings back every field of the stored request', () => {
  beforeEach(() => {
    useGenerateStore.setState(initial, true);
    useModelsStore.setState({ models: null });
    // The request's Element is still in the library: it comes back as an Element, its image with it.
    useElements.setState({ elements: [{ id: 'element-1', name: 'Anna', kind: 'person', description: '', assetIds: ['asset-1'], coverUrl: null, createdAt: 1 }] });
  });

  it('the fixture sets every field of GenerateRequest, so a field added to the schema must be added (and recalled) here', () => {
    expect(Object.keys(everything).sort()).toEqual(Object.keys(GenerateRequestSchema.shape).sort());
    // And the model takes all of it, so nothing is fitted away on the way back.
    expect(checkRequest(capabilitiesFor('gemini-3.1-flash-image'), everything)).toBeNull();
  });

  it('every recalled field round-trips through the pure functions', () => {
    const again = requestOf(recalledChoices(stored(everything), null));
    for (const field of recalledFields()) expect({ field, value: again[field as keyof typeof again] }).toEqual({ field, value: everything[field as keyof GenerateRequest] });
    expect(Object.keys(again).sort()).toEqual(recalledFields().sort());
  });

  it('every recalled field round-trips through the studio store, resolution and thinking level included', () => {
    useGenerateStore.getState().reuse(stored(everything));
    const s = useGenerateStore.getState();
    expect(s).toMatchObject({ imageSize: '512', thinkingLevel: 'high', aspectRatio: '21:9', serviceTier: 'flex', flexFallback: true, modelId: 'gemini-3.1-flash-image' });
    expect(s.elements.map((e) => e.name)).toEqual(['Anna']);
    const again = requestOf({ ...s, references: requestReferences(s) });
    const expected = Object.fromEntries(recalledFields().map((k) => [k, everything[k as keyof GenerateRequest]]));
    expect(again).toEqual(expected);
  });

  it('the service tier comes back on its own (it was dropped before)', () => {
    useGenerateStore.getState().reuse(stored({ ...everything, serviceTier: 'flex', flexFallback: undefined }));
    expect(useGenerateStore.getState()).toMatchObject({ serviceTier: 'flex', flexFallback: false });
  });

  it('a model not yet in a loaded catalog stays picked while none is loaded, and the tier’s own reads as Default', () => {
    expect(recalledChoices(stored(everything), null).modelId).toBe('gemini-3.1-flash-image');
    expect(recalledChoices(stored({ ...everything, modelId: FALLBACK_MODEL_FOR_TIER.flash }), null).modelId).toBeNull();
  });

  it('a request stored before the newer knobs existed recalls their defaults', () => {
    const old = stored({ prompt: 'a cat', tier: 'flash', modelId: FALLBACK_MODEL_FOR_TIER.flash, aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 });
    expect(recalledChoices(old, null)).toMatchObject({ serviceTier: 'standard', flexFallback: false, thinkingLevel: null, imageSearch: false, modelId: null });
  });
});
