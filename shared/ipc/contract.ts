/**
 * The one IPC contract. Every route (renderer → main) and every event (main → renderer)
 * is declared here once, with zod schemas. The main-side router, the preload bridge,
 * the renderer's typed client and the tests all derive their types from this file.
 *
 * Payloads must survive both Electron's structured clone and Playwright's JSON bridge,
 * so they hold only plain JSON values: timestamps are epoch milliseconds, never Dates.
 */
import { z } from 'zod';
import { ALL_ASPECT_RATIOS, IMAGE_SIZES, MODEL_TIERS, REFERENCE_KINDS, RESPONSE_MODALITIES } from '../models';
import { ERROR_CODES } from '../errors';

// ---------------------------------------------------------------------------
// Domain shapes

export const ModelTierSchema = z.enum(MODEL_TIERS);
export const AspectRatioSchema = z.enum(ALL_ASPECT_RATIOS);
export const ImageSizeSchema = z.enum(IMAGE_SIZES);
export const ResponseModalitiesSchema = z.enum(RESPONSE_MODALITIES);
export const ReferenceKindSchema = z.enum(REFERENCE_KINDS);
const Id = z.string().uuid();
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
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z
  .object({
    apiBaseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'Must be an http(s) URL').nullable(),
    defaultTier: ModelTierSchema,
    defaultAspectRatio: AspectRatioSchema,
    quotas: z.record(ModelTierSchema, TierQuotaSchema),
    maxInFlight: z.number().int().min(1).max(20),
    monthlyBudgetUsd: z.number().min(0).max(1_000_000).nullable(),
    notifyWhenDone: z.boolean(),
  })
  .partial()
  .strict();

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

const PromptSchema = z
  .string()
  .trim()
  .min(1, 'Write a prompt first.')
  .max(20_000, 'The prompt is too long (20,000 characters at most).');

export const GenerateRequestSchema = GenerationParamsSchema.extend({
  prompt: PromptSchema,
  tier: ModelTierSchema,
  /** A specific image model from the models list; omitted = the tier's current model. */
  modelId: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,80}$/, 'Not a model id.').optional(),
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

/** Why a queued job is not running yet. */
export const WaitReasonSchema = z.enum(['capacity', 'rate_limit', 'quota_retry', 'backoff', 'offline', 'queue_paused', 'daily_limit']);
export type WaitReason = z.infer<typeof WaitReasonSchema>;

export const JobStateSchema = z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(['generate', 'chat', 'batch']),
  state: JobStateSchema,
  prompt: z.string(),
  tier: ModelTierSchema,
  modelId: z.string().nullable(),
  aspectRatio: AspectRatioSchema.nullable(),
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
});
export type Job = z.infer<typeof JobSchema>;

export const QueueStatusSchema = z.object({
  paused: z.boolean(),
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

export const AssetSummarySchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  createdAt: z.number(),
  prompt: z.string().nullable(),
  tier: ModelTierSchema.nullable(),
  rating: z.number().int().min(0).max(5).default(0),
  favorite: z.boolean().default(false),
});
export type AssetSummary = z.infer<typeof AssetSummarySchema>;

export const AssetSourceSchema = z.enum(['generated', 'edited', 'imported']);

export const LineageNodeSchema = z.object({
  id: z.string(),
  parentIds: z.array(z.string()),
  prompt: z.string().nullable(),
  createdAt: z.number(),
  trashed: z.boolean(),
});
export type LineageNode = z.infer<typeof LineageNodeSchema>;

