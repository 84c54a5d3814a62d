import type { Job } from '../../../shared/ipc/contract';
import type { BatchService } from '../batch/BatchService';
import type { JobQueue } from '../queue/JobQueue';

/**
 * Cancel and retry mean different things for a job the queue runs and for a Batch API job that
 * Google runs; callers name a job and this picks the service that owns it.
 */
export class JobControl {
  constructor(
    private readonly queue: JobQueue,
    private readonly batch: BatchService,
  ) {}

  private isBatch(id: string): boolean {
    return this.queue.store.row(id).kind === 'batch';
  }

  cancel(id: string): Job | Promise<Job> {
    return this.isBatch(id) ? this.batch.cancel(id) : this.queue.cancel(id);
  }

  retry(id: string): Job | Promise<Job> {
    return this.isBatch(id) ? this.batch.retry(id) : this.queue.retry(id);
  }
}
