/**
 * What the queue does when Google sheds a Flex call (electron/services/gemini/shed.ts says which
 * answers are sheds). Flex is "best-effort (Sheddable)" with a "1–15 min target"
 * (ai.google.dev/gemini-api/docs/optimization), so a shed is expected, not a failure:
 *  - the call is tried again as Flex, after a backoff that grows to a few minutes, without
 *    spending one of the job's attempts, for as long as it takes;
 *  - it moves to Standard only when the user chose "after 15 minutes, pay full price" for this
 *    request, and only once 15 minutes have passed since Google first shed it;
 *  - nothing here ever raises a job's price on its own.
 * Pure: the clock and the randomness come in, so every rule is tested without a queue.
 */
import { FLEX_FALLBACK_AFTER_MS } from '../../../shared/domain/serviceTiers';
import type { GenerateRequest } from '../../../shared/ipc/contract';
import type { AppError } from '../errors';

export type ShedDecision =
  /** Try Flex again after `delayMs`; `since` is when the sheds began (kept on the job). */
  | { action: 'retry_flex'; delayMs: number; since: number }
  /** The user allowed it and the time is up: send the same request at Standard, now. */
  | { action: 'move_to_standard'; since: number };

export interface ShedPolicy {
  /** First wait after a shed; doubles per shed in a row. */
  firstDelayMs: number;
  /** Longest wait between two tries; Flex's target is minutes, so a few minutes at most. */
  maxDelayMs: number;
  /** How long a shed job stays at half price before it may move, when the user allowed it. */
  fallbackAfterMs: number;
}

export const DEFAULT_SHED_POLICY: ShedPolicy = { firstDelayMs: 15_000, maxDelayMs: 3 * 60_000, fallbackAfterMs: FLEX_FALLBACK_AFTER_MS };

export interface ShedContext {
  now: number;
  /** When Google first shed this job's call, or null when this is the first shed. */
  since: number | null;
  /** Sheds in a row so far for this job, this one included (1 on the first). */
  sheds: number;
  request: Pick<GenerateRequest, 'serviceTier' | 'flexFallback'>;
  policy?: ShedPolicy;
  random?: () => number;
}

/** Null when the failure is not a shed Flex call (the queue's usual rules apply). */
export function decideShed(e: AppError, ctx: ShedContext): ShedDecision | null {
  if (!e.extra.flexShed || ctx.request.serviceTier !== 'flex') return null;
  const policy = ctx.policy ?? DEFAULT_SHED_POLICY;
  const since = ctx.since ?? ctx.now;
  if (ctx.request.flexFallback === true && ctx.now - since >= policy.fallbackAfterMs) return { action: 'move_to_standard', since };
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, ctx.sheds - 1));
  // Up to a fifth either way, so a set of variations shed together does not come back together.
  const jitter = 1 + ((ctx.random ?? Math.random)() * 0.4 - 0.2);
  let delayMs = Math.max(e.extra.retryAfterMs ?? 0, Math.round(base * jitter));
  // The fallback moment is a promise to the user: never wait past it when it applies.
  if (ctx.request.flexFallback === true) delayMs = Math.min(delayMs, Math.max(0, since + policy.fallbackAfterMs - ctx.now));
  return { action: 'retry_flex', delayMs, since };
}

/** The same request at Standard: the user's own choice, recorded so the job shows why it cost more. */
export function atStandard<R extends GenerateRequest>(request: R): R {
  return { ...request, serviceTier: 'standard', flexFallback: false };
}
