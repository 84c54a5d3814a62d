/** 0140 (file batches) applied to a library made just before it: its tables appear, nothing else moves. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';
import { schemaOf } from './schema';

describe('migration 0140', () => {
  it('adds file_batches, file_batch_failures and remote_files to a library at 0110, keeps its rows, and matches a fresh schema', () => {
    const file = path.join(tempDir(), 'atelier.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    raw.transaction(() => {
      for (const m of MIGRATIONS.filter((m) => m.version < 140)) {
        m.up(raw);
        raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 1)').run(m.version, m.name);
      }
      raw.pragma('user_version = 110');
    })();
    raw.prepare("INSERT INTO collections (id, name, created_at) VALUES ('c', 'Autumn', 1)").run();
    raw.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 140').pluck().get()).toBe(140);
    expect(db.prepare("SELECT name FROM collections WHERE id = 'c'").pluck().get()).toBe('Autumn');
    db.prepare("INSERT INTO file_batches (id, name, dir, stage, tier, model_id, store, total, created_at, updated_at) VALUES ('b', 'x.csv', '/d', 'running', 'flash', 'm', 0, 3, 1, 1)").run();
    db.prepare("INSERT INTO file_batch_failures (batch_id, row, reason) VALUES ('b', 2, 'refused')").run();
    expect(() => db.prepare("UPDATE file_batches SET stage = 'lost' WHERE id = 'b'").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM file_batches WHERE id = 'b'").run();
    expect(db.prepare('SELECT count(*) FROM file_batch_failures').pluck().get()).toBe(0);
    const fresh = openDatabase(path.join(tempDir(), 'fresh.sqlite'));
    expect(schemaOf(db)).toEqual(schemaOf(fresh));
    fresh.close();
    db.close();
  });
});
