/** Comparisons of models on one prompt, votes and what they add up to; and edit-canvas requests. */
import { z } from 'zod';
import { ErrorCodeSchema, Id, ImageSizeSchema, ModelTierSchema, ThinkingLevelSchema } from './common';
import { EditInputsSchema, GenerationParamsSchema, PromptSchema, ReferenceSchema, UsageSchema } from './generation';

/** Gemini's `thinkingConfig.thinkingLevel` as image models take it (Pro ignores levels). */

const ModelId = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,80}$/, 'Not a model id.');

/** One side of a comparison: a model and the options that make it different from the others. */
export const ContenderSchema = z
  .object({
    tier: ModelTierSchema,
    /** Omitted: the tier's current model. */
    modelId: ModelId.optional(),
    imageSize: ImageSizeSchema.nullable().default(null),
    thinkingLevel: ThinkingLevelSchema.nullable().default(null),
    grounding: z.boolean().default(false),
  })
  .strict();
export type Contender = z.infer<typeof ContenderSchema>;
export type ContenderInput = z.input<typeof ContenderSchema>;


export const CompareStartSchema = z
  .object({
    prompt: PromptSchema,
    references: z.array(ReferenceSchema).max(64).default([]),
    aspectRatio: GenerationParamsSchema.shape.aspectRatio.default(null),
    contenders: z.array(ContenderSchema).min(2, 'Choose at least two contenders to compare.').max(4, 'A comparison holds at most four contenders.'),
    blind: z.boolean().default(false),
    edit: EditInputsSchema.optional(),
    /** The Elements the prompt chose with `@` (their images are among `references`): every contender's result names them. */
    elements: GenerationParamsSchema.shape.elements,
    /** Every contender at Economy (Flex: half price); each must have Flex, or the comparison is refused. */
    serviceTier: z.enum(['standard', 'flex']).optional(),
  })
  .strict();
export type CompareStart = z.infer<typeof CompareStartSchema>;
export type CompareStartInput = z.input<typeof CompareStartSchema>;

export const ContenderStateSchema = z.enum(['waiting', 'running', 'succeeded', 'failed', 'cancelled']);

export const ContenderResultSchema = z.object({
  index: z.number().int(),
  contender: ContenderSchema,
  /** The concrete model it ran on. */
  modelId: z.string(),
  label: z.string(),
  jobId: z.string().nullable(),
  state: ContenderStateSchema,
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  assetId: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Milliseconds from the click to the request leaving (quota waits included). */
  startMs: z.number().nullable(),
  /** To the first progress event from Gemini; null when the run reported none. */
  firstProgressMs: z.number().nullable(),
  finalMs: z.number().nullable(),
  usage: UsageSchema.nullable(),
  costUsd: z.number().nullable(),
  estimateUsd: z.number(),
});
export type ContenderResult = z.infer<typeof ContenderResultSchema>;

export const VoteSchema = z.object({
  kind: z.enum(['winner', 'tie', 'all_bad']),
  /** Contender index for a winner. */
  winner: z.number().int().nullable(),
  at: z.number(),
});
export type Vote = z.infer<typeof VoteSchema>;

export const ComparisonSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  prompt: z.string(),
  references: z.array(ReferenceSchema),
  aspectRatio: z.string().nullable(),
  edit: EditInputsSchema.nullable(),
  blind: z.boolean(),
  /** Contender indexes in the order shown (shuffled once per comparison when blind). */
  order: z.array(z.number().int()),
  state: z.enum(['running', 'done', 'cancelled']),
  contenders: z.array(ContenderResultSchema),
  vote: VoteSchema.nullable(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const ComparisonSummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  prompt: z.string(),
  blind: z.boolean(),
  state: ComparisonSchema.shape.state,
  labels: z.array(z.string()),
  vote: VoteSchema.nullable(),
  /** The winner's label, once voted (null for a tie or "all bad"). */
  winnerLabel: z.string().nullable(),
  thumbAssetIds: z.array(z.string()),
});
export type ComparisonSummary = z.infer<typeof ComparisonSummarySchema>;

/** The comparison a library image was a result of, and how it did there: its lineage line. */
export const AssetComparisonSchema = ComparisonSummarySchema.extend({
  outcome: z.enum(['won', 'lost', 'tie', 'all_bad', 'no_vote']),
});
export type AssetComparison = z.infer<typeof AssetComparisonSchema>;

