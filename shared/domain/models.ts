/** Image models as the catalog describes them to the window. */
import { z } from 'zod';
import { AspectRatioSchema, ImageSizeSchema, ModelTierSchema, ReferenceKindSchema } from './common';

export const CapabilitiesSchema = z.object({
  id: z.string(),
  tier: ModelTierSchema,
  known: z.boolean(),
  aspectRatios: z.array(AspectRatioSchema),
  imageSizes: z.array(ImageSizeSchema),
  defaultImageSize: ImageSizeSchema.nullable(),
  maxReferenceImages: z.number().int(),
  maxReferencesOfKind: z.record(ReferenceKindSchema, z.number().int()),
  searchGrounding: z.boolean(),
  visibleThoughts: z.boolean(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const ModelInfoSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  tier: ModelTierSchema,
  capabilities: CapabilitiesSchema,
});
export const ModelsSchema = z.object({
  models: z.array(ModelInfoSchema),
  /** The model id each tier resolves to right now. */
  tiers: z.record(ModelTierSchema, z.string()),
  /** When the list was fetched from Gemini; null while only the built-in fallback is known. */
  fetchedAt: z.number().nullable(),
});
export type Models = z.infer<typeof ModelsSchema>;
