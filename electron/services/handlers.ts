import type { RouteHandlers } from '../ipc/router';
import type { BatchService } from './batch/BatchService';
import type { ChatService } from './chat/ChatService';
import type { DesktopShell } from './desktop/DesktopShell';
import { AppError } from './errors';
import type { EventBus } from './events';
import type { ModelCatalog } from './gemini/ModelCatalog';
import type { GenerationService } from './generation/GenerationService';
import { checkLibrary } from './library/check';
import { exportAssets } from './library/Exporter';
import { copyLibrary } from './library/relocate';
import type { Importer } from './library/Importer';
import type { Library } from './library/Library';
import type { Organiser } from './library/Organiser';
import type { JobQueue } from './queue/JobQueue';
import type { SecretStore } from './secrets/SecretStore';
import type { Settings } from './settings/Settings';
import type { UsageService } from './usage/UsageService';

export interface HandlerDeps {
  appVersion: string;
  platform: string;
  secrets: SecretStore;
  settings: Settings;
  catalog: ModelCatalog;
  generation: GenerationService;
  queue: JobQueue;
  chat: ChatService;
  batch: BatchService;
  usage: UsageService;
  library: Library;
  organiser: Organiser;
  importer: Importer;
  events: EventBus;
  desktop: DesktopShell;
  startupNotices: Array<{ kind: 'info' | 'warning'; message: string }>;
  userDataDir: string;
  libraryDir: string;
  /** When this run of the app started (the self-check judges only files from before). */
  startedAt: number;
  /** Opens an https URL in the system browser (Electron's shell.openExternal). */
  openExternal: (url: string) => Promise<void>;
}

async function requireKey(secrets: SecretStore): Promise<void> {
  if (!(await secrets.getKey())) throw new AppError('no_key', 'Add your Gemini API key before generating.');
}

function fileOrThrow(library: Library, id: string): string {
  const f = library.fileOf(id, 'original');
  if (!f) throw new AppError('not_found', 'That image is no longer in the library.');
  return f.path;
}

