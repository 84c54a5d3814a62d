import type { DomainHandlers, HandlerDeps } from './deps';

export function updateHandlers(d: HandlerDeps): DomainHandlers<'updates'> {
  return {
    'updates.status': () => d.updates.status(),
    'updates.restart': async () => {
      await d.updates.restart();
      return {};
    },
  };
}
