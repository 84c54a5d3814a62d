/**
 * Quota enforcement, latency distributions, 5xx flaps and the Batch API of the fake Gemini
 * server — through the real @google/genai SDK (never mocked), raw fetch where the SDK would hide
 * the wire (Operation `done`/`response`, snake_case bodies), and the /__fake control API.
 */
import { ApiError, GoogleGenAI, type BatchJob, type GenerateContentResponse } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDuration } from '../../fake-gemini/errors';
import { sampleLatency } from '../../fake-gemini/latency';
import { readPngInfo } from '../../fake-gemini/png';
import { Prng } from '../../fake-gemini/prng';
import { type FakeGemini, startFakeGemini } from '../../fake-gemini/server';
import { FakeClock } from '../../support/fakeClock';

const KEY = 'test-key-quota';
const PRO = 'gemini-3-pro-image';
const FLASH = 'gemini-3.1-flash-image';

let fake: FakeGemini;
let ai: GoogleGenAI;
/** The fake's time: quota windows, latency and batch progress move only when a test says so. */
const clock = new FakeClock();

beforeAll(async () => {
  fake = await startFakeGemini({ clock });
  ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: fake.url, apiVersion: 'v1beta' } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

/** Waits for the fact that `n` requests are sleeping on the fake's clock (their latency), not for time. */
const sleeping = (n = 1): Promise<void> => expect.poll(() => clock.pending).toBeGreaterThanOrEqual(n);

/** Whether a promise has settled yet, without waiting for it. */
function tracked<T>(p: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  const promise = p.finally(() => void (done = true));
  return { promise, settled: () => done };
}

type ErrorBody = { code: number; message: string; status: string; details?: Record<string, unknown>[] };

/** Runs `fn`, expects the SDK's ApiError, returns it with its JSON body parsed (wire §3.3). */
async function apiError(fn: () => Promise<unknown>): Promise<{ status: number; error: ErrorBody }> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ApiError);
  const err = caught as ApiError;
  const body = JSON.parse(err.message) as { error: ErrorBody };
  return { status: err.status, error: body.error };
}

const detail = (e: ErrorBody, type: string): Record<string, unknown> | undefined =>
  e.details?.find((d) => String(d['@type']) === `type.googleapis.com/google.rpc.${type}`);

/** A text-only answer from an image model: quota applies, no PNG to encode, so it is quick. */
const textCall = (model = FLASH): Promise<GenerateContentResponse> =>
  ai.models.generateContent({ model, contents: 'quota probe', config: { responseModalities: ['TEXT'] } });
const imageCall = (model = FLASH): Promise<GenerateContentResponse> =>
  ai.models.generateContent({ model, contents: 'quota image', config: { responseModalities: ['IMAGE'], imageConfig: { imageSize: '512' } } });

/** HTTP status of a call through the SDK (200, or the ApiError's status). */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