/** Maps each contract route to service calls. Inputs arrive already validated by the router. */
export function createHandlers(d: HandlerDeps): RouteHandlers {
  const isBatch = (id: string) => d.queue.store.row(id).kind === 'batch';
  return {
    'app.info': () => ({ version: d.appVersion, platform: d.platform }),
    'app.notices': () => d.startupNotices.splice(0),
    'app.openExternal': async ({ url }) => {
      await d.openExternal(url);
      return {};
    },

    'key.status': () => d.secrets.status(),
    'key.test': async ({ key }) => {
      const models = await d.catalog.refresh(key);
      return { imageModels: models.models.map((m) => m.id) };
    },
    'key.save': async ({ key }) => {
      // Never store a key Gemini rejects; refreshing also primes the tier → model table.
      await d.catalog.refresh(key);
      const status = await d.secrets.setKey(key);
      d.events.emit('key.changed', status);
      return status;
    },
    'key.clear': async () => {
      const status = await d.secrets.clear();
      d.events.emit('key.changed', status);
      return status;
    },

    'settings.get': () => d.settings.get(),
    'settings.update': (patch) => {
      const next = d.settings.update(patch);
      d.queue.pump(); // new quotas or capacity apply at once
      return next;
    },

    'models.list': async (input) => (input?.refresh ? d.catalog.refresh() : d.catalog.get()),

    'generate.start': async (request) => {
      await requireKey(d.secrets);
      const modelId = d.generation.prepare(request);
      return d.queue.enqueue('generate', request, { modelId });
    },
    'jobs.list': (input) => d.queue.list(input?.limit ?? 100),
    'jobs.cancel': ({ id }) => (isBatch(id) ? d.batch.cancel(id) : d.queue.cancel(id)),
    'jobs.retry': ({ id }) => (isBatch(id) ? d.batch.retry(id) : d.queue.retry(id)),
    'jobs.pause': ({ id }) => d.queue.pauseJob(id),
    'jobs.resume': ({ id }) => d.queue.resumeJob(id),
    'jobs.reorder': ({ id, beforeId, priority }) => d.queue.reorder(id, beforeId, priority),
    'queue.status': () => d.queue.status(),
    'queue.pause': () => d.queue.pauseAll(),
    'queue.resume': () => d.queue.resumeAll(),

    'generation.get': ({ id }) => d.library.generation(id),

    'chat.list': () => d.chat.list(),
    'chat.create': ({ tier, modelId, title }) => d.chat.create(tier, modelId, title),
    'chat.get': ({ id }) => d.chat.get(id),
    'chat.branch': ({ conversationId, turnIndex }) => d.chat.branch(conversationId, turnIndex),
    'chat.send': async (input) => {
      await requireKey(d.secrets);
      return d.chat.send(input);
    },

    'batch.submit': async (input) => {
      await requireKey(d.secrets);
      return d.batch.submit(input);
    },

    'usage.summary': (input) => d.usage.summary(input?.days ?? 30),

    'library.search': (query) => d.library.search(query),
    'library.get': ({ id }) => d.library.get(id),
    'library.update': ({ ids, rating, favorite }) => {
      const updated = d.organiser.update(ids, { rating, favorite });
      d.events.emit('library.changed', { ids });
      return { updated };
    },
    'library.tag': ({ ids, add, remove }) => {
      const updated = d.organiser.tag(ids, add, remove);
      d.events.emit('library.changed', { ids });
      return { updated };
    },
    'library.trash': ({ ids }) => {
      const trashed = d.organiser.trash(ids);
      d.events.emit('library.changed', { ids });
      return { trashed };
    },
    'library.restore': ({ ids }) => {
      const restored = d.organiser.restore(ids);
      d.events.emit('library.changed', { ids });
      return { restored };
    },
    'library.emptyTrash': () => {
      const res = d.organiser.emptyTrash();
      d.events.emit('library.changed', { ids: [] });
      return res;
    },
    'library.export': async ({ ids, sidecar }) => {
      const folder = await d.desktop.chooseFolder();
      if (!folder) return { folder: null, written: [] };
      return { folder, written: await exportAssets(d.library, ids, folder, { sidecar }) };
    },
    'library.startDrag': ({ ids }) => {
      const paths = ids.map((id) => d.library.fileOf(id, 'original')?.path).filter((p): p is string => !!p);
      const icon = d.library.fileOf(ids[0]!, 'thumb')?.path;
      if (paths.length && icon) d.desktop.startDrag(paths, icon);
      return {};
    },
    'library.copy': async ({ id }) => {
      await d.desktop.copyImage(fileOrThrow(d.library, id));
      return {};
    },
    'library.open': async ({ id }) => {
      await d.desktop.openPath(fileOrThrow(d.library, id));
      return {};
    },
    'library.reveal': ({ id }) => {
      d.desktop.showInFolder(fileOrThrow(d.library, id));
      return {};
    },
    'library.check': () => checkLibrary(d.library.db, d.library.store, d.startedAt),
    'library.import': ({ files, importId }) => d.importer.run(files, importId),
    'library.location': () => ({ dir: d.libraryDir }),
    'library.move': async () => {
      const parent = await d.desktop.chooseFolder('move-library');
      if (!parent) return { movedTo: null };
      // Nothing may change while the copy is made: no jobs land, then the app restarts on the copy.
      d.queue.pauseAll();
      await d.queue.whenIdle();
      const movedTo = await copyLibrary(d.library.db, d.libraryDir, parent, d.userDataDir);
      d.desktop.relaunch();
      return { movedTo };
    },
    'library.cancelImport': ({ importId }) => {
      d.importer.cancel(importId);
      return {};
    },

    'collections.list': () => d.organiser.collections(),
    'collections.create': ({ name }) => d.organiser.createCollection(name),
    'collections.rename': ({ id, name }) => d.organiser.renameCollection(id, name),
    'collections.delete': ({ id }) => {
      d.organiser.deleteCollection(id);
      return {};
    },
    'collections.add': ({ id, assetIds }) => {
      const c = d.organiser.addToCollection(id, assetIds);
      d.events.emit('library.changed', { ids: assetIds });
      return c;
    },
    'collections.remove': ({ id, assetIds }) => {
      const c = d.organiser.removeFromCollection(id, assetIds);
      d.events.emit('library.changed', { ids: assetIds });
      return c;
    },
  };
}
