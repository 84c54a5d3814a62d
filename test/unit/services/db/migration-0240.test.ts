/** 0240: the service tiers answers proved, on a library from before it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0240', () => {
  it('adds service_tier_proofs to a library from before it, keeping its generations, and takes only Flex and Priority, once per model', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 240) });
    old.prepare("INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g1', 'j1', 'a kept prompt', 'flash', 'm', '{}', 1, 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'service_tier_proofs'").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 240').pluck().get()).toBe(240);
    expect(db.prepare("SELECT prompt FROM generations WHERE id = 'g1'").pluck().get()).toBe('a kept prompt');
    const insert = db.prepare('INSERT INTO service_tier_proofs (model_id, tier, proven_at) VALUES (?, ?, 1)');
    insert.run('gemini-nano-banana-3', 'flex');
    insert.run('gemini-nano-banana-3', 'priority');
    expect(() => insert.run('gemini-nano-banana-3', 'flex')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('gemini-nano-banana-3', 'standard')).toThrow(/CHECK/);
    expect(() => insert.run('gemini-nano-banana-3', 'batch')).toThrow(/CHECK/);
    db.close();
  });
});
