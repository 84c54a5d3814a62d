export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts in all (the first included) before a retryable failure becomes final. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000, maxAttempts: 5 };

/**
 * "Full jitter" exponential backoff: a random delay up to base·2^(attempt-1), capped. Spreading
 * retries keeps a burst of 503s from coming back as a synchronized burst.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(policy.baseMs / 2 + random() * (ceiling - policy.baseMs / 2));
}
