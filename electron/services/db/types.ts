import type Database from 'better-sqlite3';

/** The app's one connection (better-sqlite3). */
export type Db = Database.Database;

/**
 * One step of the schema. Applied once per database and recorded in `schema_migrations` by its
 * version, so versions only need to be unique: one merged late, below versions a database already
 * has, is applied all the same. Written once and frozen: a migration imports nothing but these
 * types, so what it does never changes when the app's tables (prices, models) do.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
