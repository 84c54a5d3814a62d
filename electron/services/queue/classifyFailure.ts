/**
 * What the queue does with a failed attempt. Pure, so every rule is tested without a queue.
 *
 * The line that matters (issue 10): only "could not reach the host" waits as offline without
 * spending attempts. A host that answered badly — cut body, bad JSON, a timeout, a 5xx — spends an
 * attempt and backs off, so a broken proxy can never hold the queue's slots for ever.
 */
import type { AppError } from '../errors';
import { backoffDelay, type BackoffPolicy } from './backoff';

/** A 429 is expected under load; give up only after this many in a row for one job. */
export const MAX_QUOTA_RETRIES = 50;
/** A 429 that says nothing about which limit or when: a few tries, then say so. */
export const MAX_SPARSE_QUOTA_RETRIES = 5;

export type FailureDecision =
  /** Not the job's fault and not the server's: wait for the network; the attempt is not counted. */
  | { action: 'offline' }
  /** A rate limit: wait at least this long; the attempt is not counted. */
  | { action: 'quota_retry'; delayMs: number }
  /**
   * Nothing will succeed until the user acts (prepaid credit used up, the billing tier's cap):
   * pause the whole queue; the job waits, its attempt not counted, and runs once resumed.
   */
  | { action: 'pause_queue' }
  /** Worth another attempt after a backoff; the attempt is counted. */
  | { action: 'backoff'; delayMs: number }
  | { action: 'fail' };

export interface FailureContext {
  /** Attempts made so far, this one included. */
  attempt: number;
  /** 429s in a row for this job, this one included. */
  quotaRetries: number;
  policy: BackoffPolicy;
  random?: () => number;
}

// image_helper: the helper process stopped under the job (a libvips fault); a new one is already starting.
const RETRYABLE = new Set(['server', 'bad_response', 'timeout', 'image_helper']);

export function classifyFailure(e: AppError, ctx: FailureContext): FailureDecision {
  if (e.code === 'network') return { action: 'offline' };
  if (e.code === 'quota_exhausted') return { action: 'pause_queue' };
  if (e.code === 'quota' && !e.extra.permanent) {
    const cap = e.extra.sparse429 ? MAX_SPARSE_QUOTA_RETRIES : MAX_QUOTA_RETRIES;
    if (ctx.quotaRetries > cap) return { action: 'fail' };
    // Never before the server's RetryInfo delay.
    return { action: 'quota_retry', delayMs: e.extra.retryAfterMs ?? backoffDelay(ctx.policy, ctx.quotaRetries, ctx.random) };
  }
  if (RETRYABLE.has(e.code) && !e.extra.permanent) {
    const max = Math.min(ctx.policy.maxAttempts, e.extra.maxAttempts ?? Infinity);
    if (ctx.attempt < max) return { action: 'backoff', delayMs: backoffDelay(ctx.policy, ctx.attempt, ctx.random) };
  }
  return { action: 'fail' };
}
