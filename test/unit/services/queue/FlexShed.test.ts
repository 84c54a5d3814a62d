/**
 * Issue 17 §3, the queue and shedding: a shed Flex call is tried again as Flex with a growing
 * backoff and without spending attempts; it moves to Standard only when the user allowed it and
 * only 15 minutes after the first shed; it never costs more on its own. The rules are pure
 * (decideShed) and are also driven through a JobQueue on an injected clock, whose executor calls
 * the real gateway against the fake.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../../../shared/ipc/contract';
import { openDatabase } from '../../../../electron/services/db/db';
import { AppError } from '../../../../electron/services/errors';
import { EventBus } from '../../../../electron/services/events';
import { GeminiGateway } from '../../../../electron/services/gemini/GeminiGateway';
import { DEFAULT_SHED_POLICY, decideShed } from '../../../../electron/services/queue/FlexShed';
import { JobQueue } from '../../../../electron/services/queue/JobQueue';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { FakeClock } from '../../../support/fakeClock';
import { memoryLogger, tempDir } from '../../../support/tmp';

const MINUTE = 60_000;
const shed = () => new AppError('server', 'shed', { flexShed: true });
const flex = { serviceTier: 'flex' as const };

describe('decideShed', () => {
  it('retries a shed Flex call as Flex, the wait doubling per shed up to the cap', () => {
    const at = (sheds: number) => decideShed(shed(), { now: 0, since: 0, sheds, request: flex, random: () => 0.5 });
    expect(at(1)).toEqual({ action: 'retry_flex', delayMs: DEFAULT_SHED_POLICY.firstDelayMs, since: 0 });
    expect(at(2)).toMatchObject({ action: 'retry_flex', delayMs: DEFAULT_SHED_POLICY.firstDelayMs * 2 });
    expect(at(30)).toMatchObject({ action: 'retry_flex', delayMs: DEFAULT_SHED_POLICY.maxDelayMs });
  });

  it('never moves to Standard without the user\'s "after 15 minutes, pay full price", however long it has been shed', () => {
    expect(decideShed(shed(), { now: 5 * 60 * MINUTE, since: 0, sheds: 200, request: flex })).toMatchObject({ action: 'retry_flex' });
    expect(decideShed(shed(), { now: 5 * 60 * MINUTE, since: 0, sheds: 200, request: { ...flex, flexFallback: false } })).toMatchObject({ action: 'retry_flex' });
  });

  it('with the user\'s permission, moves to Standard at 15 minutes after the first shed, not before', () => {
    const req = { ...flex, flexFallback: true };
    expect(decideShed(shed(), { now: 15 * MINUTE - 1, since: 0, sheds: 9, request: req })).toMatchObject({ action: 'retry_flex' });
    expect(decideShed(shed(), { now: 15 * MINUTE, since: 0, sheds: 10, request: req })).toEqual({ action: 'move_to_standard', since: 0 });
    // The wait before the 15th minute never runs past it.
    expect(decideShed(shed(), { now: 14 * MINUTE + 50_000, since: 0, sheds: 20, request: req, random: () => 0.5 })).toMatchObject({ delayMs: 10_000 });
  });

  it('is not consulted for other failures, nor for a Standard call', () => {
    expect(decideShed(new AppError('server', '503'), { now: 0, since: null, sheds: 1, request: flex })).toBeNull();
    expect(decideShed(shed(), { now: 0, since: null, sheds: 1, request: { serviceTier: 'standard' } })).toBeNull();
  });
});

let fake: FakeGemini;
beforeAll(async () => void (fake = await startFakeGemini()));
afterAll(() => fake.close());
beforeEach(() => fake.reset());
const open: JobQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

const MODEL = 'gemini-nano-banana-2.1';
const POLICY = { firstDelayMs: 10_000, maxDelayMs: 60_000, fallbackAfterMs: 15 * MINUTE };

/** A queue whose executor sends each job's own request (its service tier included) through the real gateway. */
function flexQueue(clock: FakeClock) {
  const gateway = new GeminiGateway({ getKey: async () => 'AIzaFlexShedQueueKey0000000000000000000', getBaseUrl: () => fake.url, now: () => clock.now() });
  const served: Array<string | null> = [];
  const starts: number[] = [];
  const queue = new JobQueue({
    db: openDatabase(path.join(tempDir(), 'q.sqlite')),
    clock,
    events: new EventBus(),
    logger: memoryLogger(),
    settings: () => ({ maxInFlight: 1, quotas: { flash: { requestsPerMinute: 600, imagesPerMinute: null, requestsPerDay: null } }, notifyWhenDone: false }),
    executor: async (job, signal) => {
      const request = JSON.parse(job.request_json) as GenerateRequest;
      starts.push(clock.now());
      await gateway.generate({ model: MODEL, contents: [{ role: 'user', parts: [{ text: request.prompt }] }], params: request, stream: false, signal, onServedTier: (t) => served.push(t) });
      return { images: 1, commit() {} };
    },
    backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 3 },
    shedPolicy: POLICY,
    random: () => 0.5,
    connectivity: { onOnline: () => () => {} },
    notifier: { notify: () => {} },
    isWindowFocused: () => true,
  });
  queue.start();
  open.push(queue);
  const add = (extra: Partial<GenerateRequest>) =>
    queue.enqueue('generate', { prompt: 'a paper boat', tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0, ...extra }, { modelId: MODEL });
  const tiersSent = () => fake.requests.filter((r) => r.action === 'generateContent').map((r) => r.serviceTier ?? 'standard');
  return { queue, add, served, starts, tiersSent };
}

