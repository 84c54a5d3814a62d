import type Database from 'better-sqlite3';

/** Every table, index, trigger and view with its SQL, in a stable order: two databases with equal schemas give equal lists. */
export function schemaOf(db: Database.Database): Array<{ type: string; name: string; sql: string | null }> {
  return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as Array<{ type: string; name: string; sql: string | null }>;
}
