import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LibraryTooNewError, migrate, openDatabase } from '../../../../electron/services/db/db';
import { MIGRATIONS, type Migration } from '../../../../electron/services/db/migrations';
import { tempDir } from '../../../support/tmp';

describe('database', () => {
  it('opens with WAL and foreign keys, migrated to the latest version', () => {
    const file = path.join(tempDir(), 'a.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
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
    expect(again.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'assets'").pluck().get()).toBe(0);
    again.close();
  });

  it('runs pending migrations in one transaction: a failing step leaves nothing behind', () => {
    const db = new Database(path.join(tempDir(), 'tx.sqlite'));
    const broken: Migration[] = [
      { version: 10, name: 'ok', up: (d) => d.exec('CREATE TABLE one (x)') },
      { version: 20, name: 'boom', up: (d) => d.exec('CREATE TABLE two (x); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('one', 'two')").pluck().get()).toBe(0);
    db.close();
  });

  it('applies only migrations newer than the stored version', () => {
    const db = new Database(path.join(tempDir(), 'step.sqlite'));
    const ran: number[] = [];
    const steps: Migration[] = [10, 20, 30].map((v) => ({ version: v, name: `m${v}`, up: () => void ran.push(v) }));
    migrate(db, steps.slice(0, 2));
    expect(ran).toEqual([10, 20]);
    migrate(db, steps);
    expect(ran).toEqual([10, 20, 30]);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    db.close();
  });
});