describe('a shed Flex job in the queue', () => {
  it('is tried again as Flex after its backoff, without spending an attempt, and then served at Flex', async () => {
    const clock = new FakeClock();
    fake.tiers.shedFlex = 1;
    const { queue, add, served, tiersSent } = flexQueue(clock);
    const job = add(flex);
    await expect.poll(() => queue.get(job.id).waitReason).toBe('flex_shed');
    const waiting = queue.get(job.id);
    expect(waiting.flexShedSince).toBe(clock.now());
    expect(waiting.nextAttemptAt).toBe(clock.now() + POLICY.firstDelayMs);
    expect(waiting.attempt).toBe(0);
    await clock.advance(POLICY.firstDelayMs - 1);
    expect(tiersSent()).toEqual(['flex']);
    await clock.advance(1);
    await expect.poll(() => queue.get(job.id).state).toBe('succeeded');
    expect(tiersSent()).toEqual(['flex', 'flex']);
    expect(served).toEqual(['flex']);
  });

  it('keeps retrying at Flex past 15 minutes when the user did not allow Standard', async () => {
    const clock = new FakeClock();
    fake.tiers.shedFlex = 1000;
    const { queue, add, tiersSent, starts } = flexQueue(clock);
    const job = add(flex);
    await expect.poll(() => queue.get(job.id).waitReason).toBe('flex_shed');
    const firstShed = queue.get(job.id).flexShedSince!;
    while (clock.now() - firstShed < 40 * MINUTE) {
      const sent = starts.length;
      await clock.advance(Math.max(0, queue.get(job.id).nextAttemptAt! - clock.now()));
      await expect.poll(() => starts.length).toBeGreaterThan(sent);
      await expect.poll(() => queue.get(job.id).state).not.toBe('running');
    }
    expect(tiersSent().length).toBeGreaterThan(20);
    expect(new Set(tiersSent())).toEqual(new Set(['flex']));
    expect(queue.get(job.id).state).toBe('queued');
    expect(queue.get(job.id).request.serviceTier).toBe('flex');
  });

  it('moves to Standard only when allowed, and only once 15 minutes have passed since the first shed', async () => {
    const clock = new FakeClock();
    fake.tiers.shedFlex = 1000;
    const { queue, add, tiersSent, served, starts } = flexQueue(clock);
    const job = add({ ...flex, flexFallback: true });
    await expect.poll(() => queue.get(job.id).waitReason).toBe('flex_shed');
    const firstShed = queue.get(job.id).flexShedSince!;
    // Each round: time moves to the job's next attempt, then the test waits for that attempt's answer.
    for (let round = 0; round < 100 && queue.get(job.id).state !== 'succeeded'; round++) {
      const next = queue.get(job.id).nextAttemptAt!;
      expect(next - firstShed).toBeLessThanOrEqual(15 * 60_000);
      const sent = starts.length;
      await clock.advance(Math.max(0, next - clock.now()));
      await expect.poll(() => starts.length).toBeGreaterThan(sent);
      await expect.poll(() => queue.get(job.id).state).not.toBe('running');
    }
    expect(queue.get(job.id).state).toBe('succeeded');
    const tiers = tiersSent();
    expect(tiers.at(-1)).toBe('standard');
    expect(tiers.slice(0, -1).every((t) => t === 'flex')).toBe(true);
    // The Standard request left no earlier than 15 minutes after the first shed.
    // Flex is tried up to the 15th minute; the Standard request leaves then, not a moment before.
    expect(starts.at(-1)! - firstShed).toBe(15 * MINUTE);
    expect(Math.max(...starts.slice(0, -1)) - firstShed).toBeLessThanOrEqual(15 * MINUTE);
    expect(served.at(-1)).toBe('standard');
    expect(queue.get(job.id).request).toMatchObject({ serviceTier: 'standard', flexFallback: false });
  });
});
