/**
 * What a compromised window could once do to stored data, through the real router and services:
 * store a model id that bricks the queue panel, or send a list so long SQLite gives up.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/db';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { atelierFixture } from '../../support/atelierFixture';
import { tempDir } from '../../support/tmp';

const fx = atelierFixture({ key: 'AIzaWindowTrustTest00000000000000000000', options: { libraryCheckDelayMs: 60_000 } });

async function start(userDataDir = tempDir()) {
  const { atelier: a, tryCall: call } = await fx.start({ userDataDir });
  return { a, call };
}

describe('model ids from the window', () => {
  it.each([
    ['chat.create', { tier: 'flash', modelId: 'gemini x; DROP TABLE jobs' }],
    ['chat.create', { tier: 'flash', modelId: 'A'.repeat(500) }],
    ['batch.submit', { tier: 'pro', modelId: '../../etc/passwd', prompts: ['a cat'], aspectRatio: null }],
    ['generate.start', { tier: 'flash', modelId: 'Gemini Pro', prompt: 'a cat', aspectRatio: null }],
  ])('%s refuses a malformed model id and stores nothing', async (route, input) => {
    const { a, call } = await start();
    expect(await call(route, input)).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringContaining('Not a model id') });
    expect(a.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    expect(a.db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(0);
    expect(await call('jobs.list', {})).toMatchObject({ ok: true });
  });

  it('bounds every list in a library query (40,000 ids once gave "too many SQL variables")', async () => {
    const { call } = await start();
    const res = await call('library.search', { modelIds: Array.from({ length: 40_000 }, (_, i) => `gemini-${i}`) });
    expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await call('library.search', { modelIds: ['gemini-3-pro-image'] })).toMatchObject({ ok: true });
  });
});

describe('migration 0060 repairs bad model ids stored before it', () => {
  it('moves a conversation to its tier model, fails an unfinished job that could never run, and jobs.list works again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'library', 'atelier.sqlite');
    await import('node:fs').then((fs) => fs.mkdirSync(path.dirname(file), { recursive: true }));
    const raw = new Database(file);
    migrate(raw, MIGRATIONS.filter((m) => m.version < 60));
    const now = Date.now();
    raw.prepare('INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('c1', 'Cats', 'pro', 'EVIL MODEL', now, now);
    const insertJob = raw.prepare(
      "INSERT INTO jobs (id, kind, state, request_json, model_id, seq, conversation_id, created_at, finished_at) VALUES (?, 'chat', ?, ?, ?, ?, 'c1', ?, ?)",
    );
    const request = (modelId: string) => JSON.stringify({ prompt: 'a cat', tier: 'pro', modelId, aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 });
    insertJob.run('11111111-1111-4111-8111-111111111111', 'queued', request('EVIL MODEL'), 'EVIL MODEL', 1, now, null);
    insertJob.run('22222222-2222-4222-8222-222222222222', 'succeeded', request('EVIL MODEL'), 'EVIL MODEL', 2, now, now);
    insertJob.run('33333333-3333-4333-8333-333333333333', 'queued', request('gemini-3-pro-image'), 'gemini-3-pro-image', 3, now, null);
    raw.close();

    const { a, call } = await start(dir);
    expect(a.db.prepare('SELECT model_id FROM conversations').pluck().get()).toMatch(/^[a-z0-9][a-z0-9.-]+$/);
    const rows = a.db.prepare('SELECT id, state, model_id AS modelId, error_message AS error FROM jobs ORDER BY seq').all() as Array<{ state: string; modelId: string | null; error: string | null }>;
    expect(rows[0]).toMatchObject({ state: 'failed', modelId: null, error: expect.stringContaining('model id that is not valid') });
    expect(rows[1]).toMatchObject({ state: 'succeeded', modelId: null });
    expect(rows[2]).toMatchObject({ modelId: 'gemini-3-pro-image' });
    const list = await call('jobs.list', {});
    expect(list.ok).toBe(true);
  });
});
