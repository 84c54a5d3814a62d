/**
 * Model tiers, what each image model accepts, and what it costs. Pure data: no Node, no DOM.
 *
 * Flash and Pro are *tiers*. The concrete model id behind a tier comes from the live
 * models list (ModelCatalog in main); the ids below are only the fallback used before that
 * list has ever been fetched, and the map of retired ids Google has shut down.
 */

export const MODEL_TIERS = ['flash', 'pro'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const TIER_LABELS: Record<ModelTier, string> = {
  flash: 'Flash',
  pro: 'Pro',
};

/** Used only until the first successful models.list; then the list decides. */
export const FALLBACK_MODEL_FOR_TIER: Record<ModelTier, string> = {
  flash: 'gemini-3.1-flash-image',
  pro: 'gemini-3-pro-image',
};

/**
 * Shut-down ids and their replacements (ai.google.dev deprecations page):
 * 3-pro-image-preview closed 2026-06-25, 2.5-flash-image 2026-10-02, both previews earlier.
 */
export const RETIRED_MODEL_IDS: Readonly<Record<string, string>> = {
  'gemini-2.5-flash-image': 'gemini-3.1-flash-image',
  'gemini-2.5-flash-image-preview': 'gemini-3.1-flash-image',
  'gemini-3.1-flash-image-preview': 'gemini-3.1-flash-image',
  'gemini-3-pro-image-preview': 'gemini-3-pro-image',
};

/** The ten ratios every current image model accepts (wire reference §5.1). */
export const COMMON_ASPECT_RATIOS = [
  '1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9',
] as const;

/** 3.1 Flash adds the extreme panoramas. */
export const FLASH_EXTRA_ASPECT_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;

export const ALL_ASPECT_RATIOS = [...COMMON_ASPECT_RATIOS, ...FLASH_EXTRA_ASPECT_RATIOS] as const;
export type AspectRatio = (typeof ALL_ASPECT_RATIOS)[number];

/** Upper-case K is required on the wire; "512" exists only on 3.1 Flash (wire §5.1). */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export const RESPONSE_MODALITIES = ['TEXT_IMAGE', 'IMAGE', 'TEXT'] as const;
export type ResponseModalities = (typeof RESPONSE_MODALITIES)[number];

export const REFERENCE_KINDS = ['object', 'person'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** USD per million tokens, Standard tier (ai.google.dev pricing page, late 2026). */
export interface ModelPrices {
  input: number;
  /** Text and thinking output. */
  textOutput: number;
  imageOutput: number;
  /** Batch API jobs cost this fraction of the standard price. */
  batchFactor: number;
}

export interface ModelCapabilities {
  id: string;
  tier: ModelTier;
  /** False for an id we have no table for: the tier's conservative defaults apply. */
  known: boolean;
  aspectRatios: readonly AspectRatio[];
  /** Empty when the model has one fixed output size. */
  imageSizes: readonly ImageSize[];
  defaultImageSize: ImageSize | null;
  /** Output tokens one final image costs, per size ('fixed' when there is no size option). */
  imageTokens: Partial<Record<ImageSize | 'fixed', number>>;
  maxReferenceImages: number;
  maxReferencesOfKind: Record<ReferenceKind, number>;
  searchGrounding: boolean;
  /** `thinkingConfig.includeThoughts` is accepted and returns thought summaries and draft images. */
  visibleThoughts: boolean;
  prices: ModelPrices;
}

const BATCH_HALF = 0.5;

export const KNOWN_MODELS: Readonly<Record<string, ModelCapabilities>> = {
  'gemini-3.1-flash-image': {
    id: 'gemini-3.1-flash-image',
    tier: 'flash',
    known: true,
    aspectRatios: ALL_ASPECT_RATIOS,
    imageSizes: ['512', '1K', '2K', '4K'],
    defaultImageSize: '1K',
    imageTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
    // "up to 10 object + 4 character images" (image-generation docs, 2026 revision)
    maxReferenceImages: 14,
    maxReferencesOfKind: { object: 10, person: 4 },
    searchGrounding: true,
    visibleThoughts: true,
    // Google lists input and image output; text output is priced like 3 Flash text (an estimate).
    prices: { input: 0.5, textOutput: 3, imageOutput: 60, batchFactor: BATCH_HALF },
  },
  'gemini-3-pro-image': {
    id: 'gemini-3-pro-image',
    tier: 'pro',
    known: true,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
    // "up to 14 in total"; character consistency for up to 5 people.
    maxReferenceImages: 14,
    maxReferencesOfKind: { object: 14, person: 5 },
    searchGrounding: true,
    visibleThoughts: true,
    prices: { input: 2, textOutput: 12, imageOutput: 120, batchFactor: BATCH_HALF },
  },
};

/**
 * What an image model we have no table for may safely be asked: the common ratios, one size,
 * few references, no extras. Prices are the tier's known ones, so estimates err high, not low.
 */
const TIER_DEFAULTS: Record<ModelTier, Omit<ModelCapabilities, 'id'>> = {
  flash: {
    tier: 'flash',
    known: false,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: [],
    defaultImageSize: null,
    imageTokens: { fixed: 1290 },
    maxReferenceImages: 3,
    maxReferencesOfKind: { object: 3, person: 1 },
    searchGrounding: false,
    visibleThoughts: false,
    prices: KNOWN_MODELS['gemini-3.1-flash-image']!.prices,
  },
  pro: {
    tier: 'pro',
    known: false,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    imageTokens: { '1K': 1120 },
    maxReferenceImages: 5,
    maxReferencesOfKind: { object: 5, person: 2 },
    searchGrounding: false,
    visibleThoughts: false,
    prices: KNOWN_MODELS['gemini-3-pro-image']!.prices,
  },
};

/** Classifies a model id into a tier by name; unknown image models count as Flash (the cheaper, conservative choice). */
export function tierOfModel(modelId: string): ModelTier {
  return /-pro-/.test(modelId) ? 'pro' : 'flash';
}

/** Follows the retired-id map; returns the id unchanged when it is current. */
export function migrateModelId(modelId: string): string {
  return RETIRED_MODEL_IDS[modelId] ?? modelId;
}

export function capabilitiesFor(modelId: string): ModelCapabilities {
  const known = KNOWN_MODELS[modelId];
  if (known) return known;
  return { id: modelId, ...TIER_DEFAULTS[tierOfModel(modelId)] };
}

export function aspectRatiosForTier(tier: ModelTier): readonly AspectRatio[] {
  return capabilitiesFor(FALLBACK_MODEL_FOR_TIER[tier]).aspectRatios;
}

/** What a request asks of a model, in the terms the capability check needs. */
export interface RequestShape {
  aspectRatio?: AspectRatio | null | undefined;
  imageSize?: ImageSize | null | undefined;
  references?: ReadonlyArray<{ kind: ReferenceKind }> | undefined;
  grounding?: boolean | undefined;
  includeThoughts?: boolean | undefined;
}

/** Null when the model accepts the request; otherwise the sentence to show the user. */
export function checkRequest(caps: ModelCapabilities, req: RequestShape): string | null {
  if (req.aspectRatio && !caps.aspectRatios.includes(req.aspectRatio)) {
    return `${caps.id} does not support the ${req.aspectRatio} aspect ratio. Choose one of ${caps.aspectRatios.join(', ')}.`;
  }
  if (req.imageSize) {
    if (caps.imageSizes.length === 0) return `${caps.id} has one fixed output size; it cannot make ${req.imageSize} images.`;
    if (!caps.imageSizes.includes(req.imageSize)) {
      return `${caps.id} cannot make ${req.imageSize} images. Choose one of ${caps.imageSizes.join(', ')}.`;
    }
  }
  const refs = req.references ?? [];
  if (refs.length > caps.maxReferenceImages) {
    return `${caps.id} takes at most ${caps.maxReferenceImages} reference images; this request has ${refs.length}. Remove ${refs.length - caps.maxReferenceImages}.`;
  }
  for (const kind of ['object', 'person'] as const) {
    const n = refs.filter((r) => r.kind === kind).length;
    const max = caps.maxReferencesOfKind[kind];
    if (n > max) return `${caps.id} takes at most ${max} ${kind === 'person' ? 'people' : 'object'} reference images; this request has ${n}.`;
  }
  if (req.grounding && !caps.searchGrounding) return `${caps.id} cannot ground its images with Google Search.`;
  if (req.includeThoughts && !caps.visibleThoughts) return `${caps.id} does not show its thinking.`;
  return null;
}

export interface Usage {
  promptTokens: number;
  /** Output tokens excluding thoughts (text and images). */
  outputTokens: number;
  thoughtTokens: number;
  /** Of outputTokens, those that were images (usage details' IMAGE entry). */
  imageTokens: number;
}

/** Estimated price in USD. Thinking is billed as text output; interim thought images are free. */
export function estimateCost(caps: ModelCapabilities, usage: Usage, opts: { batch?: boolean } = {}): number {
  const p = caps.prices;
  const text = Math.max(0, usage.outputTokens - usage.imageTokens) + usage.thoughtTokens;
  const usd = (usage.promptTokens * p.input + text * p.textOutput + usage.imageTokens * p.imageOutput) / 1_000_000;
  return opts.batch ? usd * p.batchFactor : usd;
}

/** A pre-flight estimate for budget checks: one image at the requested size, a modest prompt. */
export function estimateRequestCost(
  caps: ModelCapabilities,
  req: { imageSize?: ImageSize | null | undefined; references?: readonly unknown[] | undefined; promptChars: number },
  opts: { batch?: boolean } = {},
): number {
  const size = req.imageSize ?? caps.defaultImageSize;
  const imageTokens = (size ? caps.imageTokens[size] : undefined) ?? caps.imageTokens.fixed ?? 1290;
  const promptTokens = Math.ceil(req.promptChars / 4) + (req.references?.length ?? 0) * 560;
  return estimateCost(caps, { promptTokens, outputTokens: imageTokens + 50, thoughtTokens: caps.visibleThoughts ? 300 : 0, imageTokens }, opts);
}

/** The standard ratio closest to a pixel size (for filtering imported images by shape). */
export function nearestAspectRatio(width: number, height: number): AspectRatio {
  const target = Math.log(width / height);
  let best: AspectRatio = '1:1';
  let bestDistance = Infinity;
  for (const r of ALL_ASPECT_RATIOS) {
    const [w, h] = r.split(':').map(Number) as [number, number];
    const d = Math.abs(Math.log(w / h) - target);
    if (d < bestDistance) [best, bestDistance] = [r, d];
  }
  return best;
}
