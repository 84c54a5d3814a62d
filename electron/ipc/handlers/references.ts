import type { DomainHandlers, HandlerDeps } from './deps';

export function referenceHandlers(d: HandlerDeps): DomainHandlers<'references'> {
  return {
    'references.hold': async ({ files }) => ({ outcomes: await d.held.hold(files) }),
    'references.release': ({ sha256s }) => ({ released: d.held.release(sha256s) }),
  };
}
