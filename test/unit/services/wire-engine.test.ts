/**
 * Issues 7 and 10 through the whole engine (createAtelier, the router, the real SDK, the fake):
 * what the queue does with each kind of broken answer, streamed progress, and stored numbers.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job, JobProgress } from '../../../shared/ipc/contract';
import type { AtelierOptions } from '../../../electron/atelier';
import { openDatabase } from '../../../electron/services/db/db';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { PROGRESS_LIMITS } from '../../../shared/domain/jobs';
import { atelierFixture } from '../../support/atelierFixture';
import { closedPort, tempDir } from '../../support/tmp';

const KEY = 'AIzaWireEngineKey000000000000000000000';
const fx = atelierFixture({
  key: KEY,
  fake: true,
  options: { backoff: { baseMs: 20, maxMs: 60, maxAttempts: 3 }, queueWindowMs: 500, libraryCheckDelayMs: 0 },
  generateDefaults: { tier: 'pro' },
});

/** `baseUrl`: another server than the fake (one that answers badly, or none). */
const start = (o: { baseUrl?: string; tuning?: Partial<AtelierOptions>; userDataDir?: string } = {}) =>
  fx.start({ ...o, ...(o.baseUrl ? { env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: o.baseUrl } } : {}) });

const generateCalls = () => fx.fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe('a reachable server that answers badly is not "offline"', () => {
  it('a broken job spends its attempts and fails naming what broke; a healthy job behind it still goes out', async () => {
    const { atelier, call, generate } = await start();
    await call('settings.update', { maxInFlight: 1 });
    // Every Pro answer is cut short; Flash answers are fine.
    fx.fake.setDefault({ kind: 'broken', how: 'truncate', model: 'gemini-3-pro-image' });
    const bad = await generate({ prompt: 'first, against a broken proxy', tier: 'pro' });
    const good = await generate({ prompt: 'second, healthy', tier: 'flash' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(bad.id)).toMatchObject({ state: 'failed', attempt: 3, error: { code: 'bad_response', message: expect.stringMatching(/broke in the middle of the answer/) } });
    expect(atelier.queue.get(good.id)).toMatchObject({ state: 'succeeded' });
    expect(atelier.queue.status().offline).toBe(false);
  });

  it('a closed connection is retried with backoff (attempt counted), not waited on as offline', async () => {
    const { atelier, generate } = await start();
    fx.fake.enqueue({ kind: 'drop' });
    const job = await generate({ prompt: 'patience' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', attempt: 2 });
  });

  it('a host that cannot be reached waits as offline without spending attempts, then finishes', async () => {
    const port = await closedPort();
    const { atelier, generate } = await start({ baseUrl: `http://127.0.0.1:${port}` });
    const job = await generate({ prompt: 'over the sea' });
    await expect.poll(() => atelier.queue.get(job.id).waitReason, { timeout: 5_000 }).toBe('offline');
    expect(atelier.queue.get(job.id).attempt).toBe(0);
    // The network comes back: a proxy to the fake starts listening on that port.
    const target = new URL(fx.fake.url);
    const proxy = http.createServer((req, res) => {
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    try {
      await atelier.queue.whenIdle();
      expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', attempt: 1 });
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('a timeout is its own outcome and is retried', async () => {
    // Long enough for the fake, in this process, to draw the retry's PNG on a busy machine (300 ms was not).
    const { atelier, generate } = await start({ tuning: { requestDeadlineMs: 1_500 } });
    fx.fake.enqueue({ kind: 'hang' });
    const job = await generate({ prompt: 'slow' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', attempt: 2 });
    fx.fake.enqueue({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const stuck = await generate({ prompt: 'slower' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(stuck.id)).toMatchObject({ state: 'failed', attempt: 3, error: { code: 'timeout', message: expect.stringMatching(/did not finish answering/) } });
  });

  it('a redirect fails at once (no retries, no second origin)', async () => {
    const { atelier, generate } = await start();
    fx.fake.enqueue({ kind: 'broken', how: 'redirect' });
    const job = await generate({ prompt: 'elsewhere' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', attempt: 1, error: { code: 'bad_response' } });
    expect(generateCalls()).toHaveLength(1);
  });

  it('a 429 with no details says "rate limit" and is retried a few times only', async () => {
    const { atelier, generate } = await start();
    fx.fake.setDefault({ kind: 'error', status: 429, bare: true });
    const job = await generate({ prompt: 'crowded' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', error: { code: 'quota', message: expect.stringMatching(/rate limit/) } });
    expect(generateCalls().length).toBe(6);
  });

  it('a corrupt image is retried once at most', async () => {
    const { atelier, generate, userDataDir } = await start();
    fx.fake.setDefault({ kind: 'success', format: 'corrupt' });
    const job = await generate({ prompt: 'noise' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', attempt: 2, error: { message: expect.stringMatching(/could not read/) } });
    expect(generateCalls()).toHaveLength(2);
    expect(filesIn(path.join(userDataDir, 'library', 'files'))).toEqual([]);
  });
});

describe('streaming', () => {
  it('sends job.progress with thought text and small draft previews before the job is done', async () => {
    const { atelier, generate, events } = await start();
    const job = await generate({ prompt: 'a clockwork heron', includeThoughts: true });
    await atelier.queue.whenIdle();
    expect(generateCalls()[0]!.action).toBe('streamGenerateContent');
    const progress = events.filter((e) => e.event === 'job.progress').map((e) => e.payload as JobProgress);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ jobId: job.id, attempt: 1, thoughtText: expect.stringMatching(/clockwork heron/) });
    expect(last.drafts).toHaveLength(1);
    expect(last.drafts[0]!.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(last.drafts[0]!.length).toBeLessThanOrEqual(PROGRESS_LIMITS.draftChars);
    // Every progress event comes before the job's final update.
    const done = events.findIndex((e) => e.event === 'job.updated' && (e.payload as Job).id === job.id && (e.payload as Job).state === 'succeeded');
    const lastProgress = events.map((e) => e.event).lastIndexOf('job.progress');
    expect(lastProgress).toBeLessThan(done);
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', outcome: 'images' });
  });

  it('keeps parts exactly as streamed, signatures included', async () => {
    const { atelier, call, generate } = await start();
    const job = await generate({ prompt: 'a heron', includeThoughts: true });
    await atelier.queue.whenIdle();
    const content = atelier.db.prepare('SELECT content_json FROM generations WHERE job_id = ?').pluck().get(job.id) as string;
    const parts = (JSON.parse(content) as { parts: Array<{ thought?: boolean; thoughtSignature?: string; inlineData?: unknown; text?: string }> }).parts;
    expect(parts.map((p) => `${p.thought ? 't' : ''}${p.inlineData ? 'img' : 'txt'}`)).toEqual(['ttxt', 'timg', 'txt', 'img']);
    for (const p of parts.filter((x) => !x.thought)) expect(fx.fake.issuedSignatures.has(p.thoughtSignature!)).toBe(true);
    const gen = await call<{ text: string }>('generation.get', { id: atelier.queue.get(job.id).generationId });
    expect(gen.text).toMatch(/heron/);
  });

  it('the streaming setting off sends a plain generateContent and no progress', async () => {
    const { atelier, call, generate, events } = await start();
    await call('settings.update', { streaming: false });
    const job = await generate({ prompt: 'plain', includeThoughts: true });
    await atelier.queue.whenIdle();
    expect(generateCalls()[0]!.action).toBe('generateContent');
    expect(events.some((e) => e.event === 'job.progress')).toBe(false);
    expect(atelier.queue.get(job.id).state).toBe('succeeded');
  });

  for (const how of ['noFinal', 'cut'] as const) {
    it(`a stream that ${how === 'noFinal' ? 'ends without a final image' : 'breaks mid-way'} spends retries and saves nothing partial`, async () => {
      const { atelier, generate, userDataDir } = await start();
      fx.fake.setDefault({ kind: 'streamBroken', how });
      const job = await generate({ prompt: 'unfinished', includeThoughts: true });
      await atelier.queue.whenIdle();
      expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', attempt: 3, error: { code: 'bad_response' } });
      expect(filesIn(path.join(userDataDir, 'library', 'files'))).toEqual([]);
      expect(atelier.db.prepare('SELECT count(*) FROM generations').pluck().get()).toBe(0);
    });
  }

  it('stores a JPEG answer as JPEG (mime and extension), whatever its label', async () => {
    const { atelier, call, generate, userDataDir } = await start();
    fx.fake.enqueue({ kind: 'success', format: 'jpeg', mimeType: 'image/png' });
    const job = await generate({ prompt: 'a jpeg' });
    await atelier.queue.whenIdle();
    const asset = await call<{ mime: string }>('library.get', { id: atelier.queue.get(job.id).assetIds[0] });
    expect(asset.mime).toBe('image/jpeg');
    expect(filesIn(path.join(userDataDir, 'library', 'files'))[0]).toMatch(/\.jpg$/);
  });
});

describe('numbers that are well-formed but wrong', () => {
  it('absurd token counts are clamped before they are stored; every panel still loads', async () => {
    const { atelier, call, generate } = await start();
    fx.fake.enqueue({ kind: 'success', usage: { promptTokenCount: -12, thoughtsTokenCount: 1e300 } });
    const job = await generate({ prompt: 'odd numbers' });
    await atelier.queue.whenIdle();
    const done = atelier.queue.get(job.id);
    expect(done.usage).toMatchObject({ promptTokens: 0, thoughtTokens: 0 });
    expect(Number.isFinite(done.costUsd)).toBe(true);
    await expect(call('jobs.list')).resolves.toHaveLength(1);
    await expect(call('usage.summary', { days: 7 })).resolves.toBeTruthy();
    await expect(call('library.get', { id: done.assetIds[0] })).resolves.toBeTruthy();
  });

  it('rows stored with bad numbers before the fix never fail a list, and migration 0050 repairs them', async () => {
    const userDataDir = tempDir();
    const first = await start({ userDataDir });
    const job = await first.generate({ prompt: 'stored long ago' });
    await first.atelier.queue.whenIdle();
    // What an older version stored for `promptTokenCount: -12` and an absurd thought count.
    first.atelier.db.prepare('UPDATE generations SET prompt_tokens = -12, thought_tokens = 9e300, cost_usd = ?').run(Infinity);
    await expect(first.call('jobs.list')).resolves.toHaveLength(1);
    await expect(first.call('usage.summary', { days: 7 })).resolves.toBeTruthy();
    await expect(first.call('library.get', { id: first.atelier.queue.get(job.id).assetIds[0] })).resolves.toBeTruthy();
    expect(first.atelier.queue.get(job.id).costUsd).toBeNull();
    await first.stop();

    const db = openDatabase(path.join(userDataDir, 'library', 'atelier.sqlite'));
    // Run 0050 again over the bad rows, as it ran over rows stored before it existed.
    MIGRATIONS.find((m) => m.version === 50)!.up(db);
    const row = db.prepare('SELECT prompt_tokens, thought_tokens, cost_usd FROM generations').get() as { prompt_tokens: number; thought_tokens: number; cost_usd: number };
    db.close();
    expect(row.prompt_tokens).toBe(0);
    expect(row.thought_tokens).toBe(0);
    expect(Number.isFinite(row.cost_usd) && row.cost_usd > 0).toBe(true);
  });

  it('an unknown finishReason fails the job naming it, and stores nothing', async () => {
    const { atelier, generate } = await start();
    fx.fake.enqueue({ kind: 'success', finishReason: 'SOMETHING_NEW' });
    const job = await generate({ prompt: 'new reason' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', error: { message: expect.stringContaining('SOMETHING_NEW') } });
    expect(atelier.db.prepare('SELECT count(*) FROM generations').pluck().get()).toBe(0);
  });
});
