/**
 * Issue 15, item 17: 0080 and 0090 were merged before 0050, 0055 and 0060, and the builds of that
 * time kept only `user_version`, so a library made in between stands at 90 without the three. Those
 * builds skipped every migration numbered below it; without 0055's `moved_at_turn` the app then
 * stopped at "Atelier could not start" on every launch.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { migrateModelId } from '../../../../shared/models/catalogue';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';
import { schemaOf } from './schema';

const fx = atelierFixture();

/** A library as a build of that time left it: 0010–0040, 0080 and 0090 run, user_version 90, no ledger. */
function libraryStoppedAt90(userDataDir: string): string {
  const file = path.join(userDataDir, 'library', 'atelier.sqlite');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.transaction(() => {
    for (const m of MIGRATIONS.filter((m) => [10, 20, 30, 40, 80, 90].includes(m.version))) m.up(raw);
    raw.pragma('user_version = 90');
  })();
  // A chat on a model Google has since retired, which the app moves on at start (that needs moved_at_turn) …
  raw.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('old', 'Cats', 'pro', 'gemini-3-pro-image-preview', 1, 1)").run();
  raw.prepare("INSERT INTO user_turns (conversation_id, turn_index, content_json, created_at) VALUES ('old', 0, '{\"role\":\"user\",\"parts\":[]}', 1)").run();
  // … one with an id 0060 repairs, and a result with the numbers 0050 repairs.
  raw.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('bad', 'Dogs', 'pro', 'NOT A MODEL', 1, 1)").run();
  raw
    .prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at, prompt_tokens, cost_usd) VALUES ('g', 'p', 'flash', 'gemini-3.1-flash-image', '{}', 1, 1, -12, ?)")
    .run(Infinity);
  raw.close();
  return file;
}

describe('a library whose version is above migrations it never had', () => {
  it('a database stopped at version 90 without 0050, 0055 and 0060 opens at HEAD with all three applied, and the app starts on it', async () => {
    const userDataDir = tempDir();
    const file = libraryStoppedAt90(userDataDir);

    const db = openDatabase(file);
    const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(applied).toEqual(expect.arrayContaining([50, 55, 60]));
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(db.prepare("SELECT 1 FROM pragma_table_info('conversations') WHERE name = 'moved_at_turn'").get()).toBeTruthy();
    // 0055 also widened the class CHECKs: a Lite chat can be stored.
    db.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('lite', 't', 'lite', 'gemini-3.1-flash-lite-image', 1, 1)").run();
    db.prepare("DELETE FROM conversations WHERE id = 'lite'").run();
    expect(db.prepare("SELECT model_id FROM conversations WHERE id = 'bad'").pluck().get()).toBe('gemini-3-pro-image');
    expect(db.prepare("SELECT prompt_tokens, cost_usd FROM generations WHERE id = 'g'").get()).toEqual({ prompt_tokens: 0, cost_usd: 0 });
    const fresh = openDatabase(path.join(tempDir(), 'fresh.sqlite'));
    expect(schemaOf(db)).toEqual(schemaOf(fresh));
    fresh.close();
    db.close();

    const { atelier, call } = await fx.start({ userDataDir });
    const moved = atelier.db.prepare("SELECT model_id, moved_at_turn FROM conversations WHERE id = 'old'").get();
    expect(moved).toEqual({ model_id: migrateModelId('gemini-3-pro-image-preview'), moved_at_turn: 1 });
    await expect(call('jobs.list', {})).resolves.toEqual([]);
  });

  it('a library a later build took to 110 without them gets them as well', () => {
    const userDataDir = tempDir();
    const file = libraryStoppedAt90(userDataDir);
    const raw = new Database(file);
    // That build knew 0050–0060 but ran only what was above 90.
    raw.transaction(() => {
      MIGRATIONS.find((m) => m.version === 110)!.up(raw);
      raw.pragma('user_version = 110');
    })();
    raw.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.prepare("SELECT 1 FROM pragma_table_info('conversations') WHERE name = 'moved_at_turn'").get()).toBeTruthy();
    db.close();
  });

  it('a library from before the ledger that had every migration runs no schema step again, and the repairs change nothing', () => {
    const file = path.join(tempDir(), 'complete.sqlite');
    const raw = new Database(file);
    // Builds before the ledger knew migrations up to 0110 at most; later ones are applied on open.
    const preLedger = MIGRATIONS.filter((m) => m.version <= 110);
    raw.transaction(() => {
      for (const m of preLedger) m.up(raw);
      raw.pragma(`user_version = ${Math.max(...preLedger.map((m) => m.version))}`);
    })();
    raw.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('c', 'Cats', 'lite', 'gemini-3.1-flash-lite-image', 1, 1)").run();
    raw.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at, prompt_tokens, cost_usd) VALUES ('g', 'p', 'pro', 'gemini-3-pro-image', '{}', 1, 1, 500, 0.134)").run();
    raw.close();
    const head = openDatabase(path.join(tempDir(), 'head.sqlite'));
    const before = schemaOf(head).filter((o) => o.name !== 'schema_migrations');
    head.close();

    const db = openDatabase(file);
    // Only the two repairs could not be seen in the schema; they ran again, over nothing to repair.
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaOf(db).filter((o) => o.name !== 'schema_migrations')).toEqual(before);
    expect(db.prepare("SELECT model_id FROM conversations WHERE id = 'c'").pluck().get()).toBe('gemini-3.1-flash-lite-image');
    expect(db.prepare("SELECT prompt_tokens, cost_usd FROM generations WHERE id = 'g'").get()).toEqual({ prompt_tokens: 500, cost_usd: 0.134 });
    db.close();
  });

  it('the app starts straight on a library stopped at 90 (the migrations run inside createAtelier)', async () => {
    const userDataDir = tempDir();
    libraryStoppedAt90(userDataDir);
    const { atelier } = await fx.start({ userDataDir });
    expect(atelier.db.prepare("SELECT moved_at_turn FROM conversations WHERE id = 'old'").pluck().get()).toBe(1);
  });
});
