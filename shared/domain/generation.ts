/** What one image request asks for, and what came back. */
import { z } from 'zod';
import { AspectRatioSchema, Id, ModelIdSchema, ImageSizeSchema, ModelTierSchema, ReferenceKindSchema, ResponseModalitiesSchema } from './common';

export const ReferenceSchema = z.object({ assetId: Id, kind: ReferenceKindSchema }).strict();
export type Reference = z.infer<typeof ReferenceSchema>;

/** The knobs of one image request; stored with every generation so "reuse settings" can restore them. */
export const GenerationParamsSchema = z.object({
  /** null: the model's default (1:1, or the input image's shape when editing). */
  aspectRatio: AspectRatioSchema.nullable(),
  imageSize: ImageSizeSchema.nullable().default(null),
  modalities: ResponseModalitiesSchema.default('TEXT_IMAGE'),
  grounding: z.boolean().default(false),
  includeThoughts: z.boolean().default(false),
  references: z.array(ReferenceSchema).default([]),
});
export type GenerationParams = z.infer<typeof GenerationParamsSchema>;

export const PromptSchema = z
  .string()
  .trim()
  .min(1, 'Write a prompt first.')
  .max(20_000, 'The prompt is too long (20,000 characters at most).');

export const GenerateRequestSchema = GenerationParamsSchema.extend({
  prompt: PromptSchema,
  tier: ModelTierSchema,
  /** A specific image model from the models list; omitted = the tier's current model. */
  modelId: ModelIdSchema.optional(),
  // Up to 64 pass the schema so an over-long list gets the model's own limit in the message.
  references: z.array(ReferenceSchema).max(64).default([]),
  /** Higher runs first; the default is 0. */
  priority: z.number().int().min(-10).max(10).default(0),
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
