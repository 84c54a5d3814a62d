/** 0130: results record the tier that served them and their Standard price; jobs, since when Flex was shed. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0130', () => {
  it('marks earlier batch results as batch at twice their cost, leaves other results unmarked, and adds the columns', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 130) });
    const job = old.prepare(
      `INSERT INTO jobs (id, kind, state, request_json, model_id, priority, seq, attempt, resent, created_at, revision)
       VALUES (?, ?, 'succeeded', '{}', 'gemini-3-pro-image', 0, ?, 1, 0, 1, 1)`,
    );
    job.run('jb', 'batch', 1);
    job.run('jg', 'generate', 2);
    const gen = old.prepare(
      "INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, cost_usd, duration_ms, created_at) VALUES (?, ?, 'p', 'pro', 'gemini-3-pro-image', '{}', ?, 1, 1)",
    );
    gen.run('gb', 'jb', 0.067);
    gen.run('gg', 'jg', 0.134);
    old.close();

    const db = openDatabase(file);
    const rows = db.prepare('SELECT id, service_tier, list_cost_usd, cost_usd FROM generations ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'gb', service_tier: 'batch', list_cost_usd: 0.134, cost_usd: 0.067 },
      { id: 'gg', service_tier: null, list_cost_usd: null, cost_usd: 0.134 },
    ]);
    expect(db.prepare("SELECT flex_shed_since FROM jobs WHERE id = 'jg'").get()).toEqual({ flex_shed_since: null });
    expect(() => db.prepare("UPDATE generations SET service_tier = 'turbo' WHERE id = 'gg'").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
