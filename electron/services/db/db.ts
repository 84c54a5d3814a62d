import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { visiblyApplied } from './ledgerSeed';
import type { Db, Migration } from './types';

export type { Db, Migration };

/** Raised when the file was written by a newer Atelier; opening it could corrupt it. */
export class LibraryTooNewError extends Error {
  override readonly name = 'LibraryTooNewError';
  /**
   * @param found the database's schema version
   * @param supported the highest this build knows
   * @param unknown steps recorded in the database that this build does not have (a newer build
   *   added them below its highest number), if that is the reason
   */
  constructor(readonly found: number, readonly supported: number, readonly unknown: readonly number[] = []) {
    super(
      (unknown.length > 0
        ? `This library was updated by a newer version of Atelier (it has schema step${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, which this version does not know). `
        : `This library was created by a newer version of Atelier (schema ${found}; this version knows up to ${supported}). `) +
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

const LEDGER = 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)';

/**
 * Applies every listed migration the database has not had, whatever its number, in version
 * order, each in its own transaction together with its `schema_migrations` row: one merged late,
 * below versions the database already has, still runs (a high-water mark alone skipped such
 * migrations without a word). `user_version` stays the highest version applied, only so that this
 * build and older ones refuse a library that is too new for them. Returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): number[] {
  const byVersion = new Map<number, Migration>();
  for (const m of migrations) {
    if (byVersion.has(m.version)) throw new Error(`Two migrations share version ${m.version}: ${byVersion.get(m.version)!.name}, ${m.name}.`);
    byVersion.set(m.version, m);
  }
  const latest = Math.max(0, ...byVersion.keys());
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new LibraryTooNewError(current, latest);

  const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  let applied: Set<number>;
  if (hasLedger) {
    applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const unknown = [...applied].filter((v) => !byVersion.has(v)).sort((a, b) => a - b);
    if (unknown.length > 0) throw new LibraryTooNewError(current, latest, unknown);
  } else {
    // First open since the ledger exists (or a new file): record what is really there.
    const below = [...byVersion.keys()].filter((v) => v <= current);
    const seeded = visiblyApplied(db, below);
    db.transaction(() => {
      db.exec(LEDGER);
      const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
      for (const v of seeded) record.run(v, byVersion.get(v)!.name, now());
    })();
    applied = new Set(seeded);
  }

  const pending = [...byVersion.values()].filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, now());
      const high = db.pragma('user_version', { simple: true }) as number;
      // PRAGMA cannot take a bound parameter; the version is a number from our own table.
      if (m.version > high) db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return pending.map((m) => m.version);
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
