import fs from 'node:fs';
import path from 'node:path';
import type { RouteHandlers } from '../ipc/router';
import type { BatchService } from './batch/BatchService';
import type { ChatService } from './chat/ChatService';
import { AppError, isAppError } from './errors';
import type { EventBus } from './events';
import type { ModelCatalog } from './gemini/ModelCatalog';
import type { GenerationService } from './generation/GenerationService';
import { MAX_IMPORT_BYTES, type Library } from './library/Library';
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
  events: EventBus;
  /** Opens an https URL in the system browser (Electron's shell.openExternal). */
  openExternal: (url: string) => Promise<void>;
}

async function requireKey(secrets: SecretStore): Promise<void> {
  if (!(await secrets.getKey())) throw new AppError('no_key', 'Add your Gemini API key before generating.');
}

/** Maps each contract route to service calls. Inputs arrive already validated by the router. */
export function createHandlers(d: HandlerDeps): RouteHandlers {
  const isBatch = (id: string) => d.queue.store.row(id).kind === 'batch';
  return {
    'app.info': () => ({ version: d.appVersion, platform: d.platform }),
    'app.notices': () => d.generation.startupNotices.splice(0),
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
    'chat.send': async (input) => {
      await requireKey(d.secrets);
      return d.chat.send(input);
    },

    'batch.submit': async (input) => {
      await requireKey(d.secrets);
      return d.batch.submit(input);
    },

    'usage.summary': (input) => d.usage.summary(input?.days ?? 30),

    'library.list': (input) => d.library.list(input ?? {}),
    'library.get': ({ id }) => d.library.get(id),
    'library.import': async ({ files }) => {
      const imported = [];
      const rejected = [];
      for (const f of files) {
        try {
          if (f.path) {
            const stat = await fs.promises.stat(f.path).catch(() => null);
            if (!stat?.isFile()) throw new AppError('bad_file', 'Not a file Atelier can open (a folder, or it was moved).');
            imported.push(await d.library.importImage(path.basename(f.path), () => fs.promises.readFile(f.path!), stat.size));
          } else {
            const size = Math.floor((f.dataBase64!.length * 3) / 4);
            if (size > MAX_IMPORT_BYTES) throw new AppError('bad_file', `Too large; Atelier imports images up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
            imported.push(await d.library.importImage(f.name, async () => Buffer.from(f.dataBase64!, 'base64'), size));
          }
        } catch (err) {
          if (!isAppError(err)) throw err;
          rejected.push({ name: f.name, reason: err.message });
        }
      }
      const fresh = imported.filter((a) => !a.duplicate).map(({ duplicate: _d, ...a }) => a);
      if (fresh.length) d.events.emit('library.added', fresh);
      return { imported, rejected };
    },
  };
}
