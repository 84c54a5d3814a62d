/**
 * The generation engine end to end in Node: createAtelier (the composition the app uses), the
 * IPC router, the real @google/genai SDK and the fake Gemini server. No browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/ipc/contract';
import type { Atelier } from '../../../electron/atelier';
import { GROUNDING_CSP } from '../../../electron/services/protocol/appRequestHandler';
import { gemini25FlashImage } from '../../fake-gemini/models';
import { readPngInfo, makePng } from '../../fake-gemini/png';
import { pngOf } from '../../support/images';
import { atelierFixture, ORIGIN, type StartOptions } from '../../support/atelierFixture';
import { tempDir } from '../../support/tmp';

const KEY = 'AIzaEngineTestKey0000000000000000000000';
const fx = atelierFixture({ key: KEY, fake: true, options: { backoff: { baseMs: 50, maxMs: 200, maxAttempts: 3 }, batchPollMs: 50 } });

async function start(o: StartOptions = {}) {
  const session = await fx.start(o);
  const job = (id: string) => session.call<Job>('jobs.list').then(() => session.atelier.queue.get(id));
  return { ...session, job };
}

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}
const count = (a: Atelier, table: string) => a.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const generateCalls = () => fx.fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));

describe('results', () => {
  it('stores an image with its generation record, tokens and estimated cost', async () => {
    const { atelier, call, generate, events, userDataDir } = await start();
    const job = await generate({ prompt: 'a paper boat', tier: 'pro', aspectRatio: '4:3', imageSize: '2K' });
    await atelier.queue.whenIdle();
    const done = atelier.queue.get(job.id);
    expect(done).toMatchObject({ state: 'succeeded', outcome: 'images', modelId: 'gemini-3-pro-image', attempt: 1, assetIds: [expect.any(String)] });
    expect(done.costUsd).toBeGreaterThan(0.13);
    const detail = await call<{ width: number; generation: { params: object; usage: object; costUsd: number } }>('library.get', { id: done.assetIds[0] });
    expect(detail).toMatchObject({ width: 2400, height: 1792, generation: { params: { aspectRatio: '4:3', imageSize: '2K' }, usage: { imageTokens: 1120 } } });
    expect(events.filter((e) => e.event === 'library.added')).toHaveLength(1);
    expect(filesIn(path.join(userDataDir, 'library', 'files'))).toHaveLength(1);
  });

  it('keeps interim thought images and thought text apart from the result', async () => {
    const { atelier, call, generate, userDataDir } = await start();
    const job = await generate({ prompt: 'a clockwork heron', tier: 'pro', includeThoughts: true });
    await atelier.queue.whenIdle();
    const j = atelier.queue.get(job.id);
    const gen = await call<{ thoughts: { text: string[]; imageUrls: string[] }; assetIds: string[] }>('generation.get', { id: j.generationId });
    expect(gen.thoughts.text.length).toBeGreaterThan(0);
    expect(gen.thoughts.imageUrls).toHaveLength(1);
    expect(gen.assetIds).toHaveLength(1);
    expect(count(atelier, 'assets')).toBe(1); // the draft is not a library asset
    const res = await atelier.handleRequest(new Request(`${ORIGIN}${gen.thoughts.imageUrls[0]}`));
    expect(res.status).toBe(200);
    expect(readPngInfo(Buffer.from(await res.arrayBuffer())).text['fake-gemini:kind']).toBe('thought');
    expect(filesIn(path.join(userDataDir, 'library', 'files')).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps grounding sources and queries, and serves the Search chip only under a sandboxing CSP', async () => {
    const { atelier, call, generate } = await start();
    const job = await generate({ prompt: 'weather chart for Lisbon this week', tier: 'pro', grounding: true });
    await atelier.queue.whenIdle();
    const gen = await call<{ grounding: { sources: Array<{ uri: string }>; queries: string[]; entryPointUrl: string } }>('generation.get', { id: atelier.queue.get(job.id).generationId });
    expect(gen.grounding.sources.length).toBeGreaterThan(0);
    expect(gen.grounding.queries.length).toBeGreaterThan(0);
    const chip = await atelier.handleRequest(new Request(`${ORIGIN}${gen.grounding.entryPointUrl}`));
    expect(chip.headers.get('content-security-policy')).toBe(GROUNDING_CSP);
    expect(GROUNDING_CSP).toContain('sandbox');
    expect(GROUNDING_CSP).not.toContain('script-src');
    expect(await chip.text()).toContain('<');
    expect(fx.fake.requests.at(-1)!.body).toMatchObject({ tools: [{ googleSearch: {} }] });
  });

  it('keeps a text-only answer as a result with no image', async () => {
    const { atelier, generate, call } = await start();
    fx.fake.enqueue({ kind: 'textOnly', text: 'Do you want the fox facing left or right?' });
    const job = await generate({ prompt: 'a fox' });
    await atelier.queue.whenIdle();
    const j = atelier.queue.get(job.id);
    expect(j).toMatchObject({ state: 'succeeded', outcome: 'text', assetIds: [] });
    expect(await call('generation.get', { id: j.generationId })).toMatchObject({ text: 'Do you want the fox facing left or right?' });
  });

  const failures = [
    [{ kind: 'imageBlocked', reason: 'IMAGE_SAFETY' }, 'image_blocked'],
    [{ kind: 'noImage' }, 'no_image'],
    [{ kind: 'promptBlocked' }, 'prompt_blocked'],
    [{ kind: 'error', status: 400 }, 'bad_request'],
    [{ kind: 'error', status: 404 }, 'model_not_found'],
  ] as const;
  for (const [outcome, code] of failures) {
    it(`fails at once on ${outcome.kind}${'status' in outcome ? ` ${outcome.status}` : ''} (${code}) and writes nothing`, async () => {
      const { atelier, generate, userDataDir } = await start();
      fx.fake.enqueue(outcome);
      const job = await generate({ prompt: 'a storm' });
      await atelier.queue.whenIdle();
      expect(atelier.queue.get(job.id)).toMatchObject({ state: 'failed', attempt: 1, error: { code } });
      expect(generateCalls()).toHaveLength(1);
      expect(count(atelier, 'assets') + count(atelier, 'generations')).toBe(0);
      for (const sub of ['files', 'thumbs', 'tmp']) expect(filesIn(path.join(userDataDir, 'library', sub))).toEqual([]);
    });
  }
});

describe('what each model accepts, checked in main before anything is sent', () => {
  it('refuses a ratio, a size or grounding the model lacks, with the model named', async () => {
    const { tryCall } = await start();
    const base = { prompt: 'x', tier: 'pro' };
    expect(await tryCall('generate.start', { ...base, aspectRatio: '8:1' })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('gemini-3-pro-image does not support the 8:1 aspect ratio') });
    expect(await tryCall('generate.start', { ...base, aspectRatio: '1:1', imageSize: '512' })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('cannot make 512 images') });
    expect(await tryCall('generate.start', { ...base, aspectRatio: '1:1', imageSize: '1k' })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await tryCall('generate.start', { ...base, tier: 'flash', modelId: 'gemini-9-flash-image', aspectRatio: '1:1', grounding: true })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('Google Search') });
    expect(generateCalls()).toHaveLength(0);
  });

  it('accepts 14 reference images and refuses a 15th, and limits people per model', async () => {
    const { call, tryCall } = await start();
    const files = await Promise.all(Array.from({ length: 15 }, async (_, i) => ({ name: `ref${i}.png`, dataBase64: (await pngOf(64, 64, [i * 16, 80, 200])).toString('base64') })));
    const { imported } = await call<{ imported: Array<{ id: string }> }>('library.import', { files });
    const refs = imported.map((a) => ({ assetId: a.id, kind: 'object' }));
    expect(await tryCall('generate.start', { prompt: 'collage', tier: 'pro', aspectRatio: '1:1', references: refs })).toMatchObject({
      ok: false, code: 'unsupported', message: 'gemini-3-pro-image takes at most 14 reference images; this request has 15. Remove 1.',
    });
    const people = refs.slice(0, 6).map((r) => ({ ...r, kind: 'person' }));
    expect(await tryCall('generate.start', { prompt: 'group', tier: 'pro', aspectRatio: '1:1', references: people })).toMatchObject({ ok: false, code: 'unsupported', message: expect.stringContaining('at most 5 people') });
    expect(await tryCall('generate.start', { prompt: 'collage', tier: 'pro', aspectRatio: '1:1', references: refs.slice(0, 14) })).toMatchObject({ ok: true });
  });

  it('replaces a retired model id and says so once', async () => {
    const { atelier, generate, events } = await start();
    const a = await generate({ prompt: 'old habits', tier: 'pro', modelId: 'gemini-3-pro-image-preview' });
    await generate({ prompt: 'again', tier: 'pro', modelId: 'gemini-3-pro-image-preview' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(a.id)).toMatchObject({ state: 'succeeded', modelId: 'gemini-3-pro-image' });
    expect(events.filter((e) => e.event === 'notice')).toEqual([{ event: 'notice', payload: { kind: 'info', message: expect.stringContaining('gemini-3-pro-image-preview has been retired') } }]);
  });

  it('refuses new jobs once the month’s estimate would pass the budget', async () => {
    const { atelier, call, generate, tryCall } = await start();
    await call('settings.update', { monthlyBudgetUsd: 0.2 });
    await generate({ prompt: 'first', tier: 'pro' });
    await atelier.queue.whenIdle();
    const res = await tryCall('generate.start', { prompt: 'second', tier: 'pro', aspectRatio: '1:1' });
    expect(res).toMatchObject({ ok: false, code: 'over_budget', message: expect.stringMatching(/past your \$0\.20 budget/) });
    expect(generateCalls()).toHaveLength(1);
    const usage = await call<{ monthToDateUsd: number; todayUsd: number; monthlyBudgetUsd: number; days: unknown[] }>('usage.summary');
    expect(usage.monthToDateUsd).toBeGreaterThan(0.13);
    expect(usage).toMatchObject({ monthlyBudgetUsd: 0.2, todayUsd: usage.monthToDateUsd });
    expect(usage.days).toHaveLength(30);
  });
});

describe('editing and imports', () => {
  it('edits a photo: the image goes along as inline data and the result is marked edited', async () => {
    const { atelier, call, generate } = await start();
    const photo = await makePng({ width: 1600, height: 900, text: { origin: 'holiday' } });
    const { imported } = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'holiday.png', dataBase64: photo.toString('base64') }] });
    const job = await generate({ prompt: 'make it a watercolour', aspectRatio: null, references: [{ assetId: imported[0]!.id, kind: 'object' }] });
    await atelier.queue.whenIdle();
    const sent = generateCalls()[0]!.body as { contents: Array<{ parts: Array<{ text?: string; inlineData?: { data: string } }> }> };
    expect(sent.contents[0]!.parts[0]!.text).toBe('make it a watercolour');
    expect(Buffer.from(sent.contents[0]!.parts[1]!.inlineData!.data, 'base64').equals(photo)).toBe(true);
    const detail = await call<{ source: string; width: number; height: number }>('library.get', { id: atelier.queue.get(job.id).assetIds[0] });
    expect(detail).toMatchObject({ source: 'edited', width: 1376, height: 768 }); // follows the input's 16:9 shape
  });

  it('reports each bad file with its reason and imports the rest; duplicates are recognised', async () => {
    const { call, events } = await start();
    const dir = tempDir();
    const huge = path.join(dir, 'huge.png');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 200 * 1024 * 1024); // a sparse 200 MB file: no disk used
    const good = await pngOf(200, 100);
    const tiff = await (await import('sharp')).default({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).tiff().toBuffer();
    const res = await call<{ imported: Array<{ duplicate: boolean }>; rejected: Array<{ name: string; reason: string }> }>('library.import', {
      files: [
        { name: 'good.png', dataBase64: good.toString('base64') },
        { name: 'again.png', dataBase64: good.toString('base64') },
        { name: 'notes.txt', dataBase64: Buffer.from('just text').toString('base64') },
        { name: 'broken.png', dataBase64: good.subarray(0, 60).toString('base64') },
        { name: 'scan.tiff', dataBase64: tiff.toString('base64') },
        { name: 'huge.png', path: huge },
        { name: 'gone.png', path: path.join(dir, 'missing.png') },
      ],
    });
    // Imports run in parallel: which copy counts as first is arbitrary, but there is one asset.
    expect(res.imported.map((a) => a.duplicate).sort()).toEqual([false, true]);
    expect((res.imported[0] as unknown as { id: string }).id).toBe((res.imported[1] as unknown as { id: string }).id);
    expect(res.rejected).toEqual([
      { name: 'notes.txt', reason: 'Not a readable image.' },
      { name: 'broken.png', reason: expect.stringMatching(/readable|incomplete/) },
      { name: 'scan.tiff', reason: 'Unsupported image format (tiff).' },
      // Named by path, not an image by its first bytes: the same words as a file that is not
      // there, so a window learns neither size nor existence (issue 10).
      { name: 'huge.png', reason: 'Atelier could not open this as an image.' },
      { name: 'gone.png', reason: 'Atelier could not open this as an image.' },
    ]);
    expect(events.filter((e) => e.event === 'library.added')).toHaveLength(1);
  });
});

describe('the queue against Gemini’s quota', () => {
  it('starts no more requests per window than configured, against a server enforcing the same rate', async () => {
    const { atelier, call, generate, events } = await start({ tuning: { queueWindowMs: 1000 } });
    await call('settings.update', { quotas: { flash: { requestsPerMinute: 3, imagesPerMinute: null, requestsPerDay: null }, pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null } } });
    fx.fake.setQuota('gemini-nano-banana-2.1', { requestsPerMinute: 3, windowMs: 1000 });
    for (let i = 0; i < 7; i++) await generate({ prompt: `job ${i}` });
    await atelier.queue.whenIdle();
    expect(atelier.queue.list().every((j) => j.state === 'succeeded')).toBe(true);
    // Paced over at least two windows (7 jobs at 3 per window). Whether the server counted them
    // exactly as sent depends on delivery jitter — this fake shares the test's event loop — so the
    // 0-429 figure is measured by `npm run bench`, with the fake in its own process.
    const starts = events.filter((e) => e.event === 'job.updated' && (e.payload as { state: string }).state === 'running').map((e) => (e.payload as { startedAt: number }).startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(2000);
    expect(fx.fake.stats('gemini-nano-banana-2.1').accepted).toBe(7);
  });

  it('against a stricter server, honours every retry delay and still finishes every job', async () => {
    const { atelier, call, generate } = await start({ tuning: { queueWindowMs: 1000 } });
    await call('settings.update', { quotas: { flash: { requestsPerMinute: 4, imagesPerMinute: null, requestsPerDay: null }, pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null } } });
    fx.fake.setQuota('gemini-nano-banana-2.1', { requestsPerMinute: 2, windowMs: 1000 });
    for (let i = 0; i < 6; i++) await generate({ prompt: `job ${i}` });
    await atelier.queue.whenIdle();
    expect(atelier.queue.list().every((j) => j.state === 'succeeded')).toBe(true);
    const calls = generateCalls();
    const promptOf = (r: (typeof calls)[number]) => (r.body as { contents: Array<{ parts: Array<{ text: string }> }> }).contents[0]!.parts[0]!.text;
    const refused = calls.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      // The same job's next attempt comes no earlier than the delay the server asked for.
      const retry = calls.find((c) => c.at > r.at && promptOf(c) === promptOf(r))!;
      expect(retry.at).toBeGreaterThanOrEqual(r.at + r.retryDelayMs!);
    }
  });

  it('retries a 503 with backoff and succeeds', async () => {
    const { atelier, generate } = await start();
    fx.fake.enqueue({ kind: 'error', status: 503 }, { kind: 'error', status: 503 });
    const job = await generate({ prompt: 'busy day' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', attempt: 3 });
  });

  it('retries a connection that closed without an answer (reached, so not offline), then finishes', async () => {
    const { atelier, generate } = await start();
    fx.fake.enqueue({ kind: 'drop' });
    const job = await generate({ prompt: 'patience' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', attempt: 2 });
    expect(atelier.queue.status().offline).toBe(false);
  });

  it('cancels a job in flight: the HTTP request is aborted and nothing is kept', async () => {
    const { atelier, generate, call } = await start();
    fx.fake.enqueue({ kind: 'hang' });
    const job = await generate({ prompt: 'never mind' });
    await expect.poll(() => generateCalls().length).toBe(1);
    await call('jobs.cancel', { id: job.id });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(job.id)).toMatchObject({ state: 'cancelled' });
    expect(count(atelier, 'generations')).toBe(0);
  });

  it('re-sends a job that was in flight when the app stopped, once, and says it may be billed twice', async () => {
    const first = await start();
    fx.fake.enqueue({ kind: 'hang' });
    const job = await first.generate({ prompt: 'interrupted lighthouse' });
    await expect.poll(() => generateCalls().length).toBe(1);
    await first.stop();
    const second = await start({ userDataDir: first.userDataDir });
    await second.atelier.queue.whenIdle();
    expect(generateCalls()).toHaveLength(2);
    expect(second.atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', resent: true });
  });
});

describe('conversations', () => {
  it('turn 3 after a restart sends turns 1–2 exactly as before, signatures on their parts', async () => {
    fx.fake.strictSignatures = true;
    const first = await start();
    const conv = await first.call<{ id: string }>('chat.create', { tier: 'pro' });
    const send = (s: typeof first, prompt: string) =>
      s.call<Job>('chat.send', { conversationId: conv.id, prompt, aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: true, references: [] });
    await send(first, 'a lighthouse on a cliff');
    await first.atelier.queue.whenIdle();
    await send(first, 'make the sky stormy');
    await first.atelier.queue.whenIdle();
    await first.stop();

    const second = await start({ userDataDir: first.userDataDir });
    const job3 = await send(second, 'add a small boat');
    await second.atelier.queue.whenIdle();
    expect(second.atelier.queue.get(job3.id).error).toBeNull();
    expect(second.atelier.queue.get(job3.id)).toMatchObject({ state: 'succeeded' });

    const [r1, r2, r3] = generateCalls().map((r) => r.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> });
    expect(r1!.contents).toHaveLength(1);
    expect(r2!.contents).toHaveLength(3);
    expect(r3!.contents).toHaveLength(5);
    expect(r3!.contents.slice(0, 3)).toEqual(r2!.contents);
    expect(r3!.contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    const model2 = r3!.contents[3]!.parts;
    expect(model2.some((p) => p.thought)).toBe(true);
    for (const p of model2.filter((p) => !p.thought && p.inlineData)) expect(fx.fake.issuedSignatures.has(p.thoughtSignature as string)).toBe(true);

    const conversation = await second.call<{ turns: Array<{ role: string; assetIds: string[] }>; pendingJob: unknown }>('chat.get', { id: conv.id });
    expect(conversation.turns.map((t) => t.role)).toEqual(['user', 'model', 'user', 'model', 'user', 'model']);
    expect(conversation.turns.filter((t) => t.role === 'model').every((t) => t.assetIds.length === 1)).toBe(true);
    expect(conversation.pendingJob).toBeNull();
    // Every image of every turn is a library asset.
    expect(count(second.atelier, 'assets')).toBe(3);
  });

  it('leaves a blocked turn out of the history sent next, as the SDK’s Chat does', async () => {
    const s = await start();
    const conv = await s.call<{ id: string }>('chat.create', { tier: 'flash' });
    const send = (prompt: string) => s.call<Job>('chat.send', { conversationId: conv.id, prompt, aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] });
    await send('a cat');
    await s.atelier.queue.whenIdle();
    fx.fake.enqueue({ kind: 'imageBlocked' });
    await send('something blocked');
    await s.atelier.queue.whenIdle();
    await send('a dog instead');
    await s.atelier.queue.whenIdle();
    const last = generateCalls().at(-1)!.body as { contents: Array<{ parts: Array<{ text?: string }> }> };
    expect(last.contents.map((c) => c.parts.find((p) => p.text)?.text ?? '')).toEqual([expect.any(String), expect.any(String), 'a dog instead'].map((x, i) => (i === 0 ? 'a cat' : x)));
    expect(last.contents).toHaveLength(3);
  });

  it('branches from a turn: a new chat with the turns so far, signatures kept, counted one turn per exchange', async () => {
    fx.fake.strictSignatures = true;
    const s = await start();
    const conv = await s.call<{ id: string }>('chat.create', { tier: 'pro' });
    const send = (conversationId: string, prompt: string) =>
      s.call<Job>('chat.send', { conversationId, prompt, aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: true, references: [] });
    await send(conv.id, 'a lighthouse on a cliff');
    await s.atelier.queue.whenIdle();
    await send(conv.id, 'make the sky stormy');
    await s.atelier.queue.whenIdle();
    const original = await s.call<{ turns: Array<{ index: number; role: string; assetIds: string[] }> }>('chat.get', { id: conv.id });
    const firstAnswer = original.turns.find((t) => t.role === 'model')!;

    const branch = await s.call<{ id: string; title: string; turns: Array<{ role: string; text: string | null; assetIds: string[] }>; pendingJob: unknown }>('chat.branch', {
      conversationId: conv.id,
      turnIndex: firstAnswer.index,
    });
    expect(branch.id).not.toBe(conv.id);
    expect(branch.turns.map((t) => t.role)).toEqual(['user', 'model']);
    // The copied answer shows the same picture; nothing new entered the library.
    expect(branch.turns[1]!.assetIds).toEqual(firstAnswer.assetIds);
    expect(branch.pendingJob).toBeNull();

    const job = await send(branch.id, 'make it a sunny morning instead');
    await s.atelier.queue.whenIdle();
    expect(s.atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', error: null });
    const sent = generateCalls().at(-1)!.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };
    expect(sent.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    // The first answer goes back exactly as it was received, its signature with it.
    const first = generateCalls()[0]!.body as { contents: unknown[] };
    const second = generateCalls()[1]!.body as { contents: unknown[] };
    expect(sent.contents.slice(0, 2)).toEqual(second.contents.slice(0, 2));
    expect(first.contents).toHaveLength(1);

    const list = await s.call<Array<{ id: string; turns: number }>>('chat.list');
    expect(list.find((c) => c.id === conv.id)!.turns).toBe(2);
    expect(list.find((c) => c.id === branch.id)!.turns).toBe(2);

    // From a user turn the branch ends just before it; a turn that is not there is refused.
    const beforeSecond = await s.call<{ turns: unknown[] }>('chat.branch', { conversationId: conv.id, turnIndex: 2 });
    expect(beforeSecond.turns).toHaveLength(2);
    const missing = await s.tryCall('chat.branch', { conversationId: conv.id, turnIndex: 99 });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('batch', () => {
  it('submits prompts as one batch, polls it, imports the results at batch price', async () => {
    fx.fake.batchTiming = { pendingMs: 30, runningMs: 30 };
    fx.fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'promptBlocked' }, { kind: 'success' });
    const { atelier, call } = await start();
    const job = await call<Job>('batch.submit', { prompts: ['a red kite', 'blocked one', 'a blue lagoon'], tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false });
    expect(job).toMatchObject({ kind: 'batch', state: 'running' });
    await expect.poll(() => atelier.queue.get(job.id).state, { timeout: 5000 }).toBe('succeeded');
    const done = atelier.queue.get(job.id);
    expect(done.batch).toMatchObject({ total: 3, succeeded: 2, failed: 1, name: expect.stringMatching(/^batches\//) });
    expect(done.assetIds).toHaveLength(2);
    const gens = atelier.db.prepare('SELECT prompt, cost_usd FROM generations ORDER BY prompt').all() as Array<{ prompt: string; cost_usd: number }>;
    expect(gens.map((g) => g.prompt)).toEqual(['a blue lagoon', 'a red kite']);
    expect(fx.fake.batches).toHaveLength(1);
  });

  it('cancels a running batch at Google', async () => {
    fx.fake.batchTiming = { pendingMs: 10_000, runningMs: 10_000 };
    const { atelier, call } = await start();
    const job = await call<Job>('batch.submit', { prompts: ['slow'], tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false });
    await expect.poll(() => atelier.queue.get(job.id).batch?.name, { timeout: 3000 }).toBeTruthy();
    await call('jobs.cancel', { id: job.id });
    expect(atelier.queue.get(job.id).state).toBe('cancelled');
    expect(fx.fake.batches[0]!.state).toBe('BATCH_STATE_CANCELLED');
  });
});

describe('the key', () => {
  it('never reaches SQLite or the log, even when a server error echoes it', async () => {
    const { atelier, generate, userDataDir, stop } = await start();
    await generate({ prompt: 'a key-free world' });
    await atelier.queue.whenIdle();
    fx.fake.enqueue({ kind: 'error', status: 400, message: `Invalid value for field x: ${KEY}` });
    const bad = await generate({ prompt: 'second' });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(bad.id).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('[redacted]') });
    await stop();
    const libDir = path.join(userDataDir, 'library');
    for (const f of fs.readdirSync(libDir).filter((f) => f.startsWith('atelier.sqlite'))) {
      expect(fs.readFileSync(path.join(libDir, f)).includes(Buffer.from(KEY)), f).toBe(false);
    }
    expect(fs.readFileSync(path.join(userDataDir, 'logs', 'main.log'), 'utf8')).not.toContain(KEY);
  });
});

describe('retired models in stored work', () => {
  it('moves queued jobs and chats off a retired id at start and tells the window once', async () => {
    const first = await start();
    await first.call('queue.pause');
    const job = await first.generate({ prompt: 'from long ago', tier: 'pro' });
    const conv = await first.call<{ id: string }>('chat.create', { tier: 'pro' });
    first.atelier.db.prepare('UPDATE jobs SET model_id = ? WHERE id = ?').run('gemini-3-pro-image-preview', job.id);
    first.atelier.db.prepare('UPDATE conversations SET model_id = ? WHERE id = ?').run('gemini-3-pro-image-preview', conv.id);
    await first.stop();

    const second = await start({ userDataDir: first.userDataDir });
    expect(await second.call('app.notices')).toEqual([{ kind: 'info', message: expect.stringContaining('gemini-3-pro-image-preview has been retired') }]);
    expect(await second.call('app.notices')).toEqual([]);
    await second.atelier.queue.whenIdle();
    expect(second.atelier.queue.get(job.id)).toMatchObject({ state: 'succeeded', modelId: 'gemini-3-pro-image' });
    expect(await second.call('chat.get', { id: conv.id })).toMatchObject({ modelId: 'gemini-3-pro-image' });
  });
});

describe('issue 17 §4: retirements by the live list or a 404, never by table or date', () => {
  it('gemini-2.5-flash-image runs as itself while Google serves it, and is gone only once it answers 404', async () => {
    const { atelier, call, generate, events, job } = await start();
    const goneIds = async () => (await call<{ gone: Array<{ id: string }> }>('models.list')).gone.map((m) => m.id);
    fx.fake.addModel(gemini25FlashImage());
    const served = await generate({ prompt: 'an old friend', tier: 'flash', modelId: 'gemini-2.5-flash-image' });
    await atelier.queue.whenIdle();
    expect(await job(served.id)).toMatchObject({ state: 'succeeded', modelId: 'gemini-2.5-flash-image' });
    expect(generateCalls().at(-1)!.model).toBe('gemini-2.5-flash-image');
    expect(events.filter((e) => e.event === 'notice')).toEqual([]);
    expect(await goneIds()).not.toContain('gemini-2.5-flash-image');

    fx.fake.retireModel('gemini-2.5-flash-image');
    const refused = await generate({ prompt: 'once more', tier: 'flash', modelId: 'gemini-2.5-flash-image' });
    await atelier.queue.whenIdle();
    expect(await job(refused.id)).toMatchObject({ state: 'failed', modelId: 'gemini-2.5-flash-image', error: { code: 'model_not_found' } });
    expect(await goneIds()).toContain('gemini-2.5-flash-image');
  });
});

describe('variations', () => {
  it('generate.startSet makes N jobs of one request as one set, read back by jobs.set after a restart', async () => {
    const first = await start();
    const set = await first.call<{ setId: string; jobs: Job[] }>('generate.startSet', { prompt: 'four lighthouses', tier: 'flash', aspectRatio: '1:1', count: 4 });
    expect(set.jobs).toHaveLength(4);
    expect(set.jobs.every((j) => j.setId === set.setId && j.request.prompt === 'four lighthouses')).toBe(true);
    expect(new Set(set.jobs.map((j) => j.id)).size).toBe(4);
    await first.atelier.queue.whenIdle();
    expect(generateCalls()).toHaveLength(4);
    await first.stop();

    const second = await start({ userDataDir: first.userDataDir });
    const again = await second.call<Job[]>('jobs.set', { setId: set.setId });
    expect(again.map((j) => j.id)).toEqual(set.jobs.map((j) => j.id));
    expect(again.every((j) => j.state === 'succeeded' && j.assetIds.length === 1)).toBe(true);
    expect(await second.call<Job[]>('jobs.set', { setId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    // A single job belongs to no set.
    const single = await second.generate({ prompt: 'just one' });
    expect(single.setId).toBeNull();
  });

  it('refuses a set of 0 or 5, or a bad set id, with a clear message and makes no job', async () => {
    const { atelier, tryCall } = await start();
    for (const count of [0, 5, 2.5]) {
      const res = await tryCall('generate.startSet', { prompt: 'too many', tier: 'flash', aspectRatio: '1:1', count });
      expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    }
    expect(await tryCall('generate.startSet', { prompt: 'how many?', tier: 'flash', aspectRatio: '1:1' })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await tryCall('jobs.set', { setId: 'not-an-id' })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(count(atelier, 'jobs')).toBe(0);
  });

  it('refuses a whole set that would pass the budget, even when one of them would fit', async () => {
    const { atelier, call, tryCall } = await start();
    await call('settings.update', { monthlyBudgetUsd: 0.3 });
    const res = await tryCall('generate.startSet', { prompt: 'four expensive ones', tier: 'pro', aspectRatio: '1:1', count: 4 });
    expect(res).toMatchObject({ ok: false, code: 'over_budget', message: expect.stringMatching(/past your \$0\.30 budget/) });
    expect(count(atelier, 'jobs')).toBe(0);
    expect(await tryCall('generate.start', { prompt: 'one fits', tier: 'pro', aspectRatio: '1:1' })).toMatchObject({ ok: true });
  });
});
