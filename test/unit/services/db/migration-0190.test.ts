/** 0190: series, their panels and every roll, on a library from before it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('migration 0190', () => {
  it('adds series, series_panels and series_rolls to a library from before it, keeping its rows, and refuses rows that break its checks', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 190) });
    old.prepare("INSERT INTO saved_prompts (id, name, prompt, tags_json, request_json, created_at) VALUES ('p1', 'Kept', 'a kept prompt', '[]', '{}', 1)").run();
    expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'series'").pluck().get()).toBe(0);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 190').pluck().get()).toBe(190);
    expect(db.prepare("SELECT prompt FROM saved_prompts WHERE id = 'p1'").pluck().get()).toBe('a kept prompt');
    const series = db.prepare('INSERT INTO series (id, title, style, aspect_ratio, tier, mode, elements_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)');
    series.run('s1', 'The tower', 'ink', '4:3', 'flash', 'chat', '[]');
    expect(() => series.run('s2', '', '', '1:1', 'flash', 'chat', '[]')).toThrow(/CHECK/);
    expect(() => series.run('s3', 't', '', '1:1', 'flash', 'both', '[]')).toThrow(/CHECK/);
    expect(() => series.run('s4', 't', '', '1:1', 'flash', 'chat', '{"not":"a list"}')).toThrow(/CHECK/);
    const panel = db.prepare('INSERT INTO series_panels (series_id, position, prompt) VALUES (?, ?, ?)');
    panel.run('s1', 0, 'Anna wakes up');
    expect(() => panel.run('s1', 8, 'a ninth panel')).toThrow(/CHECK/);
    expect(() => panel.run('nobody', 0, 'x')).toThrow(/FOREIGN KEY/);
    const roll = db.prepare('INSERT INTO series_rolls (job_id, series_id, position, chain, created_at) VALUES (?, ?, ?, ?, 1)');
    roll.run('j1', 's1', 0, 1);
    expect(() => roll.run('j2', 's1', 3, 0)).toThrow(/FOREIGN KEY/);
    // Deleting a series takes its panels and their rolls with it.
    db.prepare("DELETE FROM series WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) FROM series_rolls').pluck().get()).toBe(0);
    db.close();
  });
});
