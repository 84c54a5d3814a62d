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

/**
 * The newer of two copies of one job: the one with the higher revision (main raises it on every
 * change it makes). A job can go backwards — a retry re-queues a failed job, a 429 puts a running
 * one back in line — so no other field orders its copies. On a tie the first is kept: it is the
 * same version, and keeping the object spares a re-render.
 */
export function newer(a: Job, b: Job): Job {
  return b.revision > a.revision ? b : a;
}

/** Gemini reports "JOB_STATE_RUNNING" or "BATCH_STATE_RUNNING"; people read "Running". */
export function batchStateLabel(state: string): string {
  const word = state.replace(/^(JOB|BATCH)_STATE_/, '').replace(/_/g, ' ').toLowerCase();
  return word ? word[0]!.toUpperCase() + word.slice(1) : state;
}
