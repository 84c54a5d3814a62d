import type { Migration } from '../types';

const OLD = "CHECK (tier IN ('flash', 'pro'))";
const NEW = "CHECK (tier IN ('flash', 'pro', 'lite'))";

/**
 * Lite becomes a third model class, and chats can move to a successor model. SQLite cannot
 * change a CHECK constraint in place, and rebuilding `generations` (which every asset points
 * at) would copy the whole library; widening an IN list changes nothing stored on disk, so the
 * schema text is edited directly — the procedure sqlite.org/lang_altertable.html gives for
 * changes that "do not affect the on-disk content in any way". better-sqlite3 refuses
 * writable_schema in its default defensive mode, hence the brief unsafe mode.
 */
export const m0055LiteTier: Migration = {
  version: 55,
  name: 'lite model class; chats moved to a successor model',
  up(db) {
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name IN ('generations', 'conversations')").run(OLD, NEW);
      // Bumping the schema cookie makes every connection re-read the edited definitions.
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
    // Turns before this index were answered by an earlier model: their signatures are not sent.
    db.exec('ALTER TABLE conversations ADD COLUMN moved_at_turn INTEGER');
  },
};
