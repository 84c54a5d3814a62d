import type { DomainHandlers, HandlerDeps } from './deps';

export function jobHandlers(d: HandlerDeps): DomainHandlers<'generate' | 'jobs' | 'queue' | 'generation'> {
  return {
    'generate.start': async (request) => {
      await d.secrets.requireKey();
      const modelId = d.generation.prepare(request);
      return d.queue.enqueue('generate', request, { modelId });
    },
    'jobs.list': (input) => d.queue.list(input?.limit ?? 100),
    'jobs.cancel': ({ id }) => d.jobs.cancel(id),
    'jobs.retry': ({ id }) => d.jobs.retry(id),
    'jobs.pause': ({ id }) => d.queue.pauseJob(id),
    'jobs.resume': ({ id }) => d.queue.resumeJob(id),
    'jobs.reorder': ({ id, beforeId, priority }) => d.queue.reorder(id, beforeId, priority),
    'queue.status': () => d.queue.status(),
    'queue.pause': () => d.queue.pauseAll(),
    'queue.resume': () => d.queue.resumeAll(),
    'generation.get': ({ id }) => d.library.generation(id),
  };
}
