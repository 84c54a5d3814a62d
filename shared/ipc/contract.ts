/**
 * The one IPC contract. Every route (renderer → main) and every event (main → renderer)
 * is declared here once, with zod schemas. The main-side router, the preload bridge,
 * the renderer's typed client and the tests all derive their types from this file.
 *
 * Payloads must survive both Electron's structured clone and Playwright's JSON bridge,
 * so they hold only plain JSON values: timestamps are epoch milliseconds, never Dates.
 */
import { z } from 'zod';
import {
  AddElementImagesSchema,
  AssetComparisonSchema,
  AssetDetailSchema,
  AssetSummarySchema,
  BackgroundActionSchema,
  BackgroundProgressSchema,
  BatchFilePlanSchema,
  BatchLineSchema,
  CollectionSchema,
  CompareStartSchema,
  CompareStatsSchema,
  CompareVoteSchema,
  ComparisonSchema,
  ComparisonSummarySchema,
  ConversationSchema,
  ConversationSummarySchema,
  CreateElementSchema,
  CreateSmartCollectionSchema,
  DeleteElementSchema,
  DuplicateGroupsSchema,
  DuplicateLevelSchema,
  EditDraftSchema,
  EditOpenSchema,
  EditOpSchema,
  EditPrepareSchema,
  ElementSchema,
  type ErrorCodeSchema,
  FailedRowSchema,
  FileBatchSchema,
  FingerprintProgressSchema,
  GenerateRequestSchema,
  GenerateSetRequestSchema,
  GenerationDetailSchema,
  GenerationParamsSchema,
  HoldOutcomeSchema,
  HoldReferencesSchema,
  Id,
  ImportedNearSchema,
  ImportFileSchema,
  InspectBatchFileSchema,
  JobProgressSchema,
  JobSchema,
  JobSetSchema,
  KeyStatusSchema,
  LibraryQuerySchema,
  MeaningSearchSchema,
  MeaningStatusSchema,
  ModelIdSchema,
  ModelsSchema,
  ModelTierSchema,
  OpenedFilesSchema,
  PromptHistoryItemSchema,
  PromptQuerySchema,
  PromptSchema,
  QueueStatusSchema,
  ReferenceSchema,
  ReleaseReferencesSchema,
  RemoveElementImageSchema,
  RenameElementSchema,
  RenamePromptSchema,
  RenameSmartCollectionSchema,
  ResolvedDuplicatesSchema,
  ResolveDuplicatesSchema,
  SavedPromptSchema,
  SavePromptSchema,
  SeriesDraftSchema,
  SeriesExportSchema,
  SeriesPanelRefSchema,
  SeriesSchema,
  SeriesSummarySchema,
  SettingsPatchSchema,
  SettingsSchema,
  SimilarSchema,
  SmartCollectionSchema,
  StatsQuerySchema,
  UpdateElementSchema,
  UpdateStatusSchema,
  UsageSummarySchema,
} from '../domain';


export * from '../domain';

// ---------------------------------------------------------------------------
// Routes: `domain.action` → input and output schemas

const Empty = z.object({}).strict().optional();
const ApiKeyInput = z
  .string()
  .trim()
  .min(1, 'Paste your Gemini API key.')
  .max(512, 'That does not look like an API key.')
  .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces or special characters.');

const Ids = z.array(Id).min(1).max(10_000);

