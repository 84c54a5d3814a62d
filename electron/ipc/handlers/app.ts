import { openLink } from '../../services/desktop/links';
import type { DomainHandlers, HandlerDeps } from './deps';

export function appHandlers(d: HandlerDeps): DomainHandlers<'app'> {
  return {
    'app.info': () => ({ version: d.appVersion, platform: d.platform }),
    'app.notices': () => d.startupNotices.splice(0),
    'app.openExternal': async ({ url, generationId }) => ({
      opened: await openLink(url, {
        isCitedSource: (u) => {
          if (!generationId) return false;
          try {
            return !!d.library.generation(generationId).grounding?.sources.some((s) => s.uri === u);
          } catch {
            return false; // an unknown generation cites nothing
          }
        },
        confirm: (req) => d.desktop.confirm(req),
        open: d.openExternal,
      }),
    }),
  };
}
