/**
 * "Recall every setting": what an earlier request asked for, back in the studio's controls, and the
 * request those controls make again. Kept as two pure functions beside each other so a test can
 * send a request through both and see every field come back (InvokeAI's recall drops the
 * resolution and the thinking level; a field added to the request and forgotten here fails that test).
 */
import type { GenerateRequestInput, GenerationDetail, Reference } from '../../../../shared/ipc/contract';
import type { GenerateRequest } from '../../../../shared/domain/generation';
import type { SavedRequest } from '../../../../shared/domain/prompts';
import type { AspectRatio, ImageSize, ModelTier, ResponseModalities, ThinkingLevel } from '../../../../shared/domain/vocabulary';
import type { ServiceTier } from '../../../../shared/domain/serviceTiers';
import { FALLBACK_MODEL_FOR_TIER } from '../../../../shared/models/catalogue';
import type { Models } from '../../../../shared/ipc/contract';

/**
 * Request fields that are not settings of the picture, and why recall leaves them alone. Every
 * other field of `GenerateRequestSchema` must be recalled (test/unit/.../recall.test.ts).
 */
export const NOT_RECALLED = {
  priority: 'queue order for that one job, not part of what the picture was asked to be',
  edit: 'the marks of a canvas edit belong to that edit; the studio has no canvas to put them on',
} as const satisfies Partial<Record<keyof GenerateRequest, string>>;

/** The studio's controls, as far as a request sets them. */
export interface StudioChoices {
  /** Kept in the studio's store, not in the component, so it survives a trip to Settings and stays after submitting. */
  prompt: string;
  tier: ModelTier;
  /** null: "Default for tier" — whatever the tier resolves to when the job runs. */
  modelId: string | null;
  /** null: "Auto" — 1:1, or the shape of the input image when editing. */
  aspectRatio: AspectRatio | null;
  imageSize: ImageSize | null;
  modalities: ResponseModalities;
  grounding: boolean;
  /** Google Images beside web search; only with grounding on a model that has it. */
  imageSearch: boolean;
  /** null: the model's default level. */
  thinkingLevel: ThinkingLevel | null;
  includeThoughts: boolean;
  /** Standard, Economy (Flex) or Priority: only what the model and the project allow (lib/ServiceTierPicker). */
  serviceTier: ServiceTier;
  /** Economy only: "after 15 minutes, pay full price". */
  flexFallback: boolean;
  references: Reference[];
  /** The Elements chosen with `@`, as the request names them (their images are among `references`). */
  elements: Array<{ id: string; name: string }>;
}

/**
 * The controls that make `gen`'s request again. The model stays picked by name unless it was the
 * tier's own (which reads better as "Default for tier"); a model the catalog no longer lists at
 * all falls back to the tier's default, while a retired one stays picked so its banner can offer
 * the successor. Without a catalog yet, the name is kept: dropping it would recall the wrong model.
 */
export function recalledChoices(gen: GenerationDetail, models: Models | null): StudioChoices {
  return choicesOf({ ...gen.params, prompt: gen.prompt, tier: gen.tier, modelId: gen.modelId }, models);
}

/** The same for a request kept elsewhere (a saved prompt); `modelId` absent: the tier's default. */
export function choicesOf(p: SavedRequest, models: Models | null): StudioChoices {
  const modelId = p.modelId ?? null;
  const known = (m: { id: string }) => m.id === modelId;
  const kept = models ? models.models.some(known) || models.gone.some(known) : true;
  const isTierDefault = models ? models.tiers[p.tier] === modelId : FALLBACK_MODEL_FOR_TIER[p.tier] === modelId;
  return {
    prompt: p.prompt,
    tier: p.tier,
    modelId: modelId && kept && !isTierDefault ? modelId : null,
    aspectRatio: p.aspectRatio,
    imageSize: p.imageSize,
    modalities: p.modalities,
    grounding: p.grounding,
    imageSearch: p.imageSearch ?? false,
    thinkingLevel: p.thinkingLevel ?? null,
    includeThoughts: p.includeThoughts,
    serviceTier: p.serviceTier ?? 'standard',
    flexFallback: p.serviceTier === 'flex' && p.flexFallback === true,
    references: p.references,
    elements: (p.elements ?? []).map(({ id, name }) => ({ id, name })),
  };
}

/** The request the controls make: what Generate sends, and what a saved prompt keeps. */
export function requestOf(c: StudioChoices): GenerateRequestInput {
  return {
    prompt: c.prompt,
    tier: c.tier,
    ...(c.modelId ? { modelId: c.modelId } : {}),
    aspectRatio: c.aspectRatio,
    imageSize: c.imageSize,
    modalities: c.modalities,
    grounding: c.grounding,
    ...(c.imageSearch ? { imageSearch: true } : {}),
    ...(c.thinkingLevel ? { thinkingLevel: c.thinkingLevel } : {}),
    includeThoughts: c.includeThoughts,
    references: c.references,
    ...(c.elements.length ? { elements: c.elements.map(({ id, name }) => ({ id, name })) } : {}),
    ...(c.serviceTier !== 'standard' ? { serviceTier: c.serviceTier } : {}),
    ...(c.serviceTier === 'flex' && c.flexFallback ? { flexFallback: true } : {}),
  };
}
