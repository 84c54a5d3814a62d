import type { DomainHandlers, HandlerDeps } from './deps';

export function appHandlers(d: HandlerDeps): DomainHandlers<'app'> {
  return {
    'app.info': () => ({ version: d.appVersion, platform: d.platform }),
    'app.notices': () => d.startupNotices.splice(0),
    'app.openExternal': async ({ url }) => {
      await d.openExternal(url);
      return {};
    },
  };
}
