import type { DomainHandlers, HandlerDeps } from './deps';

export function settingsHandlers(d: HandlerDeps): DomainHandlers<'settings' | 'models'> {
  return {
    'settings.get': () => d.settings.get(),
    'settings.update': async (patch) => {
      const next = await d.settings.updateFromWindow(patch, (req) => d.desktop.confirm(req));
      d.queue.pump(); // new quotas or capacity apply at once
      if (patch.searchByMeaning !== undefined) d.meaning.settingChanged();
      return next;
    },
    'models.list': async (input) => (input?.refresh ? d.catalog.refresh() : d.catalog.get()),
  };
}
