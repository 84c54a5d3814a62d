/**
 * Builds every main-process service. Electron's main.ts and the test harness both call this,
 * passing what differs between them (the keychain service name, the encryptor, the renderer's
 * origin), so the app and its tests run the same code. Plain Node: no electron import.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GenerateRequest } from '../shared/domain/generation';
import { createDragOut, type DragRequest } from './ipc/dragOut';
import { createRouter, type Router } from './ipc/router';
import { BatchService } from './services/batch/BatchService';
import { FileBatchService } from './services/batch/file/FileBatchService';
import { ChatHistory } from './services/chat/ChatHistory';
import { ChatService } from './services/chat/ChatService';
import { CompareService } from './services/compare/CompareService';
import { EditService } from './services/edit/EditService';
import { EditCompositor } from './services/edit/EditCompositor';
import { EventBus } from './services/events';
import { GeminiGateway } from './services/gemini/GeminiGateway';
import { ModelCatalog } from './services/gemini/ModelCatalog';
import { GenerationService } from './services/generation/GenerationService';
import { RequestPolicy } from './services/generation/RequestPolicy';
import { createHandlers } from './ipc/handlers';
import { JobControl } from './services/jobs/JobControl';
import { noDesktop, type DesktopShell } from './services/desktop/DesktopShell';
import { ImageHelper, type LaunchHelper } from './services/images/ImageHelper';
import { LibraryChecker } from './services/library/checkInWorker';
import { ContentStore } from './services/library/ContentStore';
import { Importer } from './services/library/Importer';
import { Organiser } from './services/library/Organiser';
import { finishMove, libraryDirOf } from './services/library/relocate';
import { openDatabase, type Db } from './services/db/db';
import { Library } from './services/library/Library';
import { Thumbnailer } from './services/library/Thumbnailer';
import { Duplicates } from './services/finding/Duplicates';
import { Fingerprints } from './services/finding/Fingerprints';
import { CredentialsPass } from './services/library/CredentialsPass';
import { ProvenTiers } from './services/gemini/ProvenTiers';
import { Meaning } from './services/finding/Meaning';
import { PromptLibrary } from './services/prompts/PromptLibrary';
import { SeriesService } from './services/series/SeriesService';
import { SmartCollections } from './services/library/SmartCollections';
import { WalCheckpointer } from './services/db/WalCheckpointer';
import { HeldInputs } from './services/references/HeldInputs';
import { Elements } from './services/references/Elements';
import { createFileLogger, errorMeta, type Logger } from './services/logger';
import { createAppRequestHandler, type AppRequestHandler } from './services/protocol/appRequestHandler';
import { systemClock, type Clock } from './services/clock';
import { DoneNotifier } from './services/queue/DoneNotifier';
import { JobQueue, type Connectivity, type Notifier } from './services/queue/JobQueue';
import { SpendGate } from './services/queue/SpendGate';
import type { BackoffPolicy } from './services/queue/backoff';
import type { ShedPolicy } from './services/queue/FlexShed';
import { loadKeytar, SecretStore, type Encryptor, type Keychain } from './services/secrets/SecretStore';
import { Settings } from './services/settings/Settings';
import { openFiles } from './services/shell/openFiles';
import { UpdateService, type Updater } from './services/updates/UpdateService';
import { UsageService } from './services/usage/UsageService';
import { takeOverSettings } from './services/settings/handover';
import type { OpenedFiles } from '../shared/domain/updates';
import { Disposables } from './services/disposables';

export interface AtelierOptions {
  userDataDir: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Origin the renderer is served from; calls from any other origin are refused. */
  trustedOrigin: () => string;
  appVersion: string;
  platform?: string;
  /** Keychain service name. Tests pass their own so they never touch a user's real key. */
  keychainService?: string;
  /** Omit to load keytar; null for "no keychain on this machine". */
  keychain?: Keychain | null;
  encryptor: Encryptor | null;
  /** PEM certificates a content credential's signer must chain to for "valid"; default the bundled C2PA trust list (library/trustList.ts). Tests pass c2pa-rs's test roots. */
  trustAnchors?: readonly string[];
  env?: { GEMINI_API_KEY?: string | undefined; GEMINI_BASE_URL?: string | undefined };
  /** better-sqlite3 binary for the running runtime (Electron's ABI in the app). */
  sqliteNativeBinding?: string;
  clock?: Clock;
  /** Electron-only pieces, passed in as interfaces. */
  /** Starts the image helper process: `utilityProcess.fork` in Electron; omitted, `child_process.fork`. */
  launchImageHelper?: LaunchHelper;
  notifier?: Notifier;
  isWindowFocused?: () => boolean;
  connectivity?: Connectivity;
  openExternal?: (url: string) => Promise<void>;
  desktop?: DesktopShell;
  /** Tuning for tests and benchmarks: quota window, retry backoff, batch polling. */
  queueWindowMs?: number;
  backoff?: BackoffPolicy;
  /** How long a shed Flex call waits before it is tried again, and when it may move to Standard. */
  shedPolicy?: ShedPolicy;
  batchPollMs?: number;
  /** Upload chunk size for batch files (tests make it small to see progress and resumption). */
  batchFileChunkBytes?: number;
  /** Overrides the per-request deadline settings (tests of the deadline itself). */
  requestDeadlineMs?: number;
  /** How long after the queue's last job ends background thumbnails still wait (tests hold them back). */
  thumbnailQuietMs?: number;
  /** Imports with more files than this leave thumbnails for when they are first shown. */
  lazyThumbnailsAbove?: number;
  /** Shuffles blind comparisons; tests pass a seeded one. */
  random?: () => number;
  /** How long after start the library checks itself (0 in tests). */
  libraryCheckDelayMs?: number;
  /** electron-updater in a packaged app; omitted (updates off) in development and tests, or a fake. */
  updater?: Updater | null;
  /** Why updates are off in this build, when they are (services/updates/updatePolicy.ts). */
  updatesOffReason?: string | null;
  /** Delay of the first update check after start. */
  updateFirstCheckMs?: number;
  /**
   * Carry on the background work over the existing library at start (fingerprints, content
   * credentials; meaning vectors when search by meaning is on). The app's start-up asks for it; tests leave it off
   * unless they test it, so a suite does not pay for it. New pictures are handled as they arrive either way.
   */
  startBackfill?: boolean;
}

