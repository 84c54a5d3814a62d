/**
 * Issue 17 §7, `Retry-After`: a 429 that says when only in its HTTP header (a gateway's answer,
 * no RetryInfo in the body) is honoured like RetryInfo, through the real gateway and the queue
 * on an injected clock.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../../../shared/ipc/contract';
import { openDatabase } from '../../../../electron/services/db/db';
import { EventBus } from '../../../../electron/services/events';
import { GeminiGateway } from '../../../../electron/services/gemini/GeminiGateway';
import { parseRetryAfter } from '../../../../electron/services/gemini/retryAfter';
import { JobQueue } from '../../../../electron/services/queue/JobQueue';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { FakeClock } from '../../../support/fakeClock';
import { memoryLogger, tempDir } from '../../../support/tmp';

const KEY = 'AIzaRetryAfterTestKey0000000000000000000';
const MODEL = 'gemini-3.1-flash-image';
let fake: FakeGemini;
beforeAll(async () => void (fake = await startFakeGemini()));
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const open: JobQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

function request(prompt: string): GenerateRequest {
  return { prompt, tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 };
}

/** A queue whose executor calls the real gateway against the fake. */
function queueOverGateway(clock: FakeClock) {
  const gateway = new GeminiGateway({ getKey: async () => KEY, getBaseUrl: () => fake.url, now: () => clock.now() });
  const starts: number[] = [];
  const queue = new JobQueue({
    db: openDatabase(path.join(tempDir(), 'q.sqlite')),
    clock,
    events: new EventBus(),
    logger: memoryLogger(),
    settings: () => ({
      maxInFlight: 1,
      quotas: {
        flash: { requestsPerMinute: 600, imagesPerMinute: null, requestsPerDay: null },
        pro: { requestsPerMinute: 600, imagesPerMinute: null, requestsPerDay: null },
      },
      notifyWhenDone: false,
    }),
    executor: async (_job, signal) => {
      starts.push(clock.now());
      await gateway.generate({
        model: MODEL,
        contents: [{ role: 'user', parts: [{ text: 'a fox' }] }],
        params: { aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false },
        stream: false,
        signal,
      });
      return { images: 1, commit() {} };
    },
    backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 3 },
    random: () => 0.5,
    connectivity: { onOnline: () => () => {} },
    notifier: { notify: () => {} },
    isWindowFocused: () => true,
  });
  open.push(queue);
  queue.start();
  return { queue, starts };
}

describe('issue 17 §7: Retry-After on a 429 without RetryInfo', () => {
  const cases: Array<[string, (clock: FakeClock) => string, number]> = [
    ['in seconds', () => '90', 90_000],
    ['as an HTTP date', (clock) => new Date(clock.now() + 120_000).toUTCString(), 120_000],
  ];
  for (const [name, header, waitMs] of cases) {
    it(`the queue waits what the header says (${name}) before trying again`, async () => {
      const clock = new FakeClock();
      fake.enqueue({ kind: 'error', status: 429, bare: true, retryAfter: header(clock), model: MODEL });
      const { queue, starts } = queueOverGateway(clock);
      const job = queue.enqueue('generate', request('a fox'), { modelId: MODEL });
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
