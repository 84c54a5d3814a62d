/** Jobs in the queue and the queue's status. */
import { z } from 'zod';
import { QUOTA_REASONS } from '../errors';
import { ErrorCodeSchema } from './common';
import { GenerateRequestSchema, UsageSchema } from './generation';

/** Why a queued job is not running yet. */
export const WaitReasonSchema = z.enum(['capacity', 'rate_limit', 'quota_retry', 'backoff', 'offline', 'queue_paused', 'daily_limit', 'spend_limit', 'flex_shed']);
export type WaitReason = z.infer<typeof WaitReasonSchema>;

export const JobStateSchema = z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(['generate', 'chat', 'batch']),
  state: JobStateSchema,
  /** The model main resolved the request's tier to. The prompt, tier and ratio are the request's own. */
  modelId: z.string().nullable(),
  request: GenerateRequestSchema,
  priority: z.number().int(),
  /** Order among waiting jobs of the same priority (lower runs first). */
  position: z.number(),
  /** Attempts made so far (the one running included). */
  attempt: z.number().int(),
  waitReason: WaitReasonSchema.nullable(),
  /** When the next attempt may start (rate limit, Retry-After, backoff). */
  nextAttemptAt: z.number().nullable(),
  /** It was in flight when Atelier stopped and had no stored result, so it was sent again: it may be billed twice. */
  resent: z.boolean(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** 'images' for a normal result, 'text' when Gemini answered in words only. */
  outcome: z.enum(['images', 'text']).nullable(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  generationId: z.string().nullable(),
  assetIds: z.array(z.string()),
  usage: UsageSchema.nullable(),
  costUsd: z.number().nullable(),
  conversationId: z.string().nullable(),
  batch: z
    .object({ name: z.string().nullable(), state: z.string(), total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() })
    .nullable(),
  /** The variations set this job belongs to (generate.startSet), or null for a single job. */
  setId: z.string().nullable(),
  /**
   * Goes up by at least one on every change main makes to the job. A job can go backwards
   * (a retry, a 429 puts it back in the queue), so no other field orders its copies: the window
   * keeps the copy with the highest revision it has seen.
   */
  revision: z.number().int(),
  /**
   * The tier that served the result, from Gemini's `x-gemini-service-tier` header ('batch' for
   * Batch API results); null before a result, or for results from before service tiers.
   */
  servedTier: z.enum(['standard', 'flex', 'priority', 'batch']).nullable().optional(),
  /** Since when Google has been setting this job's Flex call aside (ms since epoch); null when it has not. */
  flexShedSince: z.number().nullable().optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** "Variations": one request made N times, grouped as one set. */
export const GenerateSetRequestSchema = GenerateRequestSchema.extend({
  count: z.number().int().min(1).max(4),
}).strict();
export type GenerateSetRequest = z.infer<typeof GenerateSetRequestSchema>;

export const JobSetSchema = z.object({ setId: z.string(), jobs: z.array(JobSchema) });
export type JobSet = z.infer<typeof JobSetSchema>;

/**
 * Why the whole queue was paused by main rather than by the user: a 429 that no wait will cure
 * (prepaid credit used up, the billing account's tier cap). The window shows it with a link to
 * billing; resuming the queue clears it.
 */
export const QueueHoldSchema = z.object({
  reason: z.enum(QUOTA_REASONS),
  message: z.string(),
  /** ms since epoch */
  since: z.number(),
});
export type QueueHold = z.infer<typeof QueueHoldSchema>;

export const QueueStatusSchema = z.object({
  paused: z.boolean(),
  /** Set while the queue is paused because of a `QueueHold`; absent or null otherwise. */
  hold: QueueHoldSchema.nullable().optional(),
  offline: z.boolean(),
  inFlight: z.number().int(),
  maxInFlight: z.number().int(),
  waiting: z.number().int(),
  models: z.array(
    z.object({
      modelId: z.string(),
      configuredRpm: z.number(),
      /** Lowered after a 429 and raised again as calls succeed. */
      effectiveRpm: z.number(),
      usedInLastMinute: z.number().int(),
      blockedUntil: z.number().nullable(),
    }),
  ),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

/** Bounds of a `job.progress` event: it is sent often and must stay small. */
export const PROGRESS_LIMITS = {
  /** The tail of the thought text so far. */
  thoughtChars: 4_000,
  /** Drafts kept, newest last. */
  drafts: 4,
  /** One draft preview as a data URL (≤ 256 px JPEG). */
  draftChars: 48_000,
} as const;

/**
 * What a streamed job has shown so far: thought summaries and draft previews, never full images.
 * Replaces the previous progress of the same job and attempt (it is cumulative, not a delta).
 */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  attempt: z.number().int(),
  /** The thought text so far (its last `thoughtChars` characters when longer). */
  thoughtText: z.string().max(PROGRESS_LIMITS.thoughtChars),
  /** True when the start of the thought text was cut to fit. */
  thoughtTruncated: z.boolean(),
  /** Draft previews as `data:image/jpeg;base64,…` URLs. */
  drafts: z.array(z.string().max(PROGRESS_LIMITS.draftChars).regex(/^data:image\/jpeg;base64,/)).max(PROGRESS_LIMITS.drafts),
  /** ms since epoch of the event that produced this. */
  at: z.number(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;