export interface Atelier {
  router: Router;
  handleRequest: AppRequestHandler;
  events: EventBus;
  logger: Logger;
  secrets: SecretStore;
  settings: Settings;
  queue: JobQueue;
  batch: BatchService;
  library: Library;
  db: Db;
  updates: UpdateService;
  /** "Open with Atelier": imports image paths the OS handed over and tells the window to show them. */
  openFiles(paths: readonly string[]): Promise<OpenedFiles>;
  /** A drag of library images out to the desktop, asked for by the window (ids, never paths). */
  dragOut(request: DragRequest): boolean;
  compare: CompareService;
  dispose(): Promise<void>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Atelier';

export async function createAtelier(o: AtelierOptions): Promise<Atelier> {
  const env = o.env ?? {};
  const startedAt = Date.now();
  fs.mkdirSync(o.userDataDir, { recursive: true });
  // The logger masks the current key even if some error message were to carry it.
  let knownKey: string | null = null;
  const logger = createFileLogger(path.join(o.userDataDir, 'logs'), () => (knownKey ? [knownKey] : []));

  const keychain = o.keychain === undefined ? await loadKeytar(logger) : o.keychain;
  const secrets = new SecretStore({
    keychain,
    service: o.keychainService ?? DEFAULT_KEYCHAIN_SERVICE,
    encryptedFile: path.join(o.userDataDir, 'gemini-key.enc'),
    encryptor: o.encryptor,
    envKey: env.GEMINI_API_KEY,
    logger,
  });
  const getKey = async () => (knownKey = await secrets.getKey());

  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  const settings = new Settings(path.join(o.userDataDir, 'settings.json'), env, logger);
  // The queue's clock, so an HTTP-date Retry-After is measured on the same time the queue waits on.
  const gateway = new GeminiGateway({ getKey, getBaseUrl: () => settings.apiBaseUrl(), now, letGoogleKeepRequests: () => settings.get().letGoogleKeepRequests });
  const events = new EventBus();
  const catalog = new ModelCatalog(
    gateway,
    path.join(o.userDataDir, 'models-cache.json'),
    logger,
    now,
    (message) => events.emit('notice', { kind: 'info', message }),
    (models) => events.emit('models.updated', models),
  );

  const libraryDir = libraryDirOf(o.userDataDir);
  fs.mkdirSync(libraryDir, { recursive: true });
  // Everything with a life of its own is registered as it is built and disposed in reverse.
  const owned = new Disposables();
  owned.add(logger, (l) => l.info('atelier: services stopped'));
  const dbFile = path.join(libraryDir, 'atelier.sqlite');
  const db = owned.add(openDatabase(dbFile, o.sqliteNativeBinding ? { nativeBinding: o.sqliteNativeBinding } : {}), (d) => void d.close());
  catalog.useProofs(new ProvenTiers(db, now));
  takeOverSettings(db, settings);
  // WAL checkpoints (a copy and an fsync) on a worker thread of their own, not in a job's commit.
  owned.add(new WalCheckpointer({ dbFile, nativeBinding: o.sqliteNativeBinding }), (c) => c.dispose()).start(db);
  // The self-check's worker thread opens its own read-only connection to the same file.
  const checker = owned.add(new LibraryChecker({ dbFile, root: libraryDir, nativeBinding: o.sqliteNativeBinding }), (c) => c.stop());
  // Thumbnails of results are made in the background once the queue is quiet (or when first
  // shown). Registered before everything that hands it work, so it stops after all of them.
  // Every piece of pixel work (sharp, libvips) runs in a helper process, started on first use: a
  // libvips fault ends the helper, never main. Registered before its users, so it stops after them.
  const images = owned.add(new ImageHelper({ ...(o.launchImageHelper ? { launch: o.launchImageHelper } : {}), logger }), (h) => h.dispose());
  const store = new ContentStore(libraryDir, images);
  const thumbnails = owned.add(new Thumbnailer(store, { logger }), (t) => t.dispose());
  const library = new Library(db, store, now, thumbnails, o.trustAnchors);
  const held = new HeldInputs(db, library, now, logger);
  const usage = new UsageService(db, now, () => settings.get().monthlyBudgetUsd);
  const startupNotices: Array<{ kind: 'info' | 'warning'; message: string }> = [];
  const elements = new Elements(db, now);
  const policy = new RequestPolicy({ catalog, settings, usage, held, elements, library, events, startupNotices });
  const generation = new GenerationService({
    library, held, gateway, catalog, policy, settings, events, clock,
    chat: new ChatHistory(db, library, events, held),
    compositor: new EditCompositor(db, library),
    ...(o.requestDeadlineMs ? { requestDeadlineMs: o.requestDeadlineMs } : {}),
  });
  const organiser = new Organiser(db, library.index, library.store, now, events);
  const importer = new Importer(library, events, o.lazyThumbnailsAbove, logger);
  const done = new DoneNotifier({ notifier: o.notifier, isWindowFocused: o.isWindowFocused, enabled: () => settings.get().notifyWhenDone });
  const queue = owned.add(new JobQueue({
    db,
    clock,
    events,
    logger,
    settings: () => settings.get(),
    executor: generation.execute,
    gate: new SpendGate(
      () => settings.get().spendPer10MinUsd,
      (row) => policy.estimate(policy.capabilities(row.model_id!), JSON.parse(row.request_json) as GenerateRequest),
    ),
    ...(o.queueWindowMs ? { windowMs: o.queueWindowMs } : {}),
    ...(o.backoff ? { backoff: o.backoff } : {}),
    ...(o.shedPolicy ? { shedPolicy: o.shedPolicy } : {}),
    ...(o.connectivity ? { connectivity: o.connectivity } : {}),
    done,
  }), (q) => q.dispose());
  // A file batch's import is a burst of results too (batchFiles is made below; this runs later).
  thumbnails.yieldTo(() => Math.max(queue.busyFor(o.thumbnailQuietMs), batchFiles.busyFor()));
  const chat = new ChatService(db, library, policy, queue, events, now, held);
  const batch = owned.add(new BatchService({
    db, store: queue.store, gateway, policy, library, images: held, events, clock, logger,
    ...(o.batchPollMs ? { pollMs: o.batchPollMs } : {}),
    done,
  }), (b) => b.dispose());

  const batchFiles = owned.add(new FileBatchService({
    db, dir: path.join(o.userDataDir, 'batches'), gateway, library, organiser, events, clock, logger,
    policy: {
      resolve: (tier, modelId) => {
        const id = policy.resolveModel(tier, modelId);
        if (catalog.isGone(id)) throw policy.goneError(id);
        return { modelId: id, caps: policy.capabilities(id) };
      },
      checkBudget: (usd) => policy.checkBudget(usd),
    },
    ...(o.batchPollMs ? { pollMs: o.batchPollMs, maxPollMs: o.batchPollMs * 4 } : {}),
    ...(o.batchFileChunkBytes ? { chunkBytes: o.batchFileChunkBytes } : {}),
  }), (b) => b.dispose());

  const updates = owned.add(new UpdateService({
    updater: o.updater ?? null,
    offReason: o.updatesOffReason ?? null,
    clock,
    events,
    logger,
    ...(o.updateFirstCheckMs !== undefined ? { firstCheckMs: o.updateFirstCheckMs } : {}),
  }), (u) => u.dispose());
  const compare = owned.add(new CompareService({
    db, queue, progress: generation, policy, events, clock,
    ...(o.random ? { random: o.random } : {}),
  }), (c) => c.dispose());
  const edit = new EditService(db, library);
  // The finding indexes are read on a worker thread with its own connection (a million rows took main seconds).
  const indexSource = { dbFile, nativeBinding: o.sqliteNativeBinding };
  // Near-duplicates: every picture's fingerprint, backfilled in the background from the start (when asked).
  const fingerprints = owned.add(new Fingerprints(db, library, images, events, { source: indexSource, logger, now, autoStart: o.startBackfill === true, busyFor: () => batchFiles.busyFor() }), (f) => f.dispose());
  const duplicates = new Duplicates(db, library, organiser, images, fingerprints);
  // Older images' content credentials, read in the background from the start (when asked), like fingerprints.
  const credentialsPass = owned.add(new CredentialsPass(db, library, events, { logger, clock, autoStart: o.startBackfill === true, busyFor: () => Math.max(queue.busyFor(o.thumbnailQuietMs), batchFiles.busyFor()) }), (c) => c.dispose());
  // Search by meaning, when the user turns it on: through the same gateway (key, endpoint, fetch guard).
  const meaning = owned.add(new Meaning(db, library, images, events, {
    source: indexSource,
    sdk: () => gateway.sdk(),
    isOn: () => settings.get().searchByMeaning,
    autoStart: o.startBackfill === true,
    send: (modelId, call, lane) => queue.request(modelId, call, lane),
    mayspend: (usd) => {
      const limit = settings.get().spendPer10MinUsd;
      return limit === null || usd <= limit;
    },
    logger,
    now,
  }), (m) => m.dispose());

  // Listens for its panels' jobs, so it is built before the queue starts and stops before it.
  const series = owned.add(new SeriesService({ db, queue, chat, policy, elements, library, images, events, now, logger }), (s) => s.dispose());

  const router = createRouter({
    handlers: createHandlers({
      appVersion: o.appVersion,
      platform: o.platform ?? process.platform,
      secrets,
      settings,
      catalog,
      policy,
      queue,
      jobs: new JobControl(queue, batch),
      chat,
      batch,
      batchFiles,
      usage,
      library,
      organiser,
      importer,
      held,
      elements,
      events,
      desktop: o.desktop ?? noDesktop,
      startupNotices,
      userDataDir: o.userDataDir,
      libraryDir,
      startedAt,
      checkLibrary: () => checker.run(startedAt),
      openExternal: o.openExternal ?? (async () => {}),
      updates,
      compare,
      edit,
      fingerprints,
      credentialsPass,
      duplicates,
      meaning,
      prompts: new PromptLibrary(db, now),
      smartCollections: new SmartCollections(db, library, now),
      series,
    }),
    trustedOrigin: o.trustedOrigin,
    logger,
  });
  const handleRequest = createAppRequestHandler({ rendererDir: o.rendererDir, assets: library, held, origin: o.trustedOrigin });

  const moved = finishMove(o.userDataDir, libraryDir);
  if (moved) startupNotices.push({ kind: 'info', message: moved });
  // The self-check reads every row and runs PRAGMA quick_check (about 1.5 s at 250,000 images) on
  // a worker thread, just after start-up so it does not compete with the first paint; what it
  // finds arrives as notices.
  let disposed = false;
  const checkTimer = clock.setTimeout(() => {
    void checker
      .run(startedAt)
      .then((check) => {
        if (disposed) return;
        for (const message of [...check.repaired, ...check.problems]) {
          logger.info('library: self-check', { message });
          events.emit('notice', { kind: check.problems.includes(message) ? 'warning' : 'info', message });
        }
      })
      .catch((err: unknown) => {
        if (!disposed) logger.error('library: self-check failed', errorMeta(err));
      });
  }, o.libraryCheckDelayMs ?? 3000);
  owned.add(checkTimer, (t) => {
    disposed = true;
    clock.clearTimeout(t);
  });
  generation.migrateRetired(db);
  // Before the queue starts: a held photo that a waiting job names is in use and stays.
  held.sweep();
  queue.start();
  batch.resume();
  batchFiles.resume();
  void series.resume().catch((err) => logger.warn('series: could not carry on after a restart', errorMeta(err)));
  updates.start();
  logger.info('atelier: services started', { version: o.appVersion });

  return {
    router,
    handleRequest,
    events,
    logger,
    secrets,
    settings,
    queue,
    batch,
    library,
    db,
    updates,
    openFiles: (paths) => openFiles(importer, events, paths),
    dragOut: createDragOut({ library, trustedOrigin: o.trustedOrigin, logger }),
    compare,
    dispose: () => owned.dispose((err) => logger.error('atelier: a service failed to stop', errorMeta(err))),
  };
}
