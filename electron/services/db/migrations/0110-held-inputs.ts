import type { Migration } from '../types';

/**
 * Photos dropped or pasted as a request's references are held here, not in `assets`: they enter
 * the library only when a job that used them succeeds. The bytes sit in the content store like
 * every other image (so a held photo that later becomes an asset is never copied); the row says
 * what they are and since when they are held, so an unused one can be swept a day later.
 */
export const m0110HeldInputs: Migration = {
  version: 110,
  name: 'held reference inputs',
  up(db) {
    db.exec(`
      CREATE TABLE held_inputs (
        sha256  TEXT PRIMARY KEY,
        mime    TEXT NOT NULL,
        width   INTEGER NOT NULL,
        height  INTEGER NOT NULL,
        bytes   INTEGER NOT NULL,
        name    TEXT NOT NULL,
        held_at INTEGER NOT NULL
      );
      CREATE INDEX held_inputs_age ON held_inputs(held_at);
    `);
  },
};
