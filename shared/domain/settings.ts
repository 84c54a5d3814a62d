/** The API key's status and the user's settings. */
import { z } from 'zod';
import { AspectRatioSchema, ModelTierSchema } from './common';

/** Where the API key lives. The key itself never crosses IPC. */
export const KeyStatusSchema = z.object({
  hasKey: z.boolean(),
  /** Where the key in use comes from. `env` is read-only (GEMINI_API_KEY). */
  source: z.enum(['env', 'keychain', 'encrypted-file']).nullable(),
  /** Where a key the user types would be saved. */
  store: z.enum(['keychain', 'encrypted-file', 'unavailable']),
  /** A sentence for the user about the store in use. */
  storeMessage: z.string(),
});
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

/**
 * The quota Atelier keeps to for the models of one tier. Google publishes no fixed figures: real
 * limits are per project and billing tier (AI Studio shows them), so the user sets them.
 */
export const TierQuotaSchema = z.object({
  requestsPerMinute: z.number().int().min(1).max(10_000),
  imagesPerMinute: z.number().int().min(1).max(100_000).nullable(),
  requestsPerDay: z.number().int().min(1).max(10_000_000).nullable(),
});
export type TierQuota = z.infer<typeof TierQuotaSchema>;

export const SettingsSchema = z.object({
  /** API endpoint override set by the user (a proxy); null means Google's default. */
  apiBaseUrl: z.string().url().nullable(),
  /** What is actually used: GEMINI_BASE_URL in the environment wins over the setting. */
  effectiveApiBaseUrl: z.string().nullable(),
  defaultTier: ModelTierSchema,
  defaultAspectRatio: AspectRatioSchema,
  quotas: z.record(ModelTierSchema, TierQuotaSchema),
  /** Requests in flight at once, across all models. */
  maxInFlight: z.number().int().min(1).max(20),
  /** Refuse new jobs once this month's estimated spend would pass it (USD); null = no budget. */
  monthlyBudgetUsd: z.number().min(0).max(1_000_000).nullable(),
  /** OS notification when a job finishes while the window is in the background. */
  notifyWhenDone: z.boolean(),
  /** Stream answers (live thoughts and drafts); off for proxies that cannot stream. */
  streaming: z.boolean(),
  /** Overall deadline of one request (headers and whole body), in seconds. */
  requestDeadlineSeconds: z.number().int().min(10).max(3_600),
  /** The same for Pro at 4K, which can take minutes. */
  requestDeadlineLargeSeconds: z.number().int().min(10).max(3_600),
  /**
   * Keep the estimated spend of any rolling 10 minutes under this (USD); null = no limit. Google
   * caps spend per 10 minutes by billing tier and answers 429 past it, even under the rate limits.
   */
  spendPer10MinUsd: z.number().min(0.01).max(100_000).nullable(),
  /**
   * Send `store: true` instead of `store: false`, so Google keeps prompts and photos in the
   * project's AI Studio logs. Off unless the user turns it on: a local studio's requests stay out
   * of Google's logs by default.
   */
  letGoogleKeepRequests: z.boolean(),
  /**
   * The user says their project is on paid Tier 2 or 3, where Google offers Priority
   * (priority-inference page). Atelier cannot read the project's tier, and a call cannot prove it
   * without paying the premium first, so Priority is offered only once this is on.
   */
  priorityAllowed: z.boolean(),
  /**
   * Search by meaning (Settings → Library): each picture sent once to gemini-embedding-2. Off
   * until the user turns it on, having seen the price.
   */
  searchByMeaning: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z
  .object({
    apiBaseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'Must be an http(s) URL').nullable(),
    defaultTier: ModelTierSchema,
    defaultAspectRatio: AspectRatioSchema,
    // Partial: a patch may change one class's quota; the others keep theirs.
    quotas: z.partialRecord(ModelTierSchema, TierQuotaSchema),
    maxInFlight: z.number().int().min(1).max(20),
    monthlyBudgetUsd: z.number().min(0).max(1_000_000).nullable(),
    notifyWhenDone: z.boolean(),
    streaming: z.boolean(),
    requestDeadlineSeconds: z.number().int().min(10).max(3_600),
    requestDeadlineLargeSeconds: z.number().int().min(10).max(3_600),
    spendPer10MinUsd: z.number().min(0.01, 'The spend limit must be at least $0.01.').max(100_000).nullable(),
    letGoogleKeepRequests: z.boolean(),
    priorityAllowed: z.boolean(),
    searchByMeaning: z.boolean(),
  })
  .partial()
  .strict();
