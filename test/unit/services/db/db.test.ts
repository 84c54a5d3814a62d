import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LibraryTooNewError, migrate, openDatabase } from '../../../../electron/services/db/db';
import { visiblyApplied } from '../../../../electron/services/db/ledgerSeed';
import { MIGRATIONS, type Migration } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';
import { schemaOf } from './schema';

const latest = Math.max(...MIGRATIONS.map((m) => m.version));
const ledger = (db: Database.Database) => db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
const step = (version: number, ran: number[]): Migration => ({ version, name: `m${version}`, up: () => void ran.push(version) });

describe('database', () => {
  it('opens with WAL and foreign keys, every migration applied and recorded', () => {
    const file = path.join(tempDir(), 'a.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(ledger(db)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['assets', 'generations', 'jobs']));
    db.close();
  });

  it('refuses a database written by a newer Atelier and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma('user_version = 9990');
    raw.close();
    expect(() => openDatabase(file)).toThrow(LibraryTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of Atelier/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(9990);
    expect(again.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('assets', 'schema_migrations')").pluck().get()).toBe(0);
    again.close();
  });

  it('a library with a migration this build does not know is refused', () => {
    const file = path.join(tempDir(), 'branch.sqlite');
    // A newer build added step 70, below the highest number this build knows.
    const newer: Migration = { version: 70, name: 'from a newer build', up: (d) => d.exec('CREATE TABLE later_things (x)') };
    openDatabase(file, { migrations: [...MIGRATIONS, newer] }).close();
    expect(() => openDatabase(file)).toThrow(LibraryTooNewError);
    expect(() => openDatabase(file)).toThrow(/schema step 70, which this version does not know\). Update Atelier to open it\. Nothing was changed\./);
    const again = new Database(file);
    expect(ledger(again)).toContain(70);
    again.close();
  });

  it('applies each migration in its own transaction: a failing step leaves nothing of itself, the steps before it stay recorded', () => {
    const db = new Database(path.join(tempDir(), 'tx.sqlite'));
    const broken: Migration[] = [
      { version: 10, name: 'ok', up: (d) => d.exec('CREATE TABLE one (x)') },
      { version: 20, name: 'boom', up: (d) => d.exec('CREATE TABLE two (x); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(ledger(db)).toEqual([10]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('one', 'two')").pluck().all()).toEqual(['one']);
    // Fixed in the next build: only the step that failed runs.
    const ran: number[] = [];
    expect(migrate(db, [broken[0]!, step(20, ran)])).toEqual([20]);
    expect(ran).toEqual([20]);
    db.close();
  });

  it('a migration merged below the database\'s version is still applied', () => {
    const db = new Database(path.join(tempDir(), 'late.sqlite'));
    const ran: number[] = [];
    migrate(db, [step(10, ran), step(30, ran)]);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    // 20 was merged after a build with 30 had already run on this library.
    expect(migrate(db, [step(10, ran), step(20, ran), step(30, ran)])).toEqual([20]);
    expect(ran).toEqual([10, 30, 20]);
    expect(ledger(db)).toEqual([10, 20, 30]);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    // And nothing runs twice.
    expect(migrate(db, [step(10, ran), step(20, ran), step(30, ran)])).toEqual([]);
    db.close();
  });

  it('the ledger is seeded from what each migration left behind: seen once it ran, not before; the two repairs never', () => {
    const raw = new Database(path.join(tempDir(), 'seed.sqlite'));
    // Every migration written before the ledger existed.
    for (const m of MIGRATIONS.filter((m) => m.version <= 110)) {
      expect({ version: m.version, before: visiblyApplied(raw, [m.version]) }).toEqual({ version: m.version, before: [] });
      m.up(raw);
      const repair = m.version === 50 || m.version === 60;
      expect({ version: m.version, after: visiblyApplied(raw, [m.version]) }).toEqual({ version: m.version, after: repair ? [] : [m.version] });
    }
    raw.close();
  });

  it('two migrations with one version are a mistake in the list, said before anything runs', () => {
    const db = new Database(path.join(tempDir(), 'dup.sqlite'));
    const ran: number[] = [];
    expect(() => migrate(db, [step(10, ran), { ...step(10, ran), name: 'other' }])).toThrow(/Two migrations share version 10/);
    expect(ran).toEqual([]);
    db.close();
  });

  it('0050 and 0060 read no live tables (no migration imports anything but types)', () => {
    const dir = path.resolve(__dirname, '../../../../electron/services/db/migrations');
    const files = fs.readdirSync(dir).filter((f) => /^\d{4}-.*\.ts$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['0050-repair-usage-numbers.ts', '0060-repair-model-ids.ts']));
    for (const f of files) {
      const source = fs.readFileSync(path.join(dir, f), 'utf8');
      const imports = [...source.matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2] }));
      expect({ file: f, imports }).toEqual({ file: f, imports: [{ typeOnly: true, from: '../types' }] });
      expect(source, f).not.toMatch(/\brequire\(|\bimport\(/);
    }
  });

  it('an upgrade from every earlier schema ends at the same schema as a new library', () => {
    const fresh = openDatabase(path.join(tempDir(), 'fresh.sqlite'));
    const want = schemaOf(fresh);
    fresh.close();
    for (let n = 1; n < MIGRATIONS.length; n++) {
      const file = path.join(tempDir(), `from-${n}.sqlite`);
      openDatabase(file, { migrations: MIGRATIONS.slice(0, n) }).close();
      const db = openDatabase(file);
      expect({ from: MIGRATIONS[n - 1]!.version, schema: schemaOf(db) }).toEqual({ from: MIGRATIONS[n - 1]!.version, schema: want });
      expect(ledger(db)).toHaveLength(MIGRATIONS.length);
      db.close();
    }
  });
});
