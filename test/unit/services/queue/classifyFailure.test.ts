import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/services/errors';
import { DEFAULT_BACKOFF } from '../../../../electron/services/queue/backoff';
import { classifyFailure, MAX_QUOTA_RETRIES, MAX_SPARSE_QUOTA_RETRIES } from '../../../../electron/services/queue/classifyFailure';

const ctx = (attempt: number, quotaRetries = 0) => ({ attempt, quotaRetries, policy: DEFAULT_BACKOFF, random: () => 0.5 });

describe('classifyFailure', () => {
  it('only "could not reach the host" waits as offline', () => {
    expect(classifyFailure(new AppError('network', 'x'), ctx(1))).toEqual({ action: 'offline' });
    for (const code of ['bad_response', 'timeout', 'server'] as const) {
      expect(classifyFailure(new AppError(code, 'x'), ctx(1)).action).toBe('backoff');
    }
  });

  it('reached-but-broken spends attempts, then fails', () => {
    const e = new AppError('bad_response', 'cut short');
    expect(classifyFailure(e, ctx(DEFAULT_BACKOFF.maxAttempts - 1)).action).toBe('backoff');
    expect(classifyFailure(e, ctx(DEFAULT_BACKOFF.maxAttempts))).toEqual({ action: 'fail' });
  });

  it('a permanent broken answer (a redirect) fails at once', () => {
    expect(classifyFailure(new AppError('bad_response', 'redirect', { permanent: true }), ctx(1))).toEqual({ action: 'fail' });
  });

  it('a failure that deserves fewer attempts (a corrupt image: one retry) gets them', () => {
    const e = new AppError('server', 'corrupt', { maxAttempts: 2 });
    expect(classifyFailure(e, ctx(1)).action).toBe('backoff');
    expect(classifyFailure(e, ctx(2)).action).toBe('fail');
  });

  it('a 429 waits at least its RetryInfo delay and gives up after the cap', () => {
    const e = new AppError('quota', 'x', { retryAfterMs: 47_000 });
    expect(classifyFailure(e, ctx(1, 1))).toEqual({ action: 'quota_retry', delayMs: 47_000 });
    expect(classifyFailure(e, ctx(1, MAX_QUOTA_RETRIES + 1))).toEqual({ action: 'fail' });
  });

  it('a 429 with no details is retried only a few times', () => {
    const e = new AppError('quota', 'x', { sparse429: true });
    expect(classifyFailure(e, ctx(1, MAX_SPARSE_QUOTA_RETRIES)).action).toBe('quota_retry');
    expect(classifyFailure(e, ctx(1, MAX_SPARSE_QUOTA_RETRIES + 1))).toEqual({ action: 'fail' });
  });

  it('everything else fails at once', () => {
    for (const code of ['bad_request', 'invalid_key', 'image_blocked', 'no_image', 'model_not_found'] as const) {
      expect(classifyFailure(new AppError(code, 'x'), ctx(1))).toEqual({ action: 'fail' });
    }
    expect(classifyFailure(new AppError('quota', 'limit 0', { permanent: true }), ctx(1, 1))).toEqual({ action: 'fail' });
  });
});

describe('issue 17 §4: a 429 only the user can clear', () => {
  it('quota_exhausted pauses the whole queue, whatever the attempt count, and is never retried by itself', () => {
    const e = new AppError('quota_exhausted', 'prepaid credit used up', { permanent: true, quotaReason: 'prepaid_depleted' });
    for (const attempt of [1, 2, 5]) {
      expect(classifyFailure(e, { attempt, quotaRetries: 0, policy: DEFAULT_BACKOFF })).toEqual({ action: 'pause_queue' });
    }
  });
});