export const CompareVoteSchema = z
  .object({ id: Id, kind: VoteSchema.shape.kind, winner: z.number().int().min(0).max(3).optional() })
  .strict()
  .refine((v) => (v.kind === 'winner') === (v.winner !== undefined), { message: 'A winner vote names one result; a tie or "all bad" names none.' });

export const StatsQuerySchema = z
  .object({
    from: z.number().optional(),
    to: z.number().optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    collectionId: Id.optional(),
    blindOnly: z.boolean().default(false),
  })
  .strict();
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

export const PairStatsSchema = z.object({
  /** The two contender labels, in a stable order (a before b). */
  a: z.string(),
  b: z.string(),
  comparisons: z.number().int(),
  winsA: z.number().int(),
  winsB: z.number().int(),
  ties: z.number().int(),
  allBad: z.number().int(),
  /** A's share of decided votes with its 95 % Wilson interval; null before the first decided vote. */
  winRateA: z.number().nullable(),
  intervalA: z.tuple([z.number(), z.number()]).nullable(),
  medianMsA: z.number().nullable(),
  medianMsB: z.number().nullable(),
  medianCostA: z.number().nullable(),
  medianCostB: z.number().nullable(),
  /** Total spent on that side divided by its wins; null with no wins. */
  costPerWinA: z.number().nullable(),
  costPerWinB: z.number().nullable(),
  answer: z.string(),
});
export type PairStats = z.infer<typeof PairStatsSchema>;

export const CompareStatsSchema = z.object({ voted: z.number().int(), pairs: z.array(PairStatsSchema), tookMs: z.number() });
export type CompareStats = z.infer<typeof CompareStatsSchema>;

/** Geometry applied at full resolution in main. Pixel values are of the image as it is at that step. */
export const EditOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('crop'), left: z.number().int().min(0), top: z.number().int().min(0), width: z.number().int().min(1), height: z.number().int().min(1) }).strict(),
  z.object({ op: z.literal('rotate'), degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]) }).strict(),
  z.object({ op: z.literal('flip'), axis: z.enum(['horizontal', 'vertical']) }).strict(),
  z
    .object({
      op: z.literal('expand'),
      /** Pad to this aspect ratio ("16:9"), centred; or by margins in pixels. */
      ratio: z.string().regex(/^\d{1,2}:\d{1,2}$/, 'A ratio looks like 16:9.').optional(),
      margins: z.object({ left: z.number().int().min(0), top: z.number().int().min(0), right: z.number().int().min(0), bottom: z.number().int().min(0) }).strict().optional(),
    })
    .strict(),
]);
export type EditOp = z.infer<typeof EditOpSchema>;

/** What the canvas needs to show a photo: a downscaled copy, the true size, and what was said about it. */
export const EditOpenSchema = z.object({
  assetId: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  previewUrl: z.string(),
  previewWidth: z.number().int(),
  previewHeight: z.number().int(),
  notices: z.array(z.string()),
});
export type EditOpen = z.infer<typeof EditOpenSchema>;

const Png = z.string().max(40_000_000).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Not a PNG data URL.');

export const EditPrepareSchema = z
  .object({
    assetId: Id,
    instruction: PromptSchema,
    /** The painted region (opaque where it may change), at any scale of the image. */
    mask: Png.optional(),
    /** Arrows and notes drawn over the image, transparent elsewhere, same frame as `mask`. */
    annotations: Png.optional(),
    /** After an expand: where the picture sits (full-size pixels); everything else is to be filled. */
    outpaintFrom: z.object({ left: z.number().int().min(0), top: z.number().int().min(0), width: z.number().int().min(1), height: z.number().int().min(1) }).strict().optional(),
    /** The masked edit's soft edge, in pixels of the original (0–64). */
    featherPx: z.number().int().min(0).max(64).optional(),
  })
  .strict();
export type EditPrepare = z.infer<typeof EditPrepareSchema>;

/** A prepared edit: the request pieces generate.start or compare.start take, plus what to tell the user. */
export const EditDraftSchema = z.object({
  baseAssetId: z.string(),
  prompt: z.string(),
  references: z.array(ReferenceSchema),
  edit: EditInputsSchema,
  notices: z.array(z.string()),
});
export type EditDraft = z.infer<typeof EditDraftSchema>;
