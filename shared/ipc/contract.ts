/**
 * The one IPC contract. Every route (renderer → main) and every event (main → renderer)
 * is declared here once, with zod schemas. The main-side router, the preload bridge,
 * the renderer's typed client and the tests all derive their types from this file.
 *
 * Payloads must survive both Electron's structured clone and Playwright's JSON bridge,
 * so they hold only plain JSON values: timestamps are epoch milliseconds, never Dates.
 */
import { z } from 'zod';
import { ALL_ASPECT_RATIOS, MODEL_TIERS } from '../models';
import { ERROR_CODES } from '../errors';

// ---------------------------------------------------------------------------
// Domain shapes

export const ModelTierSchema = z.enum(MODEL_TIERS);
export const AspectRatioSchema = z.enum(ALL_ASPECT_RATIOS);
export const ErrorCodeSchema = z.enum(ERROR_CODES);

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

export const SettingsSchema = z.object({
  /** API endpoint override set by the user (a proxy); null means Google's default. */
  apiBaseUrl: z.string().url().nullable(),
  /** What is actually used: GEMINI_BASE_URL in the environment wins over the setting. */
  effectiveApiBaseUrl: z.string().nullable(),
  defaultTier: ModelTierSchema,
  defaultAspectRatio: AspectRatioSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z
  .object({
    apiBaseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'Must be an http(s) URL').nullable(),
    defaultTier: ModelTierSchema,
    defaultAspectRatio: AspectRatioSchema,
  })
  .partial()
  .strict();

export const ModelInfoSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  tier: ModelTierSchema,
});
export const ModelsSchema = z.object({
  models: z.array(ModelInfoSchema),
  /** The model id each tier resolves to right now. */
  tiers: z.record(ModelTierSchema, z.string()),
  /** When the list was fetched from Gemini; null while only the built-in fallback is known. */
  fetchedAt: z.number().nullable(),
});
export type Models = z.infer<typeof ModelsSchema>;

export const GenerationParamsSchema = z.object({
  aspectRatio: AspectRatioSchema,
});
export type GenerationParams = z.infer<typeof GenerationParamsSchema>;

export const GenerateRequestSchema = z
  .object({
    prompt: z.string().trim().min(1, 'Write a prompt first.').max(20_000, 'The prompt is too long (20,000 characters at most).'),
    tier: ModelTierSchema,
    aspectRatio: AspectRatioSchema,
  })
  .strict();
export type GenerateRequest = z.infer<typeof GenerateRequestSchema>;

export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export const JobSchema = z.object({
  id: z.string(),
  state: JobStateSchema,
  prompt: z.string(),
  tier: ModelTierSchema,
  modelId: z.string().nullable(),
  aspectRatio: AspectRatioSchema,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  assetIds: z.array(z.string()),
});
export type Job = z.infer<typeof JobSchema>;

export const AssetSummarySchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  createdAt: z.number(),
  prompt: z.string().nullable(),
  tier: ModelTierSchema.nullable(),
});
export type AssetSummary = z.infer<typeof AssetSummarySchema>;

export const AssetDetailSchema = AssetSummarySchema.extend({
  bytes: z.number().int(),
  sha256: z.string(),
  source: z.enum(['generated', 'edited', 'imported']),
  generation: z
    .object({
      jobId: z.string().nullable(),
      prompt: z.string(),
      modelId: z.string(),
      tier: ModelTierSchema,
      params: GenerationParamsSchema,
      responseText: z.string().nullable(),
      finishReason: z.string().nullable(),
      usage: z.object({ promptTokens: z.number(), outputTokens: z.number(), thoughtTokens: z.number() }),
      durationMs: z.number(),
    })
    .nullable(),
});
export type AssetDetail = z.infer<typeof AssetDetailSchema>;

// ---------------------------------------------------------------------------
// Routes: `domain.action` → input and output schemas

const Empty = z.object({}).strict().optional();
const ApiKeyInput = z
  .string()
  .trim()
  .min(1, 'Paste your Gemini API key.')
  .max(512, 'That does not look like an API key.')
  .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces or special characters.');

export const routes = {
  'app.info': {
    input: Empty,
    output: z.object({ version: z.string(), platform: z.string() }),
  },
  'key.status': { input: Empty, output: KeyStatusSchema },
  /** Checks a key against models.list without saving it; omit `key` to check the stored one. */
  'key.test': {
    input: z.object({ key: ApiKeyInput.optional() }).strict(),
    output: z.object({ imageModels: z.array(z.string()) }),
  },
  /** Checks the key, then stores it. */
  'key.save': { input: z.object({ key: ApiKeyInput }).strict(), output: KeyStatusSchema },
  'key.clear': { input: Empty, output: KeyStatusSchema },
  'settings.get': { input: Empty, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
  'models.list': { input: z.object({ refresh: z.boolean().optional() }).strict().optional(), output: ModelsSchema },
  'generate.start': { input: GenerateRequestSchema, output: JobSchema },
  'jobs.list': { input: Empty, output: z.array(JobSchema) },
  'library.list': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(200),
        /** Page backwards from this createdAt/id cursor. */
        before: z.object({ createdAt: z.number(), id: z.string() }).optional(),
      })
      .strict()
      .optional(),
    output: z.object({ assets: z.array(AssetSummarySchema), total: z.number().int() }),
  },
  'library.get': { input: z.object({ id: z.string().uuid() }).strict(), output: AssetDetailSchema },
} as const;

export type RouteName = keyof typeof routes;
export type RouteInput<R extends RouteName> = z.input<(typeof routes)[R]['input']>;
export type RouteParsedInput<R extends RouteName> = z.output<(typeof routes)[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<(typeof routes)[R]['output']>;

// ---------------------------------------------------------------------------
// Events: main → renderer

export const events = {
  'job.updated': JobSchema,
  'library.added': z.array(AssetSummarySchema),
  'key.changed': KeyStatusSchema,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// ---------------------------------------------------------------------------
// What crosses the border

export type IpcError = { ok: false; code: z.infer<typeof ErrorCodeSchema>; message: string };
export type IpcResult<T> = { ok: true; data: T } | IpcError;

export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './channels';

/** What the preload exposes as `window.atelier`. */
export interface AtelierBridge {
  invoke(route: string, input?: unknown): Promise<IpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
