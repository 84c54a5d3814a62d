/**
 * Issue 17 §4, "429s now say why": each cause's wording through the real gateway, and what the
 * queue does with it on an injected clock — a depleted prepaid credit or a tier cap pauses the
 * whole queue and is never retried in a loop; the 10-minute spend limit waits for the window to
 * roll; a tier drop says so; a wording the docs do not give stays today's rate limit.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { AppError } from '../../../../electron/services/errors';
import { BILLING_URL, SPEND_WINDOW_MS } from '../../../../electron/services/gemini/errors';
import { readQuotaReason } from '../../../../electron/services/gemini/quotaReason';
import type { JobQueue } from '../../../../electron/services/queue/JobQueue';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { QUOTA_CAUSE_TEXT } from '../../../fake-gemini/errors';
import type { QuotaCause } from '../../../fake-gemini/types';
import { FakeClock } from '../../../support/fakeClock';
import { tempDir } from '../../../support/tmp';
import { GATEWAY_TEST_MODEL as MODEL, queueOverGateway } from '../../../support/queueOverGateway';

let fake: FakeGemini;
beforeAll(async () => void (fake = await startFakeGemini()));
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const open: JobQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

function setup() {
  const clock = new FakeClock();
  const q = queueOverGateway(fake, clock);
  open.push(q.queue);
  return { clock, ...q };
}

async function errorFor(cause: QuotaCause): Promise<AppError> {
  const { gateway } = setup();
  fake.enqueue({ kind: 'error', status: 429, cause, model: MODEL });
  const err = await gateway
    .generate({ model: MODEL, contents: [{ role: 'user', parts: [{ text: 'x' }] }], params: { aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false }, stream: false })
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const generateCalls = () => fake.requests.filter((r) => r.action === 'generateContent').length;

describe('issue 17 §4: each 429 wording becomes a typed reason', () => {
  it('prepaid credit depleted → quota_exhausted, never retried, with the billing link', async () => {
    const e = await errorFor('prepaid_depleted');
    expect(e).toMatchObject({ code: 'quota_exhausted', extra: { quotaReason: 'prepaid_depleted', permanent: true } });
    expect(e.message).toMatch(/prepaid credit is used up.*queue is paused/);
    expect(e.message).toContain(BILLING_URL);
  });

  it('billing-account tier cap → quota_exhausted', async () => {
    const e = await errorFor('tier_cap');
    expect(e).toMatchObject({ code: 'quota_exhausted', extra: { quotaReason: 'tier_cap', permanent: true } });
    expect(e.message).toMatch(/tier's spending cap.*queue is paused/);
  });

  it('the rolling 10-minute spend limit → waits for the window to roll, and says when', async () => {
    const e = await errorFor('spend_window');
    expect(e).toMatchObject({ code: 'quota', extra: { quotaReason: 'spend_window', retryAfterMs: SPEND_WINDOW_MS } });
    expect(e.message).toMatch(/spend limit for the rolling 10 minutes.*tries again in about 10 min/);
  });

  it('a tier drop → says so, and keeps the ordinary rate-limit retries', async () => {
    const e = await errorFor('tier_drop');
    expect(e).toMatchObject({ code: 'quota', extra: { quotaReason: 'tier_drop' } });
    expect(e.extra.permanent).toBeUndefined();
    expect(e.message).toMatch(/lower billing tier/);
  });

  it('a wording the docs do not give → today’s rate limit (sparse 429, no reason)', async () => {
    const e = await errorFor('unknown');
    expect(e).toMatchObject({ code: 'quota', extra: { sparse429: true } });
    expect(e.extra.quotaReason).toBeUndefined();
  });

  it('the usual per-minute quota text names no cause', () => {
    const usual =
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.' +
      '\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_paid_tier_requests, limit: 10, model: x\nPlease retry in 20s.';
    expect(readQuotaReason([usual])).toBeNull();
    expect(readQuotaReason([QUOTA_CAUSE_TEXT.unknown])).toBeNull();
  });
});

describe('issue 17 §4: the queue acts on the reason', () => {
  for (const cause of ['prepaid_depleted', 'tier_cap'] as const) {
    it(`${cause}: pauses the whole queue with its reason, retries nothing until resumed`, async () => {
      const { queue, clock, add, statuses } = setup();
      fake.enqueue({ kind: 'error', status: 429, cause, model: MODEL });
      const first = add('first');
      const second = add('second');
      await expect.poll(() => queue.status().paused).toBe(true);
      expect(queue.status().hold).toMatchObject({ reason: cause, message: expect.stringContaining(BILLING_URL) });
      // The window hears it as a queue.status event (the banner's data).
      await expect.poll(() => statuses.at(-1)?.hold?.reason).toBe(cause);
      expect(queue.get(first.id)).toMatchObject({ state: 'queued', waitReason: 'queue_paused', error: { code: 'quota_exhausted' } });
      expect(queue.get(second.id).state).toBe('queued');
      await clock.advance(60 * 60_000);
      expect(generateCalls()).toBe(1);

      queue.resumeAll();
      expect(queue.status().hold).toBeNull();
      await expect.poll(() => statuses.at(-1)?.hold).toBeNull();
      await expect.poll(() => [queue.get(first.id).state, queue.get(second.id).state]).toEqual(['succeeded', 'succeeded']);
      expect(generateCalls()).toBe(3);
    });
  }

  it('spend_window: the job waits ten minutes; the queue is not paused', async () => {
    const { queue, clock, starts, add } = setup();
    fake.enqueue({ kind: 'error', status: 429, cause: 'spend_window', model: MODEL });
    const job = add('a fox');
    await expect.poll(() => queue.get(job.id).waitReason).toBe('quota_retry');
    expect(queue.get(job.id).nextAttemptAt).toBe(starts[0]! + SPEND_WINDOW_MS);
    expect(queue.status()).toMatchObject({ paused: false, hold: null });
    await clock.advance(SPEND_WINDOW_MS - 1000);
    expect(generateCalls()).toBe(1);
    await clock.advance(2000);
    await expect.poll(() => queue.get(job.id).state).toBe('succeeded');
  });
});

describe('issue 17 §4: the billing pause survives a restart', () => {
  it('a queue re-created over the same library stays paused with its reason, sends nothing, and runs once resumed', async () => {
    const db = openDatabase(path.join(tempDir(), 'restart.sqlite'));
    const clock = new FakeClock();
    const before = queueOverGateway(fake, clock, { db });
    fake.enqueue({ kind: 'error', status: 429, cause: 'prepaid_depleted', model: MODEL });
    const first = before.add('first');
    const second = before.add('second');
    await expect.poll(() => before.queue.status().hold?.reason).toBe('prepaid_depleted');
    const since = before.queue.status().hold!.since;
    await before.queue.dispose();

    const after = queueOverGateway(fake, clock, { db });
    open.push(after.queue);
    expect(after.queue.status()).toMatchObject({ paused: true, hold: { reason: 'prepaid_depleted', since, message: expect.stringContaining(BILLING_URL) } });
    await clock.advance(60 * 60_000);
    expect(generateCalls()).toBe(1);
    expect(after.queue.get(first.id)).toMatchObject({ state: 'queued', waitReason: 'queue_paused' });
    expect(after.queue.get(second.id)).toMatchObject({ state: 'queued', waitReason: 'queue_paused' });

    after.queue.resumeAll();
    await expect.poll(() => [after.queue.get(first.id).state, after.queue.get(second.id).state]).toEqual(['succeeded', 'succeeded']);
    expect(generateCalls()).toBe(3);

    // Resumed is remembered too: the next start runs.
    await after.queue.dispose();
    const third = queueOverGateway(fake, clock, { db });
    open.push(third.queue);
    expect(third.queue.status()).toMatchObject({ paused: false, hold: null });
  });
});
