/** 0250: masked edits whose answer was kept whole (another shape), on a library from before them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0250', () => {
  it('adds edit_kept_whole to a library from before it, keeping its assets, and the row goes with its asset', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 250) });
    old.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at) VALUES ('a1', 'aa', 'image/png', 1264, 848, 1, 'edited', 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'edit_kept_whole'").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 250').pluck().get()).toBe(250);
    expect(db.prepare("SELECT width FROM assets WHERE id = 'a1'").pluck().get()).toBe(1264);
    db.prepare("INSERT INTO edit_kept_whole (asset_id, base_asset_id, mode, base_width, base_height, model_width, model_height) VALUES ('a1', NULL, 'region', 300, 120, 1264, 848)").run();
    expect(() => db.prepare("INSERT INTO edit_kept_whole (asset_id, mode, base_width, base_height, model_width, model_height) VALUES ('a1', 'annotations', 1, 1, 1, 1)").run()).toThrow(/CHECK|UNIQUE/);
    expect(() => db.prepare("INSERT INTO edit_kept_whole (asset_id, mode, base_width, base_height, model_width, model_height) VALUES ('nope', 'region', 1, 1, 1, 1)").run()).toThrow(/FOREIGN/);
    db.prepare("DELETE FROM assets WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) FROM edit_kept_whole').pluck().get()).toBe(0);
    db.close();
  });
});
