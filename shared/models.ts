/**
 * Model tiers and what each image model accepts. Pure data: no Node, no DOM.
 *
 * Flash and Pro are *tiers*. The concrete model id behind a tier comes from the live
 * models list (see ModelCatalog in main); the ids below are only the fallback used
 * before that list has ever been fetched, and the map of retired ids Google has shut down.
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

export type AspectRatio =
  | (typeof COMMON_ASPECT_RATIOS)[number]
  | (typeof FLASH_EXTRA_ASPECT_RATIOS)[number];

export const ALL_ASPECT_RATIOS = [...COMMON_ASPECT_RATIOS, ...FLASH_EXTRA_ASPECT_RATIOS] as const;

export function aspectRatiosForTier(tier: ModelTier): readonly AspectRatio[] {
  return tier === 'flash' ? ALL_ASPECT_RATIOS : COMMON_ASPECT_RATIOS;
}

/** Classifies a model id into a tier by name; unknown image models count as Flash (the cheaper, conservative choice). */
export function tierOfModel(modelId: string): ModelTier {
  return /-pro-/.test(modelId) ? 'pro' : 'flash';
}

/** Follows the retired-id map; returns the id unchanged when it is current. */
export function migrateModelId(modelId: string): string {
  return RETIRED_MODEL_IDS[modelId] ?? modelId;
}
