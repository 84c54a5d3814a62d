/**
 * References dropped or pasted are held as the request's own inputs: they enter the library only
 * when a job that used them succeeds (then as linked sources in the lineage), and one removed
 * before generating leaves nothing behind. Through createAtelier, the router, the real SDK and
 * the fake Gemini server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDetail, EventName, GenerateRequestInput, HoldOutcome, Job } from '../../../../shared/ipc/contract';
import { createAtelier, type Atelier } from '../../../../electron/atelier';
import { HELD_WORDS, HOLD_FOR_MS } from '../../../../electron/services/references/HeldInputs';
import { makePng } from '../../../fake-gemini/png';
import { startFakeGemini, type FakeGemini } from '../../../fake-gemini/server';
import { createTestEncryptor } from '../../../harness/testEncryptor';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';

const KEY = 'AIzaHeldInputsTestKey00000000000000000000';
const ORIGIN = 'app://atelier';
const sender = { url: `${ORIGIN}/`, isMainFrame: true };
let fake: FakeGemini;
const open: Atelier[] = [];

beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
afterEach(async () => {
  for (const a of open.splice(0)) await a.dispose().catch(() => {});
  fake.reset();
});

async function start(userDataDir = tempDir()) {
  const atelier = await createAtelier({
    userDataDir,
    rendererDir: tempDir(),
    trustedOrigin: () => ORIGIN,
    appVersion: 'test',
    keychain: null,
    encryptor: createTestEncryptor(Buffer.alloc(32, 7)),
    env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: fake.url },
    backoff: { baseMs: 50, maxMs: 200, maxAttempts: 3 },
  });
  open.push(atelier);
  const events: Array<{ event: EventName; payload: unknown }> = [];
  atelier.events.onAny((event, payload) => events.push({ event, payload }));
  const call = async <T = unknown>(route: string, input?: unknown): Promise<T> => {
    const res = await atelier.router.handle(sender, route, input);
    if (!res.ok) throw Object.assign(new Error(res.message), { code: res.code });
    return res.data as T;
  };
  const hold = async (files: Array<{ name: string; bytes?: Buffer; path?: string }>) =>
    (await call<{ outcomes: HoldOutcome[] }>('references.hold', { files: files.map((f) => (f.path ? { name: f.name, path: f.path } : { name: f.name, dataBase64: f.bytes!.toString('base64') })) })).outcomes;
  const holdOne = async (name: string, bytes: Buffer) => {
    const [o] = await hold([{ name, bytes }]);
    if (!o || !('held' in o)) throw new Error(`not held: ${JSON.stringify(o)}`);
    return o.held;
  };
  const generate = (req: Partial<GenerateRequestInput> & { prompt: string }) => call<Job>('generate.start', { tier: 'flash', aspectRatio: null, ...req });
  const stop = async () => {
    await atelier.dispose();
    open.splice(open.indexOf(atelier), 1);
  };
  return { atelier, events, call, hold, holdOne, generate, stop, userDataDir };
}

const count = (a: Atelier, sql: string, ...args: unknown[]) => a.db.prepare(`SELECT count(*) FROM ${sql}`).pluck().get(...args) as number;
const assets = (a: Atelier) => count(a, 'assets');
const fileOf = (a: Atelier, sha256: string, mime = 'image/png') => a.library.store.originalPath(sha256, mime);
const generateCalls = () => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
const sentImages = (i: number) =>
  (generateCalls()[i]!.body as { contents: Array<{ parts: Array<{ inlineData?: { data: string } }> }> }).contents[0]!.parts
    .filter((p) => p.inlineData)
    .map((p) => Buffer.from(p.inlineData!.data, 'base64'));

describe('holding a dropped photo', () => {
  it('keeps it by hash outside the library, with a preview the window can load', async () => {
    const { atelier, holdOne } = await start();
    const photo = await pngOf(640, 480, [20, 120, 200]);
    const held = await holdOne('beach.png', photo);
    expect(held).toMatchObject({ mime: 'image/png', width: 640, height: 480, previewUrl: `/held/${held.sha256}` });
    expect(assets(atelier)).toBe(0);
    expect(count(atelier, 'held_inputs WHERE sha256 = ?', held.sha256)).toBe(1);
    expect(fs.readFileSync(fileOf(atelier, held.sha256)).equals(photo)).toBe(true);
    const preview = await atelier.handleRequest(new Request(`${ORIGIN}${held.previewUrl}`));
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect((await atelier.handleRequest(new Request(`${ORIGIN}/held/${'0'.repeat(64)}`))).status).toBe(404);
  });

  it('refuses bad files in a person’s words, holds the good one, and logs the detail', async () => {
    const { atelier, hold, userDataDir } = await start();
    const dir = tempDir();
    const empty = path.join(dir, 'empty.png');
    fs.writeFileSync(empty, '');
    const huge = path.join(dir, 'huge.png');
    // A PNG's signature, then sparse zeros to 60 MB: no disk used. Only an image learns its size.
    fs.writeFileSync(huge, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    fs.truncateSync(huge, 60 * 1024 * 1024);
    const hugeText = path.join(dir, 'huge.txt');
    fs.writeFileSync(hugeText, '');
    fs.truncateSync(hugeText, 60 * 1024 * 1024);
    const photo = await makePng({ width: 400, height: 300, label: 'good' });
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    const outcomes = await hold([
      { name: 'notes.txt', bytes: Buffer.from('just some words, not a picture') },
      { name: 'empty.png', path: empty },
      { name: 'broken.png', bytes: photo.subarray(0, 200) },
      { name: 'huge.png', path: huge },
      { name: 'huge.txt', path: hugeText },
      { name: 'missing.png', path: path.join(dir, 'nowhere.png') },
      { name: 'tiny.gif', bytes: gif },
      { name: 'good.png', bytes: photo },
    ]);
    expect(outcomes).toEqual([
      { name: 'notes.txt', error: HELD_WORDS.notImage },
      { name: 'empty.png', error: HELD_WORDS.empty },
      { name: 'broken.png', error: HELD_WORDS.damaged },
      { name: 'huge.png', error: HELD_WORDS.tooBig },
      { name: 'huge.txt', error: HELD_WORDS.notImage },
      { name: 'missing.png', error: HELD_WORDS.notImage },
      { name: 'tiny.gif', error: HELD_WORDS.notImage },
      { name: 'good.png', held: expect.objectContaining({ width: 400, height: 300 }) },
    ]);
    expect(HELD_WORDS.notImage).toBe('This file is not an image we can read.');
    // No library words leak into the sentences; the internal detail is in the log instead.
    for (const o of outcomes) if ('error' in o) expect(o.error).not.toMatch(/sharp|sqlite|ENOENT|CorruptImage|Unsupported image format/i);
    expect(count(atelier, 'held_inputs')).toBe(1);
    expect(assets(atelier)).toBe(0);
    await atelier.dispose();
    open.splice(open.indexOf(atelier), 1);
    const log = fs.readdirSync(path.join(userDataDir, 'logs')).map((f) => fs.readFileSync(path.join(userDataDir, 'logs', f), 'utf8')).join('');
    expect(log).toContain('references: a file was refused');
    expect(log).toContain('ENOENT');
    expect(log).toMatch(/cut off|incomplete|damaged/);
  });

  it('refuses more files than a drop may bring, at the border', async () => {
    const { atelier } = await start();
    const files = Array.from({ length: 15 }, (_, i) => ({ name: `f${i}.png`, dataBase64: 'AAAA' }));
    expect(await atelier.router.handle(sender, 'references.hold', { files })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await atelier.router.handle(sender, 'references.release', { sha256s: ['not-a-hash'] })).toMatchObject({ ok: false, code: 'bad_input' });
  });
});

describe('a job that used a held photo', () => {
  it('succeeds: the photo joins the library once, as a source in the result’s lineage, and Gemini got its bytes', async () => {
    const { atelier, holdOne, call, events } = await start();
    const photo = await makePng({ width: 800, height: 600, label: 'sketch' });
    const held = await holdOne('sketch.png', photo);
    const set = await call<{ jobs: Job[] }>('generate.startSet', { tier: 'flash', aspectRatio: null, prompt: 'an oil painting of this sketch', references: [{ heldSha256: held.sha256, kind: 'object' }], count: 2 });
    await atelier.queue.whenIdle();
    expect(sentImages(0)[0]!.equals(photo)).toBe(true);
    expect(sentImages(1)[0]!.equals(photo)).toBe(true);
    const jobs = set.jobs.map((j) => atelier.queue.get(j.id));
    expect(jobs.map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    // One imported photo (deduplicated by hash across the set) and two results.
    expect(assets(atelier)).toBe(3);
    const source = atelier.db.prepare("SELECT id, name, source FROM assets WHERE sha256 = ?").all(held.sha256) as Array<{ id: string; name: string; source: string }>;
    expect(source).toEqual([{ id: expect.any(String), name: 'sketch.png', source: 'imported' }]);
    expect(count(atelier, 'held_inputs')).toBe(0);
    for (const j of jobs) {
      const detail = await call<AssetDetail>('library.get', { id: j.assetIds[0] });
      expect(detail.source).toBe('edited');
      expect(detail.lineage.map((n) => n.id)).toContain(source[0]!.id);
      // The stored request names the asset the photo became, so "Reuse settings" finds it.
      expect(detail.generation!.params.references).toEqual([{ assetId: source[0]!.id, kind: 'object' }]);
    }
    const added = events.filter((e) => e.event === 'library.added').flatMap((e) => e.payload as Array<{ id: string }>);
    expect(added.filter((a) => a.id === source[0]!.id)).toHaveLength(1);
    // The chip's preview keeps working once the photo is an asset.
    expect((await atelier.handleRequest(new Request(`${ORIGIN}${held.previewUrl}`))).status).toBe(200);
  });

  it('links the library image when the same photo is already an asset', async () => {
    const { atelier, holdOne, call, generate } = await start();
    const photo = await pngOf(300, 300, [90, 90, 10]);
    const { imported } = await call<{ imported: Array<{ id: string }> }>('library.import', { files: [{ name: 'known.png', dataBase64: photo.toString('base64') }] });
    const held = await holdOne('again.png', photo);
    const job = await generate({ prompt: 'the same, in blue', references: [{ heldSha256: held.sha256, kind: 'object' }] });
    await atelier.queue.whenIdle();
    expect(assets(atelier)).toBe(2);
    const detail = await call<AssetDetail>('library.get', { id: atelier.queue.get(job.id).assetIds[0] });
    expect(detail.lineage.map((n) => n.id)).toContain(imported[0]!.id);
  });

  it('fails or is cancelled: nothing enters the library and the photo stays held for a retry', async () => {
    const { atelier, holdOne, generate, call } = await start();
    const photo = await pngOf(320, 200, [200, 30, 30]);
    const held = await holdOne('red.png', photo);
    const refs = [{ heldSha256: held.sha256, kind: 'object' as const }];
    fake.enqueue({ kind: 'error', status: 400, message: 'Invalid argument' });
    const failed = await generate({ prompt: 'this one fails', references: refs });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(failed.id).state).toBe('failed');

    fake.enqueue({ kind: 'hang' });
    const cancelled = await generate({ prompt: 'this one is cancelled', references: refs });
    await expect.poll(() => generateCalls().length).toBe(2);
    await call('jobs.cancel', { id: cancelled.id });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(cancelled.id).state).toBe('cancelled');

    expect(assets(atelier)).toBe(0);
    expect(count(atelier, 'held_inputs')).toBe(1);
    // A retry still has the photo: released or not, a job that may be retried keeps it.
    expect(await call<{ released: number }>('references.release', { sha256s: [held.sha256] })).toEqual({ released: 0 });
    await call('jobs.retry', { id: failed.id });
    await atelier.queue.whenIdle();
    expect(atelier.queue.get(failed.id).state).toBe('succeeded');
    expect(assets(atelier)).toBe(2);
  });

  it('a stale held reference is refused before queueing, in words', async () => {
    const { generate } = await start();
    await expect(generate({ prompt: 'x', references: [{ heldSha256: 'a'.repeat(64), kind: 'object' }] })).rejects.toMatchObject({ code: 'not_found', message: HELD_WORDS.gone });
  });
});

describe('letting go', () => {
  it('release removes a photo nothing uses (row and files) and keeps one a waiting job needs', async () => {
    const { atelier, holdOne, call, generate } = await start();
    const unused = await holdOne('unused.png', await pngOf(200, 100, [1, 2, 3]));
    const needed = await holdOne('needed.png', await pngOf(100, 200, [4, 5, 6]));
    expect(fs.existsSync(fileOf(atelier, unused.sha256))).toBe(true);
    await call('queue.pause');
    const job = await generate({ prompt: 'waits', references: [{ heldSha256: needed.sha256, kind: 'object' }] });
    expect(await call('references.release', { sha256s: [unused.sha256, needed.sha256] })).toEqual({ released: 1 });
    expect(count(atelier, 'held_inputs WHERE sha256 = ?', unused.sha256)).toBe(0);
    expect(fs.existsSync(fileOf(atelier, unused.sha256))).toBe(false);
    expect(fs.existsSync(atelier.library.store.thumbPath(unused.sha256))).toBe(false);
    expect(count(atelier, 'held_inputs WHERE sha256 = ?', needed.sha256)).toBe(1);
    expect(fs.existsSync(fileOf(atelier, needed.sha256))).toBe(true);
    expect(generateCalls()).toHaveLength(0);
    expect(atelier.queue.get(job.id).state).toBe('queued');
    expect(assets(atelier)).toBe(0);
  });

  it('release keeps the file when the same bytes are a library image', async () => {
    const { atelier, holdOne, call } = await start();
    const photo = await pngOf(120, 120, [7, 8, 9]);
    await call('library.import', { files: [{ name: 'kept.png', dataBase64: photo.toString('base64') }] });
    const held = await holdOne('kept-again.png', photo);
    expect(await call('references.release', { sha256s: [held.sha256] })).toEqual({ released: 1 });
    expect(fs.existsSync(fileOf(atelier, held.sha256))).toBe(true);
    expect(assets(atelier)).toBe(1);
  });

  it('after a restart, a waiting job keeps its photo (old or not) while day-old unused ones are swept', async () => {
    const first = await start();
    const needed = await first.holdOne('needed.png', await pngOf(256, 128, [10, 20, 30]));
    const stale = await first.holdOne('stale.png', await pngOf(128, 256, [30, 20, 10]));
    const fresh = await first.holdOne('fresh.png', await pngOf(128, 128, [50, 50, 50]));
    await first.call('queue.pause');
    const job = await first.generate({ prompt: 'after the restart', references: [{ heldSha256: needed.sha256, kind: 'object' }] });
    // Two of them were held more than a day ago.
    first.atelier.db.prepare('UPDATE held_inputs SET held_at = held_at - ? WHERE sha256 IN (?, ?)').run(HOLD_FOR_MS + 60_000, needed.sha256, stale.sha256);
    await first.stop();

    const second = await start(first.userDataDir);
    const left = second.atelier.db.prepare('SELECT sha256 FROM held_inputs').pluck().all() as string[];
    expect(left.sort()).toEqual([needed.sha256, fresh.sha256].sort());
    expect(fs.existsSync(fileOf(second.atelier, stale.sha256))).toBe(false);
    expect(fs.existsSync(fileOf(second.atelier, needed.sha256))).toBe(true);
    await second.call('queue.resume');
    await second.atelier.queue.whenIdle();
    expect(second.atelier.queue.get(job.id).state).toBe('succeeded');
    expect(sentImages(0)[0]!.equals(fs.readFileSync(fileOf(second.atelier, needed.sha256)))).toBe(true);
    expect(count(second.atelier, 'assets WHERE sha256 = ?', needed.sha256)).toBe(1);
  });
});

describe('chat', () => {
  it('a photo held for a message joins the library with the answer', async () => {
    const { atelier, holdOne, call } = await start();
    const photo = await pngOf(300, 200, [60, 160, 60]);
    const held = await holdOne('garden.png', photo);
    const conv = await call<{ id: string }>('chat.create', { tier: 'flash' });
    await call('queue.pause');
    await call('chat.send', { conversationId: conv.id, prompt: 'make it autumn', aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [{ heldSha256: held.sha256, kind: 'object' }] });
    // Waiting for the answer: the message shows the held photo, and the library has not grown.
    const waiting = await call<{ turns: Array<{ role: string; assetIds: string[]; heldUrls?: string[] }> }>('chat.get', { id: conv.id });
    expect(waiting.turns).toEqual([expect.objectContaining({ role: 'user', assetIds: [], heldUrls: [held.previewUrl] })]);
    expect(assets(atelier)).toBe(0);
    await call('queue.resume');
    await atelier.queue.whenIdle();
    expect(sentImages(0)[0]!.equals(photo)).toBe(true);
    const chat = await call<{ turns: Array<{ role: string; assetIds: string[] }> }>('chat.get', { id: conv.id });
    const userTurn = chat.turns.find((t) => t.role === 'user')!;
    expect(userTurn).toMatchObject({ assetIds: [expect.any(String)] });
    expect(userTurn).not.toHaveProperty('heldUrls');
    expect(count(atelier, 'assets WHERE sha256 = ?', held.sha256)).toBe(1);
    expect(count(atelier, 'held_inputs')).toBe(0);
  });
});
