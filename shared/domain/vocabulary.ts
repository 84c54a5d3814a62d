/**
 * The words every layer uses for an image request: model classes (tiers), aspect ratios, sizes,
 * thinking levels, what an answer holds, and the kinds of reference photo. Pure data, no model
 * ids: which model accepts which of these is the catalogue's business (shared/models/catalogue.ts).
 */

export const MODEL_TIERS = ['flash', 'pro', 'lite'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const TIER_LABELS: Record<ModelTier, string> = {
  flash: 'Flash',
  pro: 'Pro',
  lite: 'Lite',
};

/** The ten ratios every current image model accepts (wire reference §5.1). */
export const COMMON_ASPECT_RATIOS = [
  '1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9',
] as const;

/** The Flash family adds the extreme panoramas. */
export const FLASH_EXTRA_ASPECT_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;

export const ALL_ASPECT_RATIOS = [...COMMON_ASPECT_RATIOS, ...FLASH_EXTRA_ASPECT_RATIOS] as const;
export type AspectRatio = (typeof ALL_ASPECT_RATIOS)[number];

/** Upper-case K is required on the wire; "512" exists only on 3.1 Flash (wire §5.1). */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** `thinkingConfig.thinkingLevel`, lower-case here and upper-case on the wire (the SDK's enum). */
export const THINKING_LEVELS = ['minimal', 'low', 'medium', 'high'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

export const RESPONSE_MODALITIES = ['TEXT_IMAGE', 'IMAGE', 'TEXT'] as const;
export type ResponseModalities = (typeof RESPONSE_MODALITIES)[number];

export const REFERENCE_KINDS = ['object', 'person'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

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
