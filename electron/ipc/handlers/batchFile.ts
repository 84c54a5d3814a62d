import type { DomainHandlers, HandlerDeps } from './deps';

export function batchFileHandlers(d: HandlerDeps): DomainHandlers<'batchFile'> {
  return {
    'batchFile.inspect': (input) => d.batchFiles.inspect(input),
    'batchFile.start': async ({ planId }) => {
      await d.secrets.requireKey();
      return d.batchFiles.start(planId);
    },
    'batchFile.list': () => d.batchFiles.list(),
    'batchFile.cancel': ({ id }) => d.batchFiles.cancel(id),
    'batchFile.failures': ({ id, limit }) => d.batchFiles.failures(id, limit),
    'batchFile.rerunFailed': async ({ id }) => {
      await d.secrets.requireKey();
      return d.batchFiles.rerunFailed(id);
    },
  };
}
