import type { Migration } from '../types';

/**
 * Batches from a CSV or JSONL file. Each row of `file_batches` is one Batch API job and where it
 * stands (its stage, the upload session and how far it got, Gemini's batch, how many result lines
 * are in the library), so a restart carries on from there. The rows themselves live in the
 * batch's folder on disk (`rows.ndjson`), not here. `remote_files` remembers what was uploaded by
 * content hash, so a reference photo used by a thousand rows, or by the next batch within two
 * days, is uploaded once. Failed lines keep their reason for a re-run.
 * `IF NOT EXISTS`: a library from before the ledger that somehow has these tables (the ledger
 * seed does not know 0140, being newer) is not refused over them.
 */
export const m0140FileBatches: Migration = {
  version: 140,
  name: 'file batches',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS file_batches (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        dir             TEXT NOT NULL,
        stage           TEXT NOT NULL CHECK (stage IN ('references', 'building', 'uploading', 'submitting', 'running', 'downloading', 'importing', 'done', 'failed', 'cancelled')),
        tier            TEXT NOT NULL,
        model_id        TEXT NOT NULL,
        store           INTEGER NOT NULL,
        total           INTEGER NOT NULL,
        refs_total      INTEGER NOT NULL DEFAULT 0,
        refs_done       INTEGER NOT NULL DEFAULT 0,
        input_bytes     INTEGER NOT NULL DEFAULT 0,
        upload_session  TEXT,
        uploaded_bytes  INTEGER NOT NULL DEFAULT 0,
        input_file      TEXT,
        batch_name      TEXT,
        remote_state    TEXT,
        results_file    TEXT,
        imported        INTEGER NOT NULL DEFAULT 0,
        succeeded       INTEGER NOT NULL DEFAULT 0,
        failed          INTEGER NOT NULL DEFAULT 0,
        estimate_usd    REAL NOT NULL DEFAULT 0,
        cost_usd        REAL NOT NULL DEFAULT 0,
        error_message   TEXT,
        parent_id       TEXT REFERENCES file_batches(id) ON DELETE SET NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS file_batches_recent ON file_batches(created_at DESC);

      CREATE TABLE IF NOT EXISTS file_batch_failures (
        batch_id  TEXT NOT NULL REFERENCES file_batches(id) ON DELETE CASCADE,
        row       INTEGER NOT NULL,
        reason    TEXT NOT NULL,
        PRIMARY KEY (batch_id, row)
      );

      CREATE TABLE IF NOT EXISTS remote_files (
        sha256      TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        uri         TEXT NOT NULL,
        mime        TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
      );
    `);
  },
};
