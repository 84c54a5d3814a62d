/**
 * Issue 17 §7, `Retry-After`: a 429 that says when only in its HTTP header (a gateway's answer,
 * no RetryInfo in the body) is honoured like RetryInfo, through the real gateway and the queue
 * on an injected clock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../electron/services/gemini/retryAfter';
import type { JobQueue } from '../../../../electron/services/queue/JobQueue';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { FakeClock } from '../../../support/fakeClock';
import { GATEWAY_TEST_MODEL as MODEL, queueOverGateway } from '../../../support/queueOverGateway';

let fake: FakeGemini;
beforeAll(async () => void (fake = await startFakeGemini()));
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const open: JobQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

describe('issue 17 §7: Retry-After on a 429 without RetryInfo', () => {
  const cases: Array<[string, (clock: FakeClock) => string, number]> = [
    ['in seconds', () => '90', 90_000],
    ['as an HTTP date', (clock) => new Date(clock.now() + 120_000).toUTCString(), 120_000],
  ];
  for (const [name, header, waitMs] of cases) {
    it(`the queue waits what the header says (${name}) before trying again`, async () => {
      const clock = new FakeClock();
      fake.enqueue({ kind: 'error', status: 429, bare: true, retryAfter: header(clock), model: MODEL });
      const { queue, starts, add } = queueOverGateway(fake, clock);
      open.push(queue);
      const job = add('a fox');
      await expect.poll(() => queue.get(job.id).waitReason).toBe('quota_retry');
      expect(queue.get(job.id).nextAttemptAt).toBe(starts[0]! + waitMs);
      expect(queue.get(job.id).error?.message).toMatch(/wait \d+ s/);
      await clock.advance(waitMs - 100);
      expect(starts).toHaveLength(1);
      await clock.advance(200);
      await expect.poll(() => queue.get(job.id).state).toBe('succeeded');
      expect(starts).toHaveLength(2);
      expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(waitMs);
    });
  }

  it('parses seconds and dates, and refuses noise', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('9999999', now)).toBe(60 * 60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
