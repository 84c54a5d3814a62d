/** 0180: the prompt library's table, on a library from before it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0180', () => {
  it('adds saved_prompts and smart_collections to a library from before it, keeping its generations, and refuses rows that break its checks', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 180) });
    old.prepare("INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g1', 'j1', 'a kept prompt', 'flash', 'm', '{}', 1, 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'saved_prompts'").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 180').pluck().get()).toBe(180);
    expect(db.prepare("SELECT prompt FROM generations WHERE id = 'g1'").pluck().get()).toBe('a kept prompt');
    const insert = db.prepare('INSERT INTO saved_prompts (id, name, prompt, tags_json, request_json, created_at) VALUES (?, ?, ?, ?, ?, 1)');
    insert.run('p1', 'Lighthouse', 'a lighthouse', '["sea"]', '{"prompt":"a lighthouse","tier":"flash"}');
    expect(() => insert.run('p2', '', 'x', '[]', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('p3', 'n', 'x', '{"not":"an array"}', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('p4', 'n', 'x', '[]', 'not json')).toThrow(/CHECK/);
    const smart = db.prepare('INSERT INTO smart_collections (id, name, query_json, created_at) VALUES (?, ?, ?, 1)');
    smart.run('s1', 'Lighthouses', '{"text":"lighthouse"}');
    expect(() => smart.run('s2', 'n', '{broken')).toThrow(/CHECK/);
    db.close();
  });
});
