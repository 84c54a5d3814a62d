import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import type { Db, Migration } from './types';

export type { Db, Migration };

/** Raised when the file was written by a newer Atelier; opening it could corrupt it. */
export class LibraryTooNewError extends Error {
  override readonly name = 'LibraryTooNewError';
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This library was created by a newer version of Atelier (schema ${found}; this version knows up to ${supported}). ` +
        'Update Atelier to open it. Nothing was changed.',
    );
  }
}

export interface OpenOptions {
  /**
   * Path of a better-sqlite3 binary built for the running runtime. The Electron app passes its
   * Electron-ABI build here so the same checkout can also run the tests under plain Node.
   */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, { nativeBinding, migrations = MIGRATIONS }: OpenOptions = {}): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies every pending migration in one transaction and records the result in user_version. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new LibraryTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // PRAGMA cannot take a bound parameter; `latest` is a number from our own table.
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql`, compiled once per connection. For statements on a hot path
 * (every finished job runs several): compiling costs more than running them. Not for statements
 * that are iterated, which would be busy for a nested call.
 */
export function cached(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}

/** Runs `fn` in a transaction (nested calls become savepoints). */
export function tx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}
