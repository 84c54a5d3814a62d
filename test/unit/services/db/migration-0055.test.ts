/** 0055: the Lite class in the CHECK constraints, and the column that marks a chat moved to another model. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0055', () => {
  it('lets a library from before Lite store Lite chats and results, keeping its rows and refusing unknown classes', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 55) });
    old.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('c1', 'old chat', 'pro', 'gemini-3-pro-image', 1, 1)").run();
    expect(() => old.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('c2', 't', 'lite', 'x', 1, 1)").run()).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.prepare("SELECT title, moved_at_turn FROM conversations WHERE id = 'c1'").get()).toEqual({ title: 'old chat', moved_at_turn: null });
    db.prepare("INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES ('c2', 't', 'lite', 'gemini-3.1-flash-lite-image', 1, 1)").run();
    db.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g1', 'p', 'lite', 'gemini-3.1-flash-lite-image', '{}', 1, 1)").run();
    expect(() => db.prepare("INSERT INTO generations (id, prompt, tier, model_id, params_json, duration_ms, created_at) VALUES ('g2', 'p', 'ultra', 'x', '{}', 1, 1)").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
