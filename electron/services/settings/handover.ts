import type { Db } from '../db/db';
import type { Settings } from './Settings';

/**
 * Takes over choices a migration found in the library (0200: "Search by meaning" was kept in
 * finding_prefs) into the settings file, then forgets them: the settings are the one place they
 * live from then on. A choice the user already made in Settings since is not overwritten.
 */
export function takeOverSettings(db: Db, settings: Settings): void {
  const rows = db.prepare('SELECT key, value FROM settings_handover').all() as Array<{ key: string; value: string }>;
  for (const r of rows) {
    if (r.key === 'searchByMeaning' && !settings.has('searchByMeaning')) settings.update({ searchByMeaning: r.value === 'true' });
  }
  if (rows.length) db.prepare('DELETE FROM settings_handover').run();
}
