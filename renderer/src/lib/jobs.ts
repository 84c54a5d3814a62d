/** How the views read a job's progress: which jobs are still going, and which copy of one is newer. Pure; no store. */
import type { Job } from '../../../shared/ipc/contract';

const FINISHED_STATES: ReadonlySet<Job['state']> = new Set(['succeeded', 'failed', 'cancelled']);

/** Done: succeeded, failed or cancelled (a retry re-queues it as a new attempt). */
export function isFinished(job: Job): boolean {
  return FINISHED_STATES.has(job.state);
}

/** Not finished yet: it may still produce a result (or be cancelled). */
export function isActive(job: Job): boolean {
  return !isFinished(job);
}

/** Ended without (all of) its result: failed or cancelled. */
export function isStopped(job: Job): boolean {
  return job.state === 'failed' || job.state === 'cancelled';
}

/** In the waiting line: queued or paused, not running. */
export function isWaiting(job: Job): boolean {
  return job.state === 'queued' || job.state === 'paused';
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

/** Gemini reports "JOB_STATE_RUNNING" or "BATCH_STATE_RUNNING"; people read "Running". */
export function batchStateLabel(state: string): string {
  const word = state.replace(/^(JOB|BATCH)_STATE_/, '').replace(/_/g, ' ').toLowerCase();
  return word ? word[0]!.toUpperCase() + word.slice(1) : state;
}