const control = (path: string, body?: unknown, method = 'POST'): Promise<Response> =>
  fetch(`${fake.url}/__fake/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const rawGet = async (path: string): Promise<Record<string, unknown>> =>
  (await (await fetch(`${fake.url}${path}`, { headers: { 'x-goog-api-key': KEY } })).json()) as Record<string, unknown>;

describe('quota enforcement (§3.2 429, §6.2)', () => {
  it('rejects the request over RPM with the §3.2 body and an exact RetryInfo; waiting that long gets in', async () => {
    fake.setQuota(FLASH, { requestsPerMinute: 2, windowMs: 400 });
    await textCall();
    await textCall();
    const e = await apiError(() => textCall());
    const tAfter = clock.now();
    expect(e.status).toBe(429);
    expect(e.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(e.error.message).toMatch(/^You exceeded your current quota, please check your plan and billing details\. /);
    expect(e.error.message).toContain(
      `\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_requests, limit: 2, model: ${FLASH}\n`,
    );
    expect(e.error.message).toMatch(/\nPlease retry in \d+\.\d{2}s\.$/);
    expect(e.error.details?.map((d) => String(d['@type']).split('.').pop())).toEqual(['Help', 'QuotaFailure', 'RetryInfo']);
    expect(detail(e.error, 'QuotaFailure')).toEqual({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
          quotaDimensions: { location: 'global', model: FLASH },
          quotaValue: '2',
        },
      ],
    });
    const retryDelay = String(detail(e.error, 'RetryInfo')?.retryDelay);
    expect(retryDelay).toMatch(/^\d+(\.\d{1,3})?s$/);

    // Exact: the oldest admitted request leaves the window at acceptedAt[0] + windowMs.
    const log = fake.requests.at(-1)!;
    expect(log.status).toBe(429);
    const delay = log.retryDelayMs!;
    expect(delay).toBe(Math.round(parseFloat(retryDelay) * 1000));
    const oldest = fake.stats(FLASH).acceptedAt[0]!;
    expect(delay).toBeLessThanOrEqual(oldest + 400 - log.at);
    expect(delay).toBeGreaterThanOrEqual(oldest + 400 - tAfter);
    expect(delay).toBe(400); // no time passed on the fake's clock
    // The sentence rounds up to 10 ms so a client parsing it never retries early.
    const sentence = Number(/Please retry in ([\d.]+)s\.$/.exec(e.error.message)![1]);
    expect(sentence * 1000).toBeGreaterThanOrEqual(delay);
    expect(sentence * 1000 - delay).toBeLessThan(10);

    await clock.advance(delay - 1);
    expect(await statusOf(textCall())).toBe(429); // a millisecond early is still too early
    await clock.advance(1);
    await expect(textCall()).resolves.toBeDefined();
    expect(fake.stats(FLASH)).toMatchObject({ accepted: 3, rejected429: 2, flapped: 0 });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 429, 429, 200]);
  });

  it('does not count rejected requests, and does not let them eat scripted outcomes', async () => {
    fake.setQuota(FLASH, { requestsPerMinute: 1, windowMs: 300 });
    await textCall();
    fake.enqueue({ kind: 'textOnly', text: 'kept for later' });
    for (let i = 0; i < 3; i++) expect(await statusOf(textCall())).toBe(429);
    const last = fake.requests.at(-1)!;
    await clock.advance(last.retryDelayMs!);
    // Had the three 429s counted, the window would still be full.
    expect((await textCall()).text).toBe('kept for later');
    expect(fake.stats(FLASH)).toMatchObject({ accepted: 2, rejected429: 3 });
  });

  it('checks quota before a scripted outcome, which then still applies (and counts as admitted)', async () => {
    fake.setQuota(PRO, { requestsPerMinute: 1, windowMs: 10_000 });
    fake.enqueue({ kind: 'error', status: 503 }, { kind: 'textOnly', text: 'second' });
    expect(await statusOf(textCall(PRO))).toBe(503);
    const e = await apiError(() => textCall(PRO));
    expect(e.status).toBe(429);
    expect(fake.stats(PRO)).toMatchObject({ accepted: 1, rejected429: 1 });
    fake.setQuota(PRO, null);
    expect((await textCall(PRO)).text).toBe('second');
  });

  it('keeps a scripted 429 as scripted: its own delay, not counted as a quota rejection', async () => {
    fake.enqueue({ kind: 'error', status: 429, retryDelaySeconds: 7 });
    const e = await apiError(() => textCall());
    expect(detail(e.error, 'RetryInfo')).toMatchObject({ retryDelay: '7s' });
    expect(fake.requests[0]).toMatchObject({ status: 429, retryDelayMs: 7000 });
    expect(fake.stats(FLASH)).toMatchObject({ accepted: 1, rejected429: 0 });
  });

  it('counts IPM per final image returned; text answers and blocked images use none', async () => {
    fake.setQuota(FLASH, { imagesPerMinute: 2, windowMs: 10_000 });
    fake.enqueue({ kind: 'imageBlocked' }, { kind: 'success', images: 2 });
    await imageCall(); // blocked: no image returned, no image counted
    await imageCall(); // two images
    await textCall(); // no image planned: IPM does not apply
    const e = await apiError(() => imageCall());
    expect(detail(e.error, 'QuotaFailure')).toMatchObject({
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_images',
          quotaId: 'GenerateImagesPerMinutePerProjectPerModel',
          quotaDimensions: { location: 'global', model: FLASH },
          quotaValue: '2',
        },
      ],
    });
    expect(fake.stats(FLASH)).toMatchObject({ accepted: 3, rejected429: 1 });
  });

  it('reserves an image for a running request so concurrent calls cannot overshoot IPM', async () => {
    fake.setQuota(FLASH, { imagesPerMinute: 1, windowMs: 10_000 });
    fake.setLatency(FLASH, 150);
    const both = Promise.all([statusOf(imageCall()), statusOf(imageCall())]);
    // One is admitted and sleeps out its latency; the other is refused at once.
    await expect.poll(() => fake.requests.filter((r) => r.status === 429).length).toBe(1);
    await clock.advance(150);
    const statuses = await both;
    expect(statuses.sort()).toEqual([200, 429]);
    // The reservation is still running, so the delay is a whole window.
    expect(fake.requests.find((r) => r.status === 429)?.retryDelayMs).toBe(10_000);
  });

  it('enforces RPD over 1440 windows and reports every broken limit, longest delay first', async () => {
    fake.setQuota(FLASH, { requestsPerDay: 1, requestsPerMinute: 1, windowMs: 1000 });
    await textCall();
    const e = await apiError(() => textCall());
    const violations = detail(e.error, 'QuotaFailure')?.violations as Record<string, unknown>[];
    expect(violations.map((v) => [v.quotaId, v.quotaMetric, v.quotaValue])).toEqual([
      ['GenerateRequestsPerDayPerProjectPerModel', 'generativelanguage.googleapis.com/generate_content_requests_per_day', '1'],
      ['GenerateRequestsPerMinutePerProjectPerModel', 'generativelanguage.googleapis.com/generate_content_requests', '1'],
    ]);
    expect(e.error.message.match(/\* Quota exceeded for metric/g)).toHaveLength(2);
    const delay = fake.requests.at(-1)!.retryDelayMs!;
    expect(delay).toBeGreaterThan(1_439_000);
    expect(delay).toBeLessThanOrEqual(1_440_000);
  });

  it('is per model, for generateContent only, and admits exactly the limit under concurrency', async () => {
    fake.setQuota(`models/${FLASH}`, { requestsPerMinute: 3, windowMs: 10_000 });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => statusOf(textCall())));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    await expect(textCall(PRO)).resolves.toBeDefined();
    for (let i = 0; i < 3; i++) await ai.models.countTokens({ model: FLASH, contents: 'x' });
    expect((await ai.models.list()).page.length).toBeGreaterThan(0);
    expect(fake.stats()).toMatchObject({ accepted: 4, rejected429: 3 });
    expect(fake.stats(PRO).accepted).toBe(1);
    expect(fake.stats('unknown-model')).toEqual({ accepted: 0, rejected429: 0, flapped: 0, acceptedAt: [] });
  });

  it('limit 0 (the free-tier shape) rejects everything with a one-window delay; reset clears quota and stats', async () => {
    fake.setQuota(FLASH, { requestsPerMinute: 0 });
    const e = await apiError(() => textCall());
    expect(detail(e.error, 'RetryInfo')).toMatchObject({ retryDelay: '60s' });
    expect(detail(e.error, 'QuotaFailure')).toMatchObject({ violations: [{ quotaValue: '0' }] });
    fake.reset();
    expect(fake.stats()).toEqual({ accepted: 0, rejected429: 0, flapped: 0, acceptedAt: [] });
    await expect(textCall()).resolves.toBeDefined();
  });

  it('rejects nonsense limits', () => {
    expect(() => fake.setQuota(FLASH, { requestsPerMinute: -1 })).toThrow(TypeError);
    expect(() => fake.setQuota(FLASH, { requestsPerMinute: 1, windowMs: 0 })).toThrow(TypeError);
  });

  it('formats protobuf Durations with at most millisecond precision', () => {
    expect([437, 12_000, 1500, 1, 0.2, 0, 60_050].map(formatDuration)).toEqual(['0.437s', '12s', '1.5s', '0.001s', '0.001s', '0s', '60.05s']);
  });
});

describe('latency distributions', () => {
  it('lognormal draws have the requested median and p95, and repeat for a seed', () => {
    const draw = (seed: number): number[] => {
      const rng = new Prng(seed);
      return Array.from({ length: 4000 }, () => sampleLatency({ distribution: 'lognormal', medianMs: 800, p95Ms: 3000 }, rng));
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    const sorted = [...a].sort((x, y) => x - y);
    expect(sorted[2000]! / 800).toBeGreaterThan(0.92);
    expect(sorted[2000]! / 800).toBeLessThan(1.08);
    expect(sorted[3800]! / 3000).toBeGreaterThan(0.88);
    expect(sorted[3800]! / 3000).toBeLessThan(1.12);
    expect(sorted[0]).toBeGreaterThan(0);
  });

  it('applies per-model latency over the all-models default', async () => {
    fake.setLatency(null, 400);
    fake.setLatency(FLASH, 0);
    const pro = tracked(textCall(PRO));
    await sleeping();
    await clock.advance(399);
    expect(pro.settled()).toBe(false);
    await clock.advance(1);
    await pro.promise;
    await textCall(FLASH); // no time passes: Flash's own latency is 0
    expect(fake.latencyMs).toBe(400);
    expect(() => fake.setLatency(PRO, { distribution: 'lognormal', medianMs: 100, p95Ms: 50 })).toThrow(TypeError);
  });

  it('answers a 429 at once, without the model latency', async () => {
    fake.setLatency(null, 500);
    fake.setQuota(FLASH, { requestsPerMinute: 0 });
    // The clock never moves: an answer that waited for the latency would never come.
    expect(await statusOf(textCall())).toBe(429);
  });
});

describe('5xx flaps', () => {
  const run = async (n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await statusOf(textCall()));
    return out;
  };

  it('fail at the configured rate with the seeded PRNG, so a run repeats exactly', async () => {
    fake.seed(42);
    fake.setFlaps({ rate: 0.5 });
    const first = await run(16);
    fake.reset();
    fake.seed(42);
    fake.setFlaps({ rate: 0.5 });
    expect(await run(16)).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((s) => [500, 503, 504].includes(s))).toBe(true);
    expect(first.every((s) => [200, 500, 503, 504].includes(s))).toBe(true);
    expect(fake.requests.map((r) => r.status)).toEqual(first);
    expect(fake.stats(FLASH).flapped).toBe(first.filter((s) => s !== 200).length);
  });

  it('answer with the real §3.2 bodies, honour the model filter and leave scripted outcomes alone', async () => {
    fake.setFlaps({ model: PRO, rate: 1, statuses: [504] });
    fake.enqueue({ kind: 'textOnly', text: 'after the flap', model: PRO });
    const e = await apiError(() => textCall(PRO));
    expect(e.error).toEqual({ code: 504, message: 'Deadline expired before operation could complete.', status: 'DEADLINE_EXCEEDED' });
    await expect(textCall(FLASH)).resolves.toBeDefined();
    fake.setFlaps(null);
    expect((await textCall(PRO)).text).toBe('after the flap');
  });

  it('do not count against quota', async () => {
    fake.seed(3);
    fake.setFlaps({ rate: 0.5, statuses: [503] });
    fake.setQuota(FLASH, { requestsPerMinute: 3, windowMs: 10_000 });
    const seen: number[] = [];
    while (seen.filter((s) => s === 200).length < 3) seen.push(await statusOf(textCall()));
    expect(seen).toContain(503);
    // Quota is checked before the flap roll, so the next call is a 429 whatever the dice say.
    expect(await statusOf(textCall())).toBe(429);
    expect(fake.stats(FLASH)).toMatchObject({ accepted: 3, rejected429: 1, flapped: seen.length - 3 });
  });

  it('reject bad configs', () => {
    expect(() => fake.setFlaps({ rate: 1.5 })).toThrow(TypeError);
    expect(() => fake.setFlaps({ rate: 0.1, statuses: [] })).toThrow(TypeError);
  });
});

describe('Batch API with inline requests (§7)', () => {
  /** Polls ai.batches.get until the job reaches a terminal state, collecting the states seen. */
  async function pollDone(name: string, seen: string[] = []): Promise<BatchJob> {
    for (let i = 0; i < 200; i++) {
      const job = await ai.batches.get({ name });
      if (seen.at(-1) !== job.state) seen.push(String(job.state));
      if (['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'].includes(String(job.state))) return job;
      await clock.advance(20);
    }
    throw new Error(`batch ${name} did not finish`);
  }

  it('runs PENDING → RUNNING → SUCCEEDED and inlines one result per request, in order', async () => {
    fake.batchTiming = { pendingMs: 40, runningMs: 100 };
    fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'error', status: 500 });
    const job = await ai.batches.create({
      model: PRO,
      src: [
        { contents: 'a lighthouse', config: { imageConfig: { aspectRatio: '4:3' } }, metadata: { key: 'k1' } },
        { contents: 'a failing one', metadata: { key: 'k2' } },
        { contents: [{ role: 'user', parts: [{ text: 'a wide harbour' }] }], config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } }, metadata: { key: 'k3' } },
      ],
      config: { displayName: 'three' },
    });
    expect(job).toMatchObject({ state: 'JOB_STATE_PENDING', displayName: 'three', model: `models/${PRO}` });
    expect(job.name).toMatch(/^batches\/[0-9a-z]{36}$/);
    expect(job.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    const seen: string[] = ['JOB_STATE_PENDING'];
    const done = await pollDone(job.name!, seen);
    expect(seen).toEqual(['JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED']);
    expect(done.endTime).toBeDefined();
    const results = done.dest?.inlinedResponses ?? [];
    expect(results.map((r) => r.metadata)).toEqual([{ key: 'k1' }, { key: 'k2' }, { key: 'k3' }]);

    const pngOf = (r: (typeof results)[number]): Buffer =>
      Buffer.from(r.response?.candidates?.[0]?.content?.parts?.find((p) => p.inlineData && !p.thought)?.inlineData?.data ?? '', 'base64');
    expect(readPngInfo(pngOf(results[0]!))).toMatchObject({ width: 1200, height: 896, text: { 'fake-gemini:prompt': 'a lighthouse' } });
    // Commentary then image, as a synchronous call answers (the SDK leaves these as plain objects, no .text getter).
    expect(results[0]!.response?.candidates?.[0]?.content?.parts?.find((p) => p.text && !p.thought)?.text).toContain('a lighthouse');
    expect(results[1]!.error).toEqual({
      code: 13,
      message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
    });
    expect(results[1]!.response).toBeUndefined();
    expect(readPngInfo(pngOf(results[2]!))).toMatchObject({ width: 1376, height: 768 });
    expect(results[2]!.response?.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature).toBeTruthy();

    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0]).toMatchObject({ name: job.name, model: PRO, displayName: 'three', state: 'BATCH_STATE_SUCCEEDED' });
    expect(fake.batches[0]!.items.map((i) => i.outcome.kind)).toEqual(['success', 'error', 'success']);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: `/v1beta/models/${PRO}:batchGenerateContent`, action: 'batchGenerateContent', status: 200 });
  });

  it('speaks the raw Operation shape: snake_case input, int64 stats as strings, results in metadata.output and response', async () => {
    fake.batchTiming = { pendingMs: 0, runningMs: 0 };
    fake.enqueueBatchItemOutcome({ kind: 'promptBlocked', reason: 'SAFETY' });
    const res = await fetch(`${fake.url}/v1beta/models/${FLASH}:batchGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({
        batch: {
          display_name: 'snake',
          input_config: {
            requests: {
              requests: [
                { request: { contents: [{ parts: [{ text: 'blocked' }] }] }, metadata: { req_key: 'r1' } },
                { request: { contents: [{ parts: [{ text: 'bad ratio' }] }], generation_config: { image_config: { aspect_ratio: '7:3' } } } },
                { request: { contents: [{ parts: [{ text: 'fine' }] }], generation_config: { response_modalities: ['image'] } } },
              ],
            },
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    const created = (await res.json()) as { name: string; metadata: Record<string, unknown>; done?: boolean };
    expect(created.done).toBeUndefined();
    expect(created.metadata).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      model: `models/${FLASH}`,
      displayName: 'snake',
      batchStats: { requestCount: '3', pendingRequestCount: '3' },
      state: 'BATCH_STATE_PENDING',
      name: created.name,
    });
    expect(created.metadata.createTime).toBe(created.metadata.updateTime);
    expect(Object.keys(created.metadata)).toEqual(['@type', 'model', 'displayName', 'createTime', 'updateTime', 'batchStats', 'state', 'name']);

    await pollDone(created.name);
    const op = await rawGet(`/v1beta/${created.name}`);
    const meta = op.metadata as Record<string, unknown>;
    expect(op.done).toBe(true);
    expect(meta.batchStats).toEqual({ requestCount: '3', successfulRequestCount: '2', failedRequestCount: '1' });
    const inlined = (meta.output as { inlinedResponses: { inlinedResponses: Record<string, unknown>[] } }).inlinedResponses;
    expect(op.response).toEqual({ '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput', inlinedResponses: inlined });
    const [blocked, bad, fine] = inlined.inlinedResponses as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(blocked.metadata).toEqual({ req_key: 'r1' }); // user metadata echoed verbatim, not camelised
    expect((blocked.response as Record<string, unknown>).promptFeedback).toMatchObject({ blockReason: 'SAFETY' });
    expect(bad).toEqual({ error: { code: 3, message: expect.stringContaining("(got '7:3')") } });
    expect(Object.keys(fine)).toEqual(['response']);
  });

  it('cancels a running batch: CANCELLED, no results; a second cancel is FAILED_PRECONDITION', async () => {
    fake.batchTiming = { pendingMs: 0, runningMs: 60_000 };
    const job = await ai.batches.create({ model: FLASH, src: [{ contents: 'never finished' }] });
    for (let i = 0; i < 100 && fake.batches[0]?.state !== 'BATCH_STATE_RUNNING'; i++) await clock.advance(10);
    expect((await ai.batches.get({ name: job.name! })).state).toBe('JOB_STATE_RUNNING');
    await ai.batches.cancel({ name: job.name! });
    const cancelled = await ai.batches.get({ name: job.name! });
    expect(cancelled.state).toBe('JOB_STATE_CANCELLED');
    expect(cancelled.dest).toBeUndefined();
    const op = await rawGet(`/v1beta/${job.name}`);
    expect(op).toMatchObject({ done: true, error: { code: 1 } });
    expect(op.response).toBeUndefined();
    expect(fake.batches[0]?.state).toBe('BATCH_STATE_CANCELLED');
    expect(fake.batches[0]?.results).toBeUndefined();
    const again = await apiError(() => ai.batches.cancel({ name: job.name! }));
    expect(again.status).toBe(400);
    expect(again.error.status).toBe('FAILED_PRECONDITION');
  });

  it('keeps a batch with a hanging item RUNNING until it is cancelled', async () => {
    fake.batchTiming = { pendingMs: 0, runningMs: 0 };
    fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'hang' });
    const job = await ai.batches.create({ model: FLASH, src: [{ contents: 'one' }, { contents: 'two' }] });
    await clock.advance(60_000);
    expect((await ai.batches.get({ name: job.name! })).state).toBe('JOB_STATE_RUNNING');
    await ai.batches.cancel({ name: job.name! });
    expect((await ai.batches.get({ name: job.name! })).state).toBe('JOB_STATE_CANCELLED');
  });

  it('answers 404 NOT_FOUND for an unknown batch on get, cancel and delete', async () => {
    for (const call of [
      () => ai.batches.get({ name: 'batches/doesnotexist' }),
      () => ai.batches.cancel({ name: 'batches/doesnotexist' }),
      () => ai.batches.delete({ name: 'batches/doesnotexist' }),
    ]) {
      const e = await apiError(call);
      expect(e.status).toBe(404);
      expect(e.error).toEqual({ code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' });
    }
    const e = await apiError(() => ai.batches.create({ model: 'gemini-2.5-flash-image', src: [{ contents: 'x' }] }));
    expect(e.status).toBe(404);
  });

  it('lists newest first with pageSize/pageToken and without results; delete forgets a batch', async () => {
    fake.batchTiming = { pendingMs: 0, runningMs: 0 };
    expect((await ai.batches.list()).page).toEqual([]);
    const names: string[] = [];
    for (const d of ['one', 'two', 'three']) {
      names.push((await ai.batches.create({ model: FLASH, src: [{ contents: d }], config: { displayName: d } })).name!);
    }
    await pollDone(names[2]!);
    const pager = await ai.batches.list({ config: { pageSize: 2 } });
    expect(pager.page.map((b) => b.displayName)).toEqual(['three', 'two']);
    const all: string[] = [];
    for await (const b of pager) all.push(String(b.displayName));
    expect(all).toEqual(['three', 'two', 'one']);
    const raw = await rawGet('/v1beta/batches?pageSize=2');
    expect(typeof raw.nextPageToken).toBe('string');
    const ops = raw.operations as { metadata: Record<string, unknown>; response?: unknown }[];
    expect(ops.every((o) => o.metadata.output === undefined && o.response === undefined)).toBe(true);

    await ai.batches.delete({ name: names[1]! });
    expect(fake.batches.map((b) => b.displayName)).toEqual(['one', 'three']);
    expect((await apiError(() => ai.batches.get({ name: names[1]! }))).status).toBe(404);
  });

  it('is not subject to generateContent quota, flaps or latency', async () => {
    fake.batchTiming = { pendingMs: 0, runningMs: 0 };
    fake.setQuota(FLASH, { requestsPerMinute: 0 });
    fake.setFlaps({ rate: 1 });
    fake.setLatency(null, 5000);
    const job = await ai.batches.create({ model: FLASH, src: [{ contents: 'x' }, { contents: 'y' }] });
    const done = await pollDone(job.name!);
    expect(done.dest?.inlinedResponses?.every((r) => r.response !== undefined)).toBe(true);
    expect(fake.stats()).toMatchObject({ accepted: 0, rejected429: 0 });
  });

  it('rejects a malformed create as a whole with 400, and file input naming no uploaded file with 400', async () => {
    const post = (body: unknown): Promise<Response> =>
      fetch(`${fake.url}/v1beta/models/${FLASH}:batchGenerateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': KEY },
        body: JSON.stringify(body),
      });
    expect((await post({})).status).toBe(400);
    expect((await post({ batch: { inputConfig: { requests: { requests: [] } } } })).status).toBe(400);
    expect((await post({ batch: { inputConfig: { requests: { requests: ['nope'] } } } })).status).toBe(400);
    expect((await post({ batch: { inputConfig: { fileName: 'files/abc' } } })).status).toBe(400);
    expect(fake.batches).toHaveLength(0);
  });

  it('reset forgets batches and stops their timers', async () => {
    fake.batchTiming = { pendingMs: 50, runningMs: 50 };
    await ai.batches.create({ model: FLASH, src: [{ contents: 'x' }] });
    fake.reset();
    expect(fake.batches).toHaveLength(0);
    expect(fake.batchTiming).toEqual({ pendingMs: 200, runningMs: 300 });
    await clock.advance(1_000);
    expect(fake.batches).toHaveLength(0);
  });
});

describe('control API', () => {
  it('sets quota, flaps, latency, seed and batch settings over HTTP and reports stats', async () => {
    expect((await control('quota', { model: FLASH, requestsPerMinute: 1, windowMs: 10_000 })).status).toBe(200);
    expect((await control('quota', { model: FLASH, requestsPerMinute: 'x' })).status).toBe(400);
    expect((await control('quota', { requestsPerMinute: 1 })).status).toBe(400);
    await textCall();
    expect(await statusOf(textCall())).toBe(429);

    const stats = (await (await control('stats', undefined, 'GET')).json()) as {
      total: { accepted: number; rejected429: number };
      models: Record<string, { accepted: number; acceptedAt: number[] }>;
    };
    expect(stats.total).toMatchObject({ accepted: 1, rejected429: 1 });
    expect(stats.models[FLASH]?.acceptedAt).toHaveLength(1);
    expect(await (await control(`stats?model=${PRO}`, undefined, 'GET')).json()).toEqual({ accepted: 0, rejected429: 0, flapped: 0, acceptedAt: [] });
    expect((await control('quota', { model: FLASH })).status).toBe(200); // no limits → removed
    await expect(textCall()).resolves.toBeDefined();

    expect((await control('flaps', { model: PRO, rate: 1, statuses: [503] })).status).toBe(200);
    expect((await control('flaps', { rate: 2 })).status).toBe(400);
    expect(await statusOf(textCall(PRO))).toBe(503);
    expect((await control('flaps')).status).toBe(200); // empty body clears
    expect(await statusOf(textCall(PRO))).toBe(200);

    expect((await control('latency', { model: PRO, latency: { distribution: 'lognormal', medianMs: 5, p95Ms: 10 } })).status).toBe(200);
    expect((await control('latency', { latency: { distribution: 'pareto' } })).status).toBe(400);
    expect((await control('latency', { latency: 0 })).status).toBe(200);
    expect((await control('config', { seed: 9, batchTiming: { pendingMs: 0, runningMs: 0 } })).status).toBe(200);
    expect((await control('config', { batchTiming: { pendingMs: -1 } })).status).toBe(400);
    expect(fake.batchTiming).toEqual({ pendingMs: 0, runningMs: 0 });

    expect((await control('batch-item-outcomes', [{ kind: 'error', status: 503 }])).status).toBe(200);
    expect((await control('batch-item-outcomes', { kind: 'bogus' })).status).toBe(400);
    const job = await ai.batches.create({ model: FLASH, src: [{ contents: 'x' }] });
    for (let i = 0; i < 100 && fake.batches[0]?.state !== 'BATCH_STATE_SUCCEEDED'; i++) await clock.advance(10);
    const done = await ai.batches.get({ name: job.name! });
    expect(done.dest?.inlinedResponses?.[0]?.error).toMatchObject({ code: 14, message: 'The model is overloaded. Please try again later.' });
  });
});
