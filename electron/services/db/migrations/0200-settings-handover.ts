import type { Migration } from '../types';

/**
 * "Search by meaning" moves from the library's `finding_prefs` to the settings file, where every
 * other switch of Settings lives (one place to read it, one to change it). A migration cannot
 * write settings.json, so it leaves the stored choice in `settings_handover`; at the next start
 * the settings take it over and clear the row (services/settings/handover.ts).
 *
 * IF NOT EXISTS: a pre-ledger library is built by running every migration without a ledger,
 * then this one runs again once the ledger counts it (see 0160); the second run finds nothing
 * left in finding_prefs and keeps what the first handed over.
 */
export const m0200SettingsHandover: Migration = {
  version: 200,
  name: 'search by meaning moves to settings: hand the stored choice over',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS settings_handover (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT OR REPLACE INTO settings_handover (key, value)
        SELECT 'searchByMeaning', CASE value WHEN 'on' THEN 'true' ELSE 'false' END FROM finding_prefs WHERE key = 'meaning';
      DELETE FROM finding_prefs WHERE key = 'meaning';
    `);
  },
};
