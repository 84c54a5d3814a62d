import type { EventBus } from '../events';
import type { JobQueue } from './JobQueue';

/**
 * Moves one-shot jobs from a model to another (a deprecated or gone model's successor): those
 * waiting or paused, and those that failed because the model was gone, which run again. Chat
 * jobs move with their chat (ChatService.moveToModel), which also handles their signatures.
 * Returns how many jobs moved.
 */
export function switchJobsModel(queue: JobQueue, events: EventBus, fromModelId: string, toModelId: string): number {
  let moved = 0;
  for (const state of ['queued', 'paused', 'failed'] as const) {
    for (const row of queue.store.inState(state, ['generate'])) {
      if (row.model_id !== fromModelId) continue;
      if (state === 'failed' && row.error_code !== 'model_not_found') continue;
      queue.store.update(row.id, { model_id: toModelId });
      moved += 1;
      if (state === 'failed') queue.retry(row.id);
      else events.emit('job.updated', queue.get(row.id));
    }
  }
  queue.pump();
  return moved;
}