export const AssetDetailSchema = AssetSummarySchema.extend({
  bytes: z.number().int(),
  sha256: z.string(),
  source: AssetSourceSchema,
  name: z.string().nullable(),
  tags: z.array(z.string()),
  collections: z.array(z.object({ id: z.string(), name: z.string() })),
  trashedAt: z.number().nullable(),
  /** Every version connected to this one (edits, chat turns), parents first. */
  lineage: z.array(LineageNodeSchema),
  /** What made it: the prompt, model, parameters, text, thoughts, grounding, usage and cost. */
  generation: GenerationDetailSchema.nullable(),
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

export const ConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  tier: ModelTierSchema,
  modelId: z.string(),
  turns: z.number().int(),
  updatedAt: z.number(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const TurnSchema = z.object({
  index: z.number().int(),
  role: z.enum(['user', 'model']),
  /** User turns: the prompt. Model turns: the returned text (thought text is in `generation`). */
  text: z.string().nullable(),
  /** Images the user attached (user turns) or Gemini made (model turns). */
  assetIds: z.array(z.string()),
  jobId: z.string().nullable(),
  generation: GenerationDetailSchema.nullable(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const ConversationSchema = ConversationSummarySchema.extend({
  turns: z.array(TurnSchema),
  /** The job answering the last user turn, while it is unfinished. */
  pendingJob: JobSchema.nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const UsageSummarySchema = z.object({
  days: z.array(z.object({ date: z.string(), costUsd: z.number(), jobs: z.number().int(), images: z.number().int() })),
  byModel: z.array(z.object({ modelId: z.string(), costUsd: z.number(), jobs: z.number().int() })),
  todayUsd: z.number(),
  monthToDateUsd: z.number(),
  monthlyBudgetUsd: z.number().nullable(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

export const LibraryQuerySchema = z
  .object({
    /** Words to find in prompts, returned text, tags, collection and file names; prefixes match, accents are ignored. */
    text: z.string().max(500).default(''),
    tiers: z.array(ModelTierSchema).optional(),
    modelIds: z.array(z.string()).optional(),
    aspectRatios: z.array(AspectRatioSchema).optional(),
    imageSizes: z.array(ImageSizeSchema).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    favorites: z.boolean().optional(),
    collectionId: Id.optional(),
    sources: z.array(AssetSourceSchema).optional(),
    hasGrounding: z.boolean().optional(),
    /** The trash instead of the library. */
    trashed: z.boolean().default(false),
    sort: z.enum(['newest', 'oldest', 'rating', 'name']).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type LibraryQuery = z.input<typeof LibraryQuerySchema>;

export const CollectionSchema = z.object({ id: z.string(), name: z.string(), count: z.number().int(), createdAt: z.number() });
export type Collection = z.infer<typeof CollectionSchema>;

const Ids = z.array(Id).min(1).max(10_000);

export const ImportFileSchema = z
  .object({
    name: z.string().min(1).max(1024),
    /** In Electron: the dropped file's path (webUtils.getPathForFile). */
    path: z.string().min(1).max(4096).optional(),
    /** Elsewhere (and for pasted images): the bytes, base64. ~70 MB of base64 at most per file. */
    dataBase64: z.string().max(96 * 1024 * 1024).optional(),
  })
  .strict()
  .refine((f) => !!f.path !== !!f.dataBase64, 'Give either a path or the bytes of a file.');

export const routes = {
  'app.info': {
    input: Empty,
    output: z.object({ version: z.string(), platform: z.string() }),
  },
  /** Things to tell the user that happened before the window was listening (e.g. migrations at start). */
  'app.notices': { input: Empty, output: z.array(z.object({ kind: z.enum(['info', 'warning']), message: z.string() })) },
  /** Opens an https link the user clicked (grounding sources) in the system browser. */
  'app.openExternal': { input: z.object({ url: z.string().url().startsWith('https://', 'Only https links open.') }).strict(), output: z.object({}) },
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
  'jobs.list': { input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict().optional(), output: z.array(JobSchema) },
  'jobs.cancel': { input: z.object({ id: Id }).strict(), output: JobSchema },
  /** Runs a failed or cancelled job again (a new attempt of the same job). */
  'jobs.retry': { input: z.object({ id: Id }).strict(), output: JobSchema },
  'jobs.pause': { input: z.object({ id: Id }).strict(), output: JobSchema },
  'jobs.resume': { input: z.object({ id: Id }).strict(), output: JobSchema },
  /** Moves a waiting job to just before another (null: to the end) and/or changes its priority. */
  'jobs.reorder': { input: z.object({ id: Id, beforeId: Id.nullable().optional(), priority: z.number().int().min(-10).max(10).optional() }).strict(), output: JobSchema },
  'queue.status': { input: Empty, output: QueueStatusSchema },
  'queue.pause': { input: Empty, output: QueueStatusSchema },
  'queue.resume': { input: Empty, output: QueueStatusSchema },

  'generation.get': { input: z.object({ id: Id }).strict(), output: GenerationDetailSchema },

  'chat.list': { input: Empty, output: z.array(ConversationSummarySchema) },
  'chat.create': {
    input: z.object({ tier: ModelTierSchema, modelId: z.string().optional(), title: z.string().trim().min(1).max(200).optional() }).strict(),
    output: ConversationSchema,
  },
  'chat.get': { input: z.object({ id: Id }).strict(), output: ConversationSchema },
  /** Sends the next user turn; the answer arrives as a job, then as a model turn. */
  'chat.send': {
    input: GenerationParamsSchema.extend({ conversationId: Id, prompt: PromptSchema, references: z.array(ReferenceSchema).max(64).default([]) }).strict(),
    output: JobSchema,
  },

  'batch.submit': {
    input: GenerationParamsSchema.omit({ references: true })
      .extend({
        prompts: z.array(PromptSchema).min(1, 'Add at least one prompt.').max(200, 'A batch holds at most 200 prompts.'),
        tier: ModelTierSchema,
        modelId: z.string().optional(),
      })
      .strict(),
    output: JobSchema,
  },

  'usage.summary': { input: z.object({ days: z.number().int().min(1).max(366).default(30) }).strict().optional(), output: UsageSummarySchema },

  'library.get': { input: z.object({ id: Id }).strict(), output: AssetDetailSchema },
  /** One page of the library (or the trash) for a search and filters, with the total count. */
  'library.search': {
    input: LibraryQuerySchema,
    // `capped`: a search with filters stops counting at 10,000 ("10,000+"), to stay fast at 250k.
    output: z.object({ assets: z.array(AssetSummarySchema), total: z.number().int(), capped: z.boolean() }),
  },
  'library.update': {
    input: z.object({ ids: Ids, rating: z.number().int().min(0).max(5).optional(), favorite: z.boolean().optional() }).strict(),
    output: z.object({ updated: z.number().int() }),
  },
  'library.tag': {
    input: z
      .object({ ids: Ids, add: z.array(z.string().trim().min(1).max(64)).max(50).default([]), remove: z.array(z.string().max(64)).max(50).default([]) })
      .strict(),
    output: z.object({ updated: z.number().int() }),
  },
  /** Moves to the trash (files stay until the trash is emptied). */
  'library.trash': { input: z.object({ ids: Ids }).strict(), output: z.object({ trashed: z.number().int() }) },
  'library.restore': { input: z.object({ ids: Ids }).strict(), output: z.object({ restored: z.number().int() }) },
  'library.emptyTrash': { input: Empty, output: z.object({ deleted: z.number().int(), filesRemoved: z.number().int() }) },
  /** Writes the images to a folder (chosen in a dialog) with their generation metadata inside each file. */
  'library.export': {
    // Main asks for the folder itself (a dialog), so the window can never name where files are written.
    input: z.object({ ids: Ids, sidecar: z.boolean().default(false) }).strict(),
    output: z.object({ folder: z.string().nullable(), written: z.array(z.string()) }),
  },
  /** Electron: starts an OS drag of the files (webContents.startDrag); elsewhere a no-op. */
  'library.startDrag': { input: z.object({ ids: Ids }).strict(), output: z.object({}) },
  'library.copy': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'library.open': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'library.reveal': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  /** Checks the database and files, repairs what it can, and says what it did. */
  'library.check': { input: Empty, output: z.object({ ok: z.boolean(), repaired: z.array(z.string()), problems: z.array(z.string()) }) },
  /** Moves the library to a folder the user picks (a dialog in main); the app restarts to finish. */
  'library.move': { input: Empty, output: z.object({ movedTo: z.string().nullable() }) },
  'library.location': { input: Empty, output: z.object({ dir: z.string() }) },
  'library.cancelImport': { input: z.object({ importId: Id }).strict(), output: z.object({}) },

  'collections.list': { input: Empty, output: z.array(CollectionSchema) },
  'collections.create': { input: z.object({ name: z.string().trim().min(1).max(120) }).strict(), output: CollectionSchema },
  'collections.rename': { input: z.object({ id: Id, name: z.string().trim().min(1).max(120) }).strict(), output: CollectionSchema },
  'collections.delete': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'collections.add': { input: z.object({ id: Id, assetIds: Ids }).strict(), output: CollectionSchema },
  'collections.remove': { input: z.object({ id: Id, assetIds: Ids }).strict(), output: CollectionSchema },

  /** Imports image files or whole folders (dropped from the desktop, or chosen). Each file is checked on its own. */
  'library.import': {
    input: z.object({ files: z.array(ImportFileSchema).min(1).max(10_000), importId: Id.optional() }).strict(),
    output: z.object({
      imported: z.array(AssetSummarySchema.extend({ duplicate: z.boolean() })),
      rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
} as const;

export type RouteName = keyof typeof routes;
export type RouteInput<R extends RouteName> = z.input<(typeof routes)[R]['input']>;
export type RouteParsedInput<R extends RouteName> = z.output<(typeof routes)[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<(typeof routes)[R]['output']>;

// ---------------------------------------------------------------------------
// Events: main → renderer

export const events = {
  'job.updated': JobSchema,
  'queue.status': QueueStatusSchema,
  'library.added': z.array(AssetSummarySchema),
  'key.changed': KeyStatusSchema,
  'chat.updated': z.object({ conversationId: z.string() }),
  'library.changed': z.object({ ids: z.array(z.string()) }),
  'import.progress': z.object({
    importId: z.string(),
    total: z.number().int(),
    done: z.number().int(),
    imported: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    finished: z.boolean(),
  }),
  /** Something the user should be told once (e.g. a retired model was replaced). */
  'notice': z.object({ kind: z.enum(['info', 'warning']), message: z.string() }),
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
  /** Electron only: the path of a file dropped from the desktop (webUtils.getPathForFile). */
  pathForFile?(file: File): string;
}
