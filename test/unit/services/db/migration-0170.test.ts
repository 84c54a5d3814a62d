/** 0170: Elements and the Elements each generation used, on a library from before them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0170', () => {
  it('adds elements to a library from before it, keeping its assets; later generations record their Elements', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 170) });
    old.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g0', 'old', 'flash', 'm', '{}', 1, 1)").run();
    old.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at) VALUES ('a1', 'aa', 'image/png', 10, 10, 1, 'imported', 'g0', 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('elements', 'element_images', 'generation_elements')").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 170').pluck().get()).toBe(170);
    expect(db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(1);
    db.prepare("INSERT INTO elements (id, name, kind, created_at) VALUES ('e1', 'Anna', 'person', 1)").run();
    db.prepare("INSERT INTO element_images (element_id, asset_id, position) VALUES ('e1', 'a1', 0)").run();
    expect(() => db.prepare("INSERT INTO elements (id, name, kind, created_at) VALUES ('e2', 'ANNA', 'object', 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO elements (id, name, kind, created_at) VALUES ('e3', 'Cat', 'animal', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO element_images (element_id, asset_id, position) VALUES ('e1', 'nope', 1)").run()).toThrow(/FOREIGN/);

    const params = JSON.stringify({ elements: [{ id: 'e1', name: 'Anna' }] });
    db.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g1', 'p', 'flash', 'm', ?, 1, 2)").run(params);
    db.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g2', 'p', 'flash', 'm', '{}', 1, 2)").run();
    expect(db.prepare('SELECT generation_id, element_id, name FROM generation_elements').all()).toEqual([{ generation_id: 'g1', element_id: 'e1', name: 'Anna' }]);

    db.prepare("DELETE FROM elements WHERE id = 'e1'").run();
    expect(db.prepare('SELECT count(*) FROM element_images').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM generation_elements').pluck().get()).toBe(1);
    db.prepare("DELETE FROM generations WHERE id = 'g1'").run();
    expect(db.prepare('SELECT count(*) FROM generation_elements').pluck().get()).toBe(0);
    db.close();
  });
});