export const routes = {
  'app.info': {
    input: Empty,
    output: z.object({ version: z.string(), platform: z.string() }),
  },
  /** Things to tell the user that happened before the window was listening (e.g. migrations at start). */
  'app.notices': { input: Empty, output: z.array(z.object({ kind: z.enum(['info', 'warning']), message: z.string() })) },
  /** Opens an https link the user clicked (grounding sources) in the system browser. */
  'app.openExternal': {
    input: z
      .object({
        url: z.string().max(4096).url().startsWith('https://', 'Only https links open.'),
        /** The generation whose cited sources the link is among; such links open without a question. */
        generationId: Id.optional(),
      })
      .strict(),
    /** opened: false when the user declined main's confirmation. */
    output: z.object({ opened: z.boolean() }),
  },
  /** Auto-update: where it stands, and "Restart to update" once an update is downloaded. */
  'updates.status': { input: Empty, output: UpdateStatusSchema },
  'updates.restart': { input: Empty, output: z.object({}) },
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
  /** Variations: `count` jobs of one request, enqueued together as one set. */
  'generate.startSet': { input: GenerateSetRequestSchema, output: JobSetSchema },
  /** Every job of a set, oldest first (works after a restart). */
  'jobs.set': { input: z.object({ setId: Id }).strict(), output: z.array(JobSchema) },
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
  /** Moves waiting (and model-gone failed) one-shot jobs from a model to another, by default its successor. */
  'queue.switchModel': {
    input: z.object({ fromModelId: ModelIdSchema, toModelId: ModelIdSchema.optional() }).strict(),
    output: z.object({ moved: z.number().int(), toModelId: z.string() }),
  },

  'generation.get': { input: z.object({ id: Id }).strict(), output: GenerationDetailSchema },

  'chat.list': { input: Empty, output: z.array(ConversationSummarySchema) },
  'chat.create': {
    input: z.object({ tier: ModelTierSchema, modelId: ModelIdSchema.optional(), title: z.string().trim().min(1).max(200).optional() }).strict(),
    output: ConversationSchema,
  },
  'chat.get': { input: z.object({ id: Id }).strict(), output: ConversationSchema },
  /** Continues a chat on another model (a deprecated or gone model's successor by default). */
  'chat.moveToModel': { input: z.object({ id: Id, modelId: ModelIdSchema.optional() }).strict(), output: ConversationSchema },
  /** A new conversation with the turns up to this one ("Branch from here"). */
  'chat.branch': { input: z.object({ conversationId: Id, turnIndex: z.number().int().min(0).max(100_000) }).strict(), output: ConversationSchema },
  /** Sends the next user turn; the answer arrives as a job, then as a model turn. */
  'chat.send': {
    input: GenerationParamsSchema.extend({ conversationId: Id, prompt: PromptSchema, references: z.array(ReferenceSchema).max(64).default([]) }).strict(),
    output: JobSchema,
  },

  'batch.submit': {
    // The Batch API has its own price (half); a service tier is for synchronous calls only.
    input: GenerationParamsSchema.omit({ references: true, serviceTier: true })
      .extend({
        prompts: z.array(PromptSchema).min(1, 'Add at least one prompt.').max(200, 'A batch holds at most 200 prompts.'),
        /** Per prompt, by index: the library images and Elements its `@Names` chose (absent: text only). */
        lines: z.array(BatchLineSchema).max(200).optional(),
        tier: ModelTierSchema,
        modelId: ModelIdSchema.optional(),
      })
      .strict(),
    output: JobSchema,
  },

  /** Reads and checks a dropped CSV or JSONL (nothing is sent): the preview, the problems by row and column, the cost. */
  'batchFile.inspect': { input: InspectBatchFileSchema, output: BatchFilePlanSchema },
  /** Sends an inspected file as a Batch API job: references, JSONL, upload, batch, results. */
  'batchFile.start': { input: z.object({ planId: Id }).strict(), output: FileBatchSchema },
  'batchFile.list': { input: Empty, output: z.array(FileBatchSchema) },
  'batchFile.cancel': { input: z.object({ id: Id }).strict(), output: FileBatchSchema },
  'batchFile.failures': { input: z.object({ id: Id, limit: z.number().int().min(1).max(10_000).default(500) }).strict(), output: z.array(FailedRowSchema) },
  /** The failed rows of a batch, as a new, smaller batch. */
  'batchFile.rerunFailed': { input: z.object({ id: Id }).strict(), output: FileBatchSchema },
  'usage.summary': { input: z.object({ days: z.number().int().min(1).max(366).default(30) }).strict().optional(), output: UsageSummarySchema },

  'library.get': { input: z.object({ id: Id }).strict(), output: AssetDetailSchema },
  /** The background reading of older images' content credentials: its progress, or pause / resume it. */
  'library.credentialsPass': { input: BackgroundActionSchema, output: BackgroundProgressSchema },
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
    // embedMetadata: write Atelier's record into files that carry content credentials, removing them
    // (the user's explicit choice); otherwise those files go out untouched with an XMP sidecar.
    input: z.object({ ids: Ids, sidecar: z.boolean().default(false), embedMetadata: z.boolean().default(false) }).strict(),
    output: z.object({ folder: z.string().nullable(), written: z.array(z.string()), credentialsKept: z.number().int().default(0) }),
  },
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

  /**
   * The Import buttons: main shows its own file dialog and imports what the user chose, so these
   * paths come from the user, never from the window. `unavailable` where main has no dialog (a
   * plain browser): the window then uses its own file input, which sends bytes.
   */
  'library.importPicked': {
    input: z.object({ kind: z.enum(['files', 'folder']), importId: Id }).strict(),
    output: z.object({
      outcome: z.enum(['imported', 'cancelled', 'unavailable']),
      imported: z.array(AssetSummarySchema.extend({ duplicate: z.boolean() })),
      rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  /** Imports image files or whole folders (dropped from the desktop, or chosen). Each file is checked on its own. */
  'library.import': {
    input: z.object({ files: z.array(ImportFileSchema).min(1).max(10_000), importId: Id.optional() }).strict(),
    output: z.object({
      imported: z.array(AssetSummarySchema.extend({ duplicate: z.boolean() })),
      rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },

  /** Runs one prompt on 2–4 contenders; all are checked (model, budget) before any is queued. */
  'compare.start': { input: CompareStartSchema, output: ComparisonSchema },
  /** What each contender would cost and whether its model takes it, before starting. */
  'compare.estimate': {
    input: CompareStartSchema,
    output: z.object({ contenders: z.array(z.object({ label: z.string(), modelId: z.string(), estimateUsd: z.number(), problem: z.string().nullable() })), totalUsd: z.number() }),
  },
  'compare.get': { input: z.object({ id: Id }).strict(), output: ComparisonSchema },
  'compare.list': { input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict().optional(), output: z.array(ComparisonSummarySchema) },
  'compare.cancel': { input: z.object({ id: Id }).strict(), output: ComparisonSchema },
  'compare.vote': { input: CompareVoteSchema, output: ComparisonSchema },
  'compare.stats': { input: StatsQuerySchema, output: CompareStatsSchema },
  /** The comparison an image came from (for its lineage), or null. */
  'compare.forAsset': { input: z.object({ assetId: Id }).strict(), output: AssetComparisonSchema.nullable() },

  /** A photo for the edit canvas (dropped, pasted or chosen), as bytes; GIF, HEIC and damaged files are handled here. */
  'edit.import': { input: z.object({ name: z.string().min(1).max(1024), dataBase64: z.string().min(1).max(140 * 1024 * 1024) }).strict(), output: EditOpenSchema },
  'edit.open': { input: z.object({ assetId: Id }).strict(), output: EditOpenSchema },
  /** Crop, rotate, flip or expand at full resolution; a new version in the lineage. */
  'edit.transform': {
    input: z.object({ assetId: Id, ops: z.array(EditOpSchema).min(1).max(50) }).strict(),
    output: EditOpenSchema.extend({ placedAt: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }).nullable() }),
  },
  /** Turns marks into request inputs; send the draft with generate.start or compare.start. */
  'edit.prepare': { input: EditPrepareSchema, output: EditDraftSchema },

  /** Dropped or pasted photos become this request's own inputs, not library images (yet). */
  /** Named references (Elements): a person, object or style and its library images. */
  'elements.list': { input: Empty, output: z.array(ElementSchema) },
  'elements.create': { input: CreateElementSchema, output: ElementSchema },
  'elements.rename': { input: RenameElementSchema, output: ElementSchema },
  'elements.delete': { input: DeleteElementSchema, output: z.object({}) },
  /** Name, kind and description of an existing Element. */
  'elements.update': { input: UpdateElementSchema, output: ElementSchema },
  /** Library images added after the Element's own (one already there is kept once). */
  'elements.addImages': { input: AddElementImagesSchema, output: ElementSchema },
  /** Takes one image out of the Element (it stays in the library); never its last. */
  'elements.removeImage': { input: RemoveElementImageSchema, output: ElementSchema },
  'references.hold': { input: HoldReferencesSchema, output: z.object({ outcomes: z.array(HoldOutcomeSchema) }) },
  /** A chip removed before generating: its photo goes, unless a job still needs it. */
  'references.release': { input: ReleaseReferencesSchema, output: z.object({ released: z.number().int() }) },
  /** Groups of near-identical images at a level (exact / near / similar), each with its suggested keeper. */
  'duplicates.groups': { input: z.object({ level: DuplicateLevelSchema }).strict(), output: DuplicateGroupsSchema },
  /** Keeps each group's keeper and moves the rest to the trash, after a pixel check of each against its keeper. */
  'duplicates.resolve': { input: ResolveDuplicatesSchema, output: ResolvedDuplicatesSchema },
  /** "Similar": an image's near-duplicates, then its look-alikes. */
  'duplicates.similar': { input: z.object({ id: Id }).strict(), output: SimilarSchema },
  /** After an import: which of these images were already in the library, near-identical. */
  'duplicates.checkImported': { input: z.object({ ids: Ids }).strict(), output: ImportedNearSchema },
  /** The background fingerprinting of the library: where it is, and pausing or resuming it. */
  /** Search by meaning: whether it is on, how far the embedding is and what the rest would cost. */
  'meaning.status': { input: Empty, output: MeaningStatusSchema },
  /** The pictures nearest in meaning to the words (one embedding call for the words). */
  'meaning.search': { input: z.object({ text: z.string().trim().min(1, 'Type what you are looking for.').max(500) }).strict(), output: MeaningSearchSchema },
  'duplicates.backfill': { input: z.object({ action: z.enum(['status', 'pause', 'resume']) }).strict(), output: FingerprintProgressSchema },
  /** The prompt library: saved prompts with their whole request, searched by name, tag or words. */
  'prompts.list': { input: PromptQuerySchema, output: z.object({ saved: z.array(SavedPromptSchema) }) },
  'prompts.save': { input: SavePromptSchema, output: SavedPromptSchema },
  'prompts.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  'prompts.rename': { input: RenamePromptSchema, output: SavedPromptSchema },
  /** Prompts sent before (studio generations), newest first, once each; `text` narrows by words. */
  'prompts.history': {
    input: PromptQuerySchema.extend({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ prompts: z.array(PromptHistoryItemSchema) }),
  },
  /** Saved searches with their live counts (each counted when listed). */
  'smartCollections.list': { input: Empty, output: z.array(SmartCollectionSchema) },
  'smartCollections.create': { input: CreateSmartCollectionSchema, output: SmartCollectionSchema },
  'smartCollections.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  'smartCollections.rename': { input: RenameSmartCollectionSchema, output: SmartCollectionSchema },
  /** Series: panel prompts with shared Elements, style, ratio and model, kept with every roll of each panel. */
  'series.list': { input: Empty, output: z.object({ series: z.array(SeriesSummarySchema) }) },
  'series.get': { input: z.object({ id: Id }).strict(), output: SeriesSchema },
  /** Creates (no id) or updates a series' words and choices; panels that remain keep their rolls. */
  'series.save': { input: SeriesDraftSchema, output: SeriesSchema },
  'series.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Every panel afresh, in the series' mode (independent requests, or one chat in order). */
  'series.generate': { input: z.object({ id: Id }).strict(), output: SeriesSchema },
  /** One panel again (in chat mode, from the conversation up to the panel before); the others stay. */
  'series.reroll': { input: SeriesPanelRefSchema, output: SeriesSchema },
  /** Numbered panel files and a contact sheet into a folder the user picks; `folder: null` when cancelled. */
  'series.export': { input: z.object({ id: Id }).strict(), output: SeriesExportSchema },
} as const;

export type RouteName = keyof typeof routes;
export type RouteInput<R extends RouteName> = z.input<(typeof routes)[R]['input']>;
export type RouteParsedInput<R extends RouteName> = z.output<(typeof routes)[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<(typeof routes)[R]['output']>;

// ---------------------------------------------------------------------------
// Events: main → renderer

export const events = {
  'job.updated': JobSchema,
  /** Live thoughts and draft previews of a streamed job (bounded; see PROGRESS_LIMITS). */
  'job.progress': JobProgressSchema,
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
  'updates.status': UpdateStatusSchema,
  /** Files opened with Atelier from the desktop (Open with, a second launch, macOS open-file), now in the library. */
  'app.filesOpened': OpenedFilesSchema,
  /** Something the user should be told once (e.g. a retired model was replaced). */
  'notice': z.object({ kind: z.enum(['info', 'warning']), message: z.string() }),
  /** The catalog changed in main (a model answered 404 and is gone). */
  'models.updated': ModelsSchema,
  'comparison.updated': ComparisonSchema,
  /** A file batch moved on (a stage, progress through it). */
  'batchFile.updated': FileBatchSchema,
  /** The background fingerprinting of the library (near-duplicates), at most a few times a second. */
  'fingerprints.progress': FingerprintProgressSchema,
  'meaning.status': MeaningStatusSchema,
  /** The background reading of older images' content credentials, at most a few times a second. */
  'credentials.progress': BackgroundProgressSchema,
  /** A series moved on in main (a panel's picture came, a chat-mode series sent its next panel). */
  'series.updated': SeriesSchema,
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
  /**
   * Electron only: drags these library images out to the desktop as files. Called from the
   * element's dragstart, which it replaces with the OS drag (electron/ipc/dragOut.ts).
   */
  startDrag?(assetIds: string[]): void;
}
