/** What one image request asks for, and what came back. */
import { z } from 'zod';
import { AspectRatioSchema, Id, ModelIdSchema, ImageSizeSchema, ModelTierSchema, ReferenceKindSchema, ResponseModalitiesSchema, ServiceTierSchema, ThinkingLevelSchema } from './common';

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** An image already in the library ("Edit this", "More like this", a tile dragged onto the tray). */
export const AssetReferenceSchema = z.object({ assetId: Id, kind: ReferenceKindSchema }).strict();
/**
 * A photo dropped or pasted for this request only (`references.hold`): kept by hash outside the
 * library, and imported into it only when a job that used it succeeds.
 */
export const HeldReferenceSchema = z.object({ heldSha256: Sha256Schema, kind: ReferenceKindSchema }).strict();
export const ReferenceSchema = z.union([AssetReferenceSchema, HeldReferenceSchema]);
export type AssetReference = z.infer<typeof AssetReferenceSchema>;
export type HeldReference = z.infer<typeof HeldReferenceSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;

export { isHeldReference, referenceKey } from './referenceKey';

/** The knobs of one image request; stored with every generation so "reuse settings" can restore them. */
export const GenerationParamsSchema = z.object({
  /** null: the model's default (1:1, or the input image's shape when editing). */
  aspectRatio: AspectRatioSchema.nullable(),
  imageSize: ImageSizeSchema.nullable().default(null),
  modalities: ResponseModalitiesSchema.default('TEXT_IMAGE'),
  grounding: z.boolean().default(false),
  /** Image search beside web search (`searchTypes.imageSearch`); implies grounding. */
  imageSearch: z.boolean().optional(),
  /** null: the model's default level (or a model without level control). */
  thinkingLevel: ThinkingLevelSchema.nullable().optional(),
  includeThoughts: z.boolean().default(false),
  references: z.array(ReferenceSchema).default([]),
  /** `config.serviceTier` (shared/serviceTiers.ts); absent = Standard. */
  serviceTier: ServiceTierSchema.optional(),
  /**
   * The Elements chosen with `@`, named as the user saw them so a result's facts still name them
   * after one is deleted. Their images are already among `references`.
   */
  elements: z.array(z.object({ id: Id, name: z.string().min(1).max(60) }).strict()).max(14).optional(),
  /**
   * Flex only: the user's "after 15 minutes, pay full price". Without it a shed Flex job keeps
   * retrying at half price and never costs more than asked (electron/services/queue/FlexShed.ts).
   * Kept with the params (the stored request always had it) so recall brings it back.
   */
  flexFallback: z.boolean().optional(),
});
export type GenerationParams = z.infer<typeof GenerationParamsSchema>;

export const PromptSchema = z
  .string()
  .trim()
  .min(1, 'Write a prompt first.')
  .max(20_000, 'The prompt is too long (20,000 characters at most).');

/**
 * What an edit adds to a request: the instruction as the user wrote it, and the marked copy or
 * mask (kept as blobs, never as library images) that go with the base image. The wire text is
 * written from this by one module in main (`electron/services/edit/editRequest.ts`).
 */
export const EditInputsSchema = z
  .object({
    mode: z.enum(['region', 'annotations', 'outpaint']),
    instruction: PromptSchema,
    /** The base image is the request's first reference; these follow it. */
    marks: z
      .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mimeType: z.enum(['image/png', 'image/jpeg']), role: z.enum(['marked', 'mask']) }).strict())
      .max(2),
    /** Set when the base image was shrunk to the model's input limit before sending. */
    downscaledFrom: z.object({ width: z.number().int(), height: z.number().int() }).nullable().default(null),
    /** The soft edge of a masked edit, in pixels of the original (absent in edits stored before it: DEFAULT_FEATHER). */
    featherPx: z.number().int().min(0).max(64).optional(),
  })
  .strict();
export type EditInputs = z.infer<typeof EditInputsSchema>;
/** A masked edit's soft edge when the canvas did not say: wide enough to hide the seam on a photo. */
export const DEFAULT_FEATHER = 12;

export const GenerateRequestSchema = GenerationParamsSchema.extend({
  prompt: PromptSchema,
  tier: ModelTierSchema,
  /** A specific image model from the models list; omitted = the tier's current model. */
  modelId: ModelIdSchema.optional(),
  // Up to 64 pass the schema so an over-long list gets the model's own limit in the message.
  references: z.array(ReferenceSchema).max(64).default([]),
  /** Higher runs first; the default is 0. */
  priority: z.number().int().min(-10).max(10).default(0),
  /** Set for an edit made on the canvas: the marks that travel with the base image. */
  edit: EditInputsSchema.optional(),
}).strict();
export type GenerateRequest = z.infer<typeof GenerateRequestSchema>;
export type GenerateRequestInput = z.input<typeof GenerateRequestSchema>;

export const UsageSchema = z.object({
  promptTokens: z.number(),
  outputTokens: z.number(),
  thoughtTokens: z.number(),
  imageTokens: z.number(),
});

export const GroundingSchema = z.object({
  sources: z.array(z.object({ title: z.string(), uri: z.string() })),
  queries: z.array(z.string()),
  /** Of `queries`, those Gemini sent to Google Images (`imageSearchQueries`). */
  imageQueries: z.array(z.string()).default([]),
  /** Served by main with its own CSP, shown only inside a sandboxed frame. */
  entryPointUrl: z.string().nullable(),
});

export const GenerationDetailSchema = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  prompt: z.string(),
  modelId: z.string(),
  tier: ModelTierSchema,
  params: GenerationParamsSchema,
  text: z.string().nullable(),
  finishReason: z.string().nullable(),
  thoughts: z.object({ text: z.array(z.string()), imageUrls: z.array(z.string()) }),
  grounding: GroundingSchema.nullable(),
  usage: UsageSchema,
  costUsd: z.number(),
  durationMs: z.number(),
  createdAt: z.number(),
  conversationId: z.string().nullable(),
  assetIds: z.array(z.string()),
});
export type GenerationDetail = z.infer<typeof GenerationDetailSchema>;
