import type { Migration } from '../types';

export const m0010Initial: Migration = {
  version: 10,
  name: 'initial library, generations and jobs',
  up(db) {
    db.exec(`
      CREATE TABLE generations (
        id             TEXT PRIMARY KEY,
        job_id         TEXT,
        prompt         TEXT NOT NULL,
        tier           TEXT NOT NULL CHECK (tier IN ('flash', 'pro')),
        model_id       TEXT NOT NULL,
        params_json    TEXT NOT NULL,
        response_text  TEXT,
        finish_reason  TEXT,
        prompt_tokens  INTEGER NOT NULL DEFAULT 0,
        output_tokens  INTEGER NOT NULL DEFAULT 0,
        thought_tokens INTEGER NOT NULL DEFAULT 0,
        duration_ms    INTEGER NOT NULL,
        created_at     INTEGER NOT NULL
      );
      CREATE INDEX generations_job ON generations(job_id);

      -- Image bytes live on disk, content-addressed by sha256; rows only point at them.
      CREATE TABLE assets (
        id            TEXT PRIMARY KEY,
        sha256        TEXT NOT NULL,
        mime          TEXT NOT NULL,
        width         INTEGER NOT NULL,
        height        INTEGER NOT NULL,
        bytes         INTEGER NOT NULL,
        source        TEXT NOT NULL CHECK (source IN ('generated', 'edited', 'imported')),
        generation_id TEXT REFERENCES generations(id) ON DELETE SET NULL,
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX assets_recent ON assets(created_at DESC, id DESC);
      CREATE INDEX assets_sha256 ON assets(sha256);
      CREATE INDEX assets_generation ON assets(generation_id);

      CREATE TABLE jobs (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
        request_json  TEXT NOT NULL,
        model_id      TEXT,
        error_code    TEXT,
        error_message TEXT,
        created_at    INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER
      );
      CREATE INDEX jobs_recent ON jobs(created_at DESC);
    `);
  },
};
