/** 0125: the queue's billing pause gets a one-row table, on a library from the schema before it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0125', () => {
  it('adds queue_hold to a library at 0110, keeping its jobs, and holds at most one row', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 125) });
    expect(old.prepare("SELECT 1 FROM sqlite_master WHERE name = 'queue_hold'").get()).toBeUndefined();
    old.prepare("INSERT INTO held_inputs (sha256, mime, width, height, bytes, name, held_at) VALUES ('h', 'image/png', 1, 1, 1, 'a.png', 1)").run();
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 125').pluck().get()).toBe(125);
    expect(db.prepare('SELECT name FROM held_inputs').pluck().all()).toEqual(['a.png']);
    db.prepare("INSERT INTO queue_hold (id, reason, message, since) VALUES (1, 'prepaid_depleted', 'm', 5)").run();
    expect(() => db.prepare("INSERT INTO queue_hold (id, reason, message, since) VALUES (2, 'tier_cap', 'm', 5)").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
