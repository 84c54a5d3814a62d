/**
 * What the queue tells the window, without repeats: a job is sent again only when something the
 * window shows of it changed, and the queue's status only when more than its per-minute counters
 * moved. A pass over a long line rewrites little, so it must not flood the bus either.
 */
import type { Job, QueueStatus } from '../../../shared/ipc/contract';
import type { EventBus } from '../events';
import type { JobRow } from './JobStore';

export class JobEvents {
  /** The last emitted key of each job not yet ended. */
  private readonly lastJob = new Map<string, string>();
  private lastStatus = '';

  constructor(private readonly events: EventBus, private readonly toJob: (row: JobRow) => Job) {}

  /** Emits the job unless nothing the window shows changed; returns what it emitted. */
  job(row: JobRow): Job | null {
    const key = `${row.state}|${row.wait_reason}|${row.next_attempt_at}|${row.attempt}|${row.priority}|${row.seq}|${row.error_code}`;
    if (this.lastJob.get(row.id) === key) return null;
    // An ended job is not emitted again unless it is retried: forget it, or the map grows by every job ever run.
    if (row.state === 'succeeded' || row.state === 'failed' || row.state === 'cancelled') this.lastJob.delete(row.id);
    else this.lastJob.set(row.id, key);
    const job = this.toJob(row);
    this.events.emit('job.updated', job);
    return job;
  }

  /** Emits the status unless only the requests counted in the last minute moved. */
  status(s: QueueStatus): void {
    const key = JSON.stringify({ ...s, models: s.models.map((m) => ({ ...m, usedInLastMinute: 0 })) });
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.events.emit('queue.status', s);
  }
}
