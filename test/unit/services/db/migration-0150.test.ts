/** 0150: masked edits' composites tied to the model's whole image, on a library from before them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0150', () => {
  it('adds edit_composites to a library from before it, keeping its assets, and the row goes with its asset', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 150) });
    old.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at) VALUES ('a1', 'aa', 'image/png', 10, 10, 1, 'edited', 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'edit_composites'").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 150').pluck().get()).toBe(150);
    db.prepare("INSERT INTO edit_composites (asset_id, model_sha256, model_mime, base_asset_id, mode, feather_px) VALUES ('a1', 'bb', 'image/png', NULL, 'region', 12)").run();
    expect(() => db.prepare("INSERT INTO edit_composites (asset_id, model_sha256, model_mime, mode, feather_px) VALUES ('a1x', 'bb', 'image/png', 'annotations', 12)").run()).toThrow(/CHECK|FOREIGN/);
    expect(() => db.prepare("INSERT INTO edit_composites (asset_id, model_sha256, model_mime, mode, feather_px) VALUES ('a1', 'bb', 'image/png', 'region', 65)").run()).toThrow(/CHECK|UNIQUE/);
    db.prepare("DELETE FROM assets WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) FROM edit_composites').pluck().get()).toBe(0);
    db.close();
  });
});
