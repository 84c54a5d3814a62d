import { AppError } from '../../services/errors';
import { switchJobsModel } from '../../services/queue/switchModel';
import type { DomainHandlers, HandlerDeps } from './deps';

export function jobHandlers(d: HandlerDeps): DomainHandlers<'generate' | 'jobs' | 'queue' | 'generation'> {
  return {
    'generate.start': async (request) => {
      await d.secrets.requireKey();
      const modelId = d.policy.prepare(request);
      return d.queue.enqueue('generate', request, { modelId });
    },
    'generate.startSet': async ({ count, ...request }) => {
      await d.secrets.requireKey();
      // The budget check covers all N images, so a set is refused whole rather than cut short.
      const modelId = d.policy.prepare(request, { count });
      return d.queue.enqueueSet('generate', request, count, { modelId });
    },
    'jobs.set': ({ setId }) => d.queue.set(setId),
    'jobs.list': (input) => d.queue.list(input?.limit ?? 100),
    'jobs.cancel': ({ id }) => d.jobs.cancel(id),
    'jobs.retry': ({ id }) => d.jobs.retry(id),
    'jobs.pause': ({ id }) => d.queue.pauseJob(id),
    'jobs.resume': ({ id }) => d.queue.resumeJob(id),
    'jobs.reorder': ({ id, beforeId, priority }) => d.queue.reorder(id, beforeId, priority),
    'queue.status': () => d.queue.status(),
    'queue.pause': () => d.queue.pauseAll(),
    'queue.resume': () => d.queue.resumeAll(),
    'queue.switchModel': ({ fromModelId, toModelId }) => {
      const to = toModelId ?? d.catalog.status(fromModelId).successor;
      if (!to) throw new AppError('bad_input', `Atelier knows no successor for ${fromModelId}; pick a model instead.`);
      if (d.catalog.isGone(to)) throw d.policy.goneError(to);
      return { moved: switchJobsModel(d.queue, d.events, fromModelId, to), toModelId: to };
    },
    'generation.get': ({ id }) => d.library.generation(id),
  };
}
