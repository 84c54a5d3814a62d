/** 0120: content credentials by the bytes' hash, added to a library made before them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0120', () => {
  it('adds content_credentials to a library from before it, keeping its assets, and refuses unknown states', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 120) });
    old.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at) VALUES ('a1', 'abc', 'image/jpeg', 10, 10, 100, 'imported', 1)").run();
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'content_credentials'").get()).toBeUndefined();
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 120').pluck().get()).toBe(120);
    expect(db.prepare("SELECT id FROM assets WHERE id = 'a1'").pluck().get()).toBe('a1');
    db.prepare("INSERT INTO content_credentials (sha256, state, actions_json, ai_generated, read_at) VALUES ('abc', 'untrusted', '[\"Created\"]', 1, 5)").run();
    expect(db.prepare("SELECT a.id FROM assets a JOIN content_credentials c ON c.sha256 = a.sha256 WHERE c.state <> 'none' AND c.ai_generated = 1").pluck().all()).toEqual(['a1']);
    expect(() => db.prepare("INSERT INTO content_credentials (sha256, state, read_at) VALUES ('def', 'probably', 1)").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
