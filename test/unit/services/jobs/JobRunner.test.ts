/** Jobs through the whole service stack (createAtelier), the real SDK and the fake Gemini server. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/ipc/contract';
import { createAtelier, type Atelier } from '../../../../electron/services/atelier';
import { startFakeGemini, type FakeGemini, type Outcome } from '../../../fake-gemini/server';
import { createTestEncryptor } from '../../../harness/testEncryptor';
import { tempDir } from '../../../support/tmp';

const KEY = 'AIzaJobRunnerKey00000000000000000000000';
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
  });
  open.push(atelier);
  const events: Array<{ event: EventName; payload: unknown }> = [];
  atelier.events.onAny((event, payload) => events.push({ event, payload }));
  const call = (route: string, input?: unknown) => atelier.router.handle(sender, route, input);
  return { atelier, events, call, userDataDir };
}

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

function countRows(a: Atelier, table: string): number {
  return a.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('generation jobs', () => {
  it('runs a job to a stored image with its generation record', async () => {
    const { atelier, events, call, userDataDir } = await start();
    const res = await call('generate.start', { prompt: 'a paper boat', tier: 'pro', aspectRatio: '4:3' });
    expect(res).toMatchObject({ ok: true, data: { state: 'queued' } });
    await atelier.jobs.whenIdle();

    const jobs = await call('jobs.list');
    expect(jobs).toMatchObject({ ok: true, data: [{ state: 'succeeded', modelId: 'gemini-3-pro-image', assetIds: [expect.any(String)] }] });
    const assetId = (jobs as { data: Array<{ assetIds: string[] }> }).data[0]!.assetIds[0]!;
    const detail = await call('library.get', { id: assetId });
    expect(detail).toMatchObject({
      ok: true,
      data: { width: 1200, height: 896, generation: { prompt: 'a paper boat', modelId: 'gemini-3-pro-image', params: { aspectRatio: '4:3' } } },
    });
    expect(events.map((e) => e.event)).toEqual(['job.updated', 'job.updated', 'library.added', 'job.updated']);
    expect(filesIn(path.join(userDataDir, 'library', 'files'))).toHaveLength(1);
    expect(filesIn(path.join(userDataDir, 'library', 'thumbs'))).toHaveLength(1);
  });

  const failures: Array<[Outcome, string]> = [
    [{ kind: 'error', status: 429, retryDelaySeconds: 30 }, 'quota'],
    [{ kind: 'error', status: 500 }, 'server'],
    [{ kind: 'imageBlocked', reason: 'IMAGE_SAFETY' }, 'image_blocked'],
    [{ kind: 'noImage' }, 'no_image'],
    [{ kind: 'promptBlocked' }, 'prompt_blocked'],
  ];
  for (const [outcome, code] of failures) {
    it(`fails a job on ${outcome.kind} ${'status' in outcome ? outcome.status : ''} with code ${code} and writes nothing`, async () => {
      const { atelier, call, userDataDir } = await start();
      fake.enqueue(outcome);
      await call('generate.start', { prompt: 'a storm', tier: 'flash', aspectRatio: '1:1' });
      await atelier.jobs.whenIdle();
      const jobs = (await call('jobs.list')) as { ok: true; data: Array<{ state: string; error: { code: string; message: string } }> };
      expect(jobs.data[0]).toMatchObject({ state: 'failed', error: { code } });
      expect(jobs.data[0]!.error.message.length).toBeGreaterThan(20);
      expect(countRows(atelier, 'assets')).toBe(0);
      expect(countRows(atelier, 'generations')).toBe(0);
      for (const sub of ['files', 'thumbs', 'tmp']) expect(filesIn(path.join(userDataDir, 'library', sub))).toEqual([]);
    });
  }

  it('refuses to start a job without a key and creates nothing', async () => {
    const atelier = await createAtelier({
      userDataDir: tempDir(),
      rendererDir: tempDir(),
      trustedOrigin: () => ORIGIN,
      appVersion: 'test',
      keychain: null,
      encryptor: createTestEncryptor(),
      env: { GEMINI_BASE_URL: fake.url },
    });
    open.push(atelier);
    const res = await atelier.router.handle(sender, 'generate.start', { prompt: 'x', tier: 'flash', aspectRatio: '1:1' });
    expect(res).toMatchObject({ ok: false, code: 'no_key' });
    expect(countRows(atelier, 'jobs')).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('re-sends a job that was in flight when the app stopped, once, after restart', async () => {
    const first = await start();
    fake.enqueue({ kind: 'hang' });
    await first.call('generate.start', { prompt: 'interrupted lighthouse', tier: 'flash', aspectRatio: '1:1' });
    await expect.poll(() => fake.requests.filter((r) => r.action === 'generateContent').length).toBe(1);
    await first.atelier.dispose();
    open.splice(open.indexOf(first.atelier), 1);

    const second = await start(first.userDataDir);
    await second.atelier.jobs.whenIdle();
    expect(fake.requests.filter((r) => r.action === 'generateContent')).toHaveLength(2);
    const jobs = (await second.call('jobs.list')) as { data: Array<{ state: string; prompt: string }> };
    expect(jobs.data).toMatchObject([{ state: 'succeeded', prompt: 'interrupted lighthouse' }]);
    expect(countRows(second.atelier, 'assets')).toBe(1);
  });

  it('never writes the key to SQLite or the log', async () => {
    const { atelier, call, userDataDir } = await start();
    await call('generate.start', { prompt: 'a key-free world', tier: 'flash', aspectRatio: '1:1' });
    // A server message that echoes the key must not carry it into the job row or the log.
    fake.enqueue({ kind: 'error', status: 400, message: `Invalid value for field x: ${KEY}` });
    await call('generate.start', { prompt: 'second', tier: 'flash', aspectRatio: '1:1' });
    await atelier.jobs.whenIdle();
    const jobs = (await call('jobs.list')) as { data: Array<{ error: { code: string; message: string } | null }> };
    expect(jobs.data[0]!.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('[redacted]') });
    await atelier.dispose();
    open.splice(open.indexOf(atelier), 1);
    const libDir = path.join(userDataDir, 'library');
    for (const f of fs.readdirSync(libDir).filter((f) => f.startsWith('atelier.sqlite'))) {
      expect(fs.readFileSync(path.join(libDir, f)).includes(Buffer.from(KEY)), f).toBe(false);
    }
    expect(fs.readFileSync(path.join(userDataDir, 'logs', 'main.log'), 'utf8')).not.toContain(KEY);
  });
});
