/**
 * Batches from a file: a CSV or JSONL of up to tens of thousands of rows, one image per row, run
 * through Gemini's Batch API with a JSONL input file (wire §7.3) instead of inline requests.
 */
import { z } from 'zod';
import { AspectRatioSchema, Id, ImageSizeSchema, ModelIdSchema, ModelTierSchema, ThinkingLevelSchema } from './common';

/** A row's place in the file as the user sees it: a spreadsheet's row number, or a JSONL line. */
export const RowProblemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RowProblem = z.infer<typeof RowProblemSchema>;

/** One row after validation: what will be asked for one image. */
export const BatchRowSchema = z.object({
  row: z.number().int(),
  prompt: z.string(),
  aspectRatio: AspectRatioSchema.nullable(),
  imageSize: ImageSizeSchema.nullable(),
  thinkingLevel: ThinkingLevelSchema.nullable(),
  /** Absolute paths of reference photos. */
  references: z.array(z.string()),
  filename: z.string().nullable(),
  tags: z.array(z.string()),
  collection: z.string().nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

/** What a dropped file holds, checked, before anything is sent. */
export const BatchFilePlanSchema = z.object({
  planId: Id,
  name: z.string(),
  format: z.enum(['csv', 'jsonl']),
  rows: z.number().int(),
  tier: ModelTierSchema,
  modelId: ModelIdSchema,
  /** The first rows, for the preview table. */
  preview: z.array(BatchRowSchema),
  /** The first problems (at most 200), and how many there are in all. */
  problems: z.array(RowProblemSchema),
  problemCount: z.number().int(),
  /** Distinct reference photos, each uploaded once. */
  references: z.number().int(),
  /** Columns the file has that Atelier does not read. */
  ignoredColumns: z.array(z.string()),
  /** At the batch price (half the standard one). */
  estimateUsd: z.number(),
});
export type BatchFilePlan = z.infer<typeof BatchFilePlanSchema>;

export const BATCH_FILE_STAGES = ['references', 'building', 'uploading', 'submitting', 'running', 'downloading', 'importing', 'done', 'failed', 'cancelled'] as const;
export const BatchFileStageSchema = z.enum(BATCH_FILE_STAGES);
export type BatchFileStage = z.infer<typeof BatchFileStageSchema>;

export const FileBatchSchema = z.object({
  id: Id,
  name: z.string(),
  stage: BatchFileStageSchema,
  tier: ModelTierSchema,
  modelId: ModelIdSchema,
  total: z.number().int(),
  referencesTotal: z.number().int(),
  referencesDone: z.number().int(),
  inputBytes: z.number().int(),
  uploadedBytes: z.number().int(),
  /** Gemini's own state of the batch (JOB_STATE_…), once created. */
  remoteState: z.string().nullable(),
  imported: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  estimateUsd: z.number(),
  costUsd: z.number(),
  error: z.string().nullable(),
  /** The batch whose failed rows this one runs again. */
  parentId: Id.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type FileBatch = z.infer<typeof FileBatchSchema>;

export const FailedRowSchema = z.object({ row: z.number().int(), prompt: z.string(), reason: z.string() });
export type FailedRow = z.infer<typeof FailedRowSchema>;

const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const InspectBatchFileSchema = z
  .object({
    name: z.string().min(1).max(1024),
    /** In Electron (and the harness): the dropped or picked file's path. */
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => ABSOLUTE_PATH.test(p) && !p.includes('\0'), 'Give the full path of the file; a relative path is not accepted.')
      .optional(),
    /** Elsewhere: the file's text (reference paths in it must then be absolute). */
    text: z.string().max(64 * 1024 * 1024, 'The file is too large to send as text; drop it from the desktop instead.').optional(),
    tier: ModelTierSchema,
    modelId: ModelIdSchema.optional(),
  })
  .strict()
  .refine((f) => !!f.path !== (f.text !== undefined), 'Give either the path of the file or its text.');
