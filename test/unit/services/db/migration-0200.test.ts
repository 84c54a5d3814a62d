/**
 * 0200: "Search by meaning" moves from the library's finding_prefs to settings.json. The migration
 * hands the stored choice over; the next start's settings take it and forget the handover.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS } from '../../../../electron/services/db/migrations';
import { takeOverSettings } from '../../../../electron/services/settings/handover';
import { Settings } from '../../../../electron/services/settings/Settings';
import { tempDir } from '../../../support/tmp';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function libraryFromBefore(meaning: 'on' | 'off' | null): string {
  const file = path.join(tempDir(), 'old.sqlite');
  const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 200) });
  if (meaning) old.prepare("INSERT INTO finding_prefs (key, value) VALUES ('meaning', ?)").run(meaning);
  expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'settings_handover'").pluck().get()).toBe(0);
  old.close();
  return file;
}

describe('migration 0200', () => {
  it('carries "search by meaning: on" from finding_prefs into the settings, once, and leaves finding_prefs without it', () => {
    const file = libraryFromBefore('on');
    const db = openDatabase(file);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 200').pluck().get()).toBe(200);
    expect(db.prepare("SELECT count(*) FROM finding_prefs WHERE key = 'meaning'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT key, value FROM settings_handover').all()).toEqual([{ key: 'searchByMeaning', value: 'true' }]);

    const settingsFile = path.join(tempDir(), 'settings.json');
    // A settings file from before the setting existed.
    fs.writeFileSync(settingsFile, JSON.stringify({ streaming: false }));
    const settings = new Settings(settingsFile, {}, quiet);
    expect(settings.get().searchByMeaning).toBe(false);
    takeOverSettings(db, settings);
    expect(settings.get()).toMatchObject({ searchByMeaning: true, streaming: false });
    expect(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))).toMatchObject({ searchByMeaning: true });
    expect(db.prepare('SELECT count(*) FROM settings_handover').pluck().get()).toBe(0);

    // Turned off later in Settings, it stays off at the next start.
    settings.update({ searchByMeaning: false });
    takeOverSettings(db, new Settings(settingsFile, {}, quiet));
    expect(new Settings(settingsFile, {}, quiet).get().searchByMeaning).toBe(false);
    db.close();
  });

  it('a library that never turned it on hands over nothing to carry (or "off"), and the setting stays off', () => {
    for (const meaning of [null, 'off'] as const) {
      const db = openDatabase(libraryFromBefore(meaning));
      const settings = new Settings(path.join(tempDir(), 'settings.json'), {}, quiet);
      takeOverSettings(db, settings);
      expect(settings.get().searchByMeaning).toBe(false);
      db.close();
    }
  });

  it('does not overwrite a choice the settings file already holds', () => {
    const db = openDatabase(libraryFromBefore('on'));
    const settingsFile = path.join(tempDir(), 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ searchByMeaning: false }));
    const settings = new Settings(settingsFile, {}, quiet);
    takeOverSettings(db, settings);
    expect(settings.get().searchByMeaning).toBe(false);
    db.close();
  });
});
