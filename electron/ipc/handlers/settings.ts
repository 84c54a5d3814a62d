import type { DomainHandlers, HandlerDeps } from './deps';

export function settingsHandlers(d: HandlerDeps): DomainHandlers<'settings' | 'models'> {
  return {
    'settings.get': () => d.settings.get(),
    'settings.update': (patch) => {
      const next = d.settings.update(patch);
      d.queue.pump(); // new quotas or capacity apply at once
      return next;
    },
    'models.list': async (input) => (input?.refresh ? d.catalog.refresh() : d.catalog.get()),
  };
}
