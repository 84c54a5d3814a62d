/**
 * Which migrations a database from before `schema_migrations` has really had.
 *
 * Those builds kept only a high-water mark, `user_version`, and skipped every migration numbered
 * below it. That has happened: 0080 and 0090 were merged before 0050, 0055 and 0060, so a library
 * made in between stands at 90 (or 110 after later builds) without them, and since 0055 added
 * `conversations.moved_at_turn` the app could no longer start on it. `user_version` therefore
 * proves nothing about the migrations below it, and the ledger is seeded from what each migration
 * visibly left in the schema instead:
 * - a migration that created a table, an index or a column counts as applied when that object is
 *   there (each ran in one transaction, so one of its objects stands for all of them);
 * - 0050 and 0060 only repair rows, which leaves nothing to look at; they are left unrecorded so
 *   they run once more. Both touch only rows that are still bad, so on a repaired library that
 *   changes nothing;
 * - a migration missing from this table (any written after the ledger) counts as not applied:
 *   no build before the ledger knew it.
 * Frozen like the migrations themselves: it describes what those builds wrote, which cannot change.
 */
import type { Db } from './types';

const table = (name: string) => (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
const index = (name: string) => (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
const column = (tableName: string, name: string) => (db: Db) =>
  db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(tableName, name) !== undefined;

const LEFT_BEHIND: Readonly<Record<number, (db: Db) => boolean>> = {
  10: table('assets'),
  20: table('user_turns'),
  30: table('collections'),
  40: index('assets_source'),
  55: column('conversations', 'moved_at_turn'),
  80: table('comparisons'),
  90: column('jobs', 'sent_at'),
  110: table('held_inputs'),
};

/** Of `versions` (those at or below the old high-water mark), the ones this database really has. */
export function visiblyApplied(db: Db, versions: readonly number[]): number[] {
  return versions.filter((v) => LEFT_BEHIND[v]?.(db) === true);
}
