/** How the chat and batch views read a job's progress. Pure; no store. */
import type { Job } from '../../../../shared/ipc/contract';

const ACTIVE_STATES: ReadonlySet<Job['state']> = new Set(['queued', 'running', 'paused']);

/** Not finished yet: it may still produce a result (or be cancelled). */
export function isActive(job: Job): boolean {
  return ACTIVE_STATES.has(job.state);
}

const PROGRESS: Record<Job['state'], number> = { queued: 0, paused: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2 };

/**
 * Which of two copies of one job is newer. A retry sends a failed job back to `queued` as a new
 * attempt, so the attempt count decides first and only then how far along the attempt is.
 * On a tie the second wins (pass the event second, a possibly older snapshot first).
 */
export function fresher(a: Job, b: Job): Job {
  if (a.attempt !== b.attempt) return a.attempt > b.attempt ? a : b;
  if (PROGRESS[a.state] !== PROGRESS[b.state]) return PROGRESS[a.state] > PROGRESS[b.state] ? a : b;
  return b;
}
