import type { RouteHandlers } from '../ipc/router';
import type { ModelCatalog } from './gemini/ModelCatalog';
import type { JobRunner } from './jobs/JobRunner';
import type { Library } from './library/Library';
import type { SecretStore } from './secrets/SecretStore';
import type { Settings } from './settings/Settings';
import type { EventBus } from './events';
import { AppError } from './errors';

export interface HandlerDeps {
  appVersion: string;
  platform: string;
  secrets: SecretStore;
  settings: Settings;
  catalog: ModelCatalog;
  jobs: JobRunner;
  library: Library;
  events: EventBus;
}

/** Maps each contract route to service calls. Inputs arrive already validated by the router. */
export function createHandlers(d: HandlerDeps): RouteHandlers {
  return {
    'app.info': () => ({ version: d.appVersion, platform: d.platform }),

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
    'settings.update': (patch) => d.settings.update(patch),

    'models.list': async (input) => (input?.refresh ? d.catalog.refresh() : d.catalog.get()),

    'generate.start': async (request) => {
      if (!(await d.secrets.getKey())) throw new AppError('no_key', 'Add your Gemini API key before generating.');
      return d.jobs.submit(request);
    },
    'jobs.list': () => d.jobs.list(),

    'library.list': (input) => d.library.list(input ?? {}),
    'library.get': ({ id }) => d.library.get(id),
  };
}
