import type { Migration } from '../types';

/**
 * The generation engine: a durable queue (states, priority, attempts, waits), conversations with
 * every part kept as received, thoughts and grounding stored beside each result, and cost.
 */
export const m0020QueueChatsResults: Migration = {
  version: 20,
  name: 'queue, conversations, thoughts, grounding and cost',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        tier       TEXT NOT NULL CHECK (tier IN ('flash', 'pro')),
        model_id   TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- SQLite cannot change a CHECK constraint in place: rebuild jobs with the new states.
      CREATE TABLE jobs_v20 (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL DEFAULT 'generate' CHECK (kind IN ('generate', 'chat', 'batch')),
        state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled')),
        request_json    TEXT NOT NULL,
        model_id        TEXT,
        priority        INTEGER NOT NULL DEFAULT 0,
        -- Order among jobs of equal priority; REAL so a job can be moved between two others.
        seq             REAL NOT NULL,
        attempt         INTEGER NOT NULL DEFAULT 0,
        wait_reason     TEXT,
        next_attempt_at INTEGER,
        -- Sent again after a crash with no stored result: Google may bill it twice.
        resent          INTEGER NOT NULL DEFAULT 0,
        conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
        batch_json      TEXT,
        error_code      TEXT,
        error_message   TEXT,
        created_at      INTEGER NOT NULL,
        started_at      INTEGER,
        finished_at     INTEGER
      );
      INSERT INTO jobs_v20 (id, state, request_json, model_id, seq, error_code, error_message, created_at, started_at, finished_at)
        SELECT id, state, request_json, model_id, created_at, error_code, error_message, created_at, started_at, finished_at FROM jobs;
      DROP TABLE jobs;
      ALTER TABLE jobs_v20 RENAME TO jobs;
      CREATE INDEX jobs_recent ON jobs(created_at DESC);
      CREATE INDEX jobs_pending ON jobs(state, priority DESC, seq) WHERE state IN ('queued', 'running', 'paused');

      ALTER TABLE generations ADD COLUMN conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL;
      ALTER TABLE generations ADD COLUMN turn_index INTEGER;
      -- The model's content exactly as received (thought parts and signatures included), with
      -- inline image data swapped for {sha256} references to files in the content store.
      ALTER TABLE generations ADD COLUMN content_json TEXT;
      ALTER TABLE generations ADD COLUMN grounding_json TEXT;
      ALTER TABLE generations ADD COLUMN finish_message TEXT;
      ALTER TABLE generations ADD COLUMN image_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE generations ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
      CREATE INDEX generations_created ON generations(created_at);
      CREATE INDEX generations_conversation ON generations(conversation_id, turn_index);

      -- User turns of conversations (model turns are generations).
      CREATE TABLE user_turns (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        turn_index      INTEGER NOT NULL,
        content_json    TEXT NOT NULL,
        job_id          TEXT,
        created_at      INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, turn_index)
      );

      -- The original file name of an imported image.
      ALTER TABLE assets ADD COLUMN name TEXT;

      -- Files that are not library assets but must stay: interim thought images.
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        mime   TEXT NOT NULL
      );
    `);
  },
};
