import type { Migration } from '../types';

/**
 * Series (panel prompts sharing Elements, a style line, a ratio and a model) and every roll of
 * every panel. A roll names its job and, once the job succeeded, the picture it made: the jobs
 * list can be cleared, the series must still show its panels. No foreign key to jobs or assets
 * for that reason; a roll whose picture was deleted shows as gone.
 *
 * `chain` marks a chat-mode roll made by "Generate series": when it succeeds, the next panel is
 * sent as the next turn of the same conversation (a re-roll leaves the panels after it alone).
 *
 * IF NOT EXISTS: a pre-ledger library is built by running every migration without a ledger,
 * then this one runs again once the ledger counts it (see 0160).
 */
export const m0190Series: Migration = {
  version: 190,
  name: 'series: panel prompts with shared elements, and every roll of each panel',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS series (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        style         TEXT NOT NULL DEFAULT '',
        aspect_ratio  TEXT NOT NULL,
        image_size    TEXT,
        tier          TEXT NOT NULL,
        model_id      TEXT,
        mode          TEXT NOT NULL CHECK (mode IN ('independent', 'chat')),
        elements_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(elements_json) AND json_type(elements_json) = 'array'),
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS series_updated ON series (updated_at DESC);

      CREATE TABLE IF NOT EXISTS series_panels (
        series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL CHECK (position BETWEEN 0 AND 7),
        prompt    TEXT NOT NULL,
        PRIMARY KEY (series_id, position)
      );

      CREATE TABLE IF NOT EXISTS series_rolls (
        job_id          TEXT PRIMARY KEY,
        series_id       TEXT NOT NULL,
        position        INTEGER NOT NULL,
        conversation_id TEXT,
        asset_id        TEXT,
        chain           INTEGER NOT NULL DEFAULT 0 CHECK (chain IN (0, 1)),
        created_at      INTEGER NOT NULL,
        FOREIGN KEY (series_id, position) REFERENCES series_panels(series_id, position) ON DELETE CASCADE
      );
      CREATE INDEX IF NOT EXISTS series_rolls_panel ON series_rolls (series_id, position, created_at);
    `);
  },
};
