/** Image models as the catalog describes them to the window. */
import { z } from 'zod';
import { AspectRatioSchema, ImageSizeSchema, ModelTierSchema, ReferenceKindSchema, ThinkingLevelSchema } from './common';

export const CapabilitiesSchema = z.object({
  id: z.string(),
  tier: ModelTierSchema,
  known: z.boolean(),
  displayName: z.string(),
  aspectRatios: z.array(AspectRatioSchema),
  imageSizes: z.array(ImageSizeSchema),
  defaultImageSize: ImageSizeSchema.nullable(),
  maxReferenceImages: z.number().int(),
  maxReferencesOfKind: z.record(ReferenceKindSchema, z.number().int()),
  searchGrounding: z.boolean(),
  imageSearch: z.boolean(),
  thinkingLevels: z.array(ThinkingLevelSchema),
  defaultThinkingLevel: ThinkingLevelSchema.nullable(),
  visibleThoughts: z.boolean(),
  /** Absent in catalogs cached before service tiers: the table's answer then stands. */
  serviceTiers: z.array(z.enum(['standard', 'flex', 'priority', 'batch'])).optional(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

/**
 * Where a model stands. `deprecated`: Google announced its end (it still answers until
 * `shutdownOn`); `gone`: it answered 404 or the live models list dropped it — never a date alone
 * (issue 17 §4).
 */
export const ModelStatusSchema = z.object({
  state: z.enum(['current', 'deprecated', 'gone']),
  /** ISO day; null when unknown. */
  shutdownOn: z.string().nullable(),
  /** False when the day comes from one non-Google source. */
  shutdownConfirmed: z.boolean(),
  /** The model that takes over its work; null when none is known. */
  successor: z.string().nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

export const ModelInfoSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  tier: ModelTierSchema,
  capabilities: CapabilitiesSchema,
  status: ModelStatusSchema,
  /** USD for one image at the default size, with one search query when grounded. */
  pricePerImageUsd: z.number(),
  /** The price comes from one non-Google source. */
  priceIsEstimate: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** Why a class resolved to the model it did: the fresh list, the list cached on disk, or the built-in fallback. */
export const TierSourceSchema = z.enum(['list', 'cache', 'fallback']);
export type TierSource = z.infer<typeof TierSourceSchema>;

export const TierResolutionSchema = z.object({
  modelId: z.string(),
  source: TierSourceSchema,
  /** A sentence for the user: which model and why. */
  reason: z.string(),
});
export type TierResolution = z.infer<typeof TierResolutionSchema>;

export const ModelsSchema = z.object({
  models: z.array(ModelInfoSchema),
  /** The model id each tier resolves to right now. */
  tiers: z.record(ModelTierSchema, z.string()),
  /** Which model each tier resolved to, and why. */
  resolution: z.record(ModelTierSchema, TierResolutionSchema),
  /** Ids that answered 404 or are past their shutdown: listed so pinned chats and jobs can say so. */
  gone: z.array(ModelInfoSchema),
  /** When the list was fetched from Gemini; null while only the built-in fallback is known. */
  fetchedAt: z.number().nullable(),
});
export type Models = z.infer<typeof ModelsSchema>;
