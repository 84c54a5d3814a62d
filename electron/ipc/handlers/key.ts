import type { DomainHandlers, HandlerDeps } from './deps';

export function keyHandlers(d: HandlerDeps): DomainHandlers<'key'> {
  return {
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
  };
}
