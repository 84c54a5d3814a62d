import type { Migration } from '../types';

/**
 * Comparisons: one prompt run on 2–4 contenders, the results side by side and the vote. Each
 * contender points at its job and, once finished, the library asset it made, so a comparison
 * survives restarts and its images stay ordinary library images. Timings are kept as epoch ms;
 * `config_key` names a contender's settings so Stats can group pairs with one index walk.
 */
export const m0080Comparisons: Migration = {
  version: 80,
  name: 'comparisons and votes',
  up(db) {
    db.exec(`
      CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        references_json TEXT NOT NULL,
        aspect_ratio TEXT,
        edit_json TEXT,
        blind INTEGER NOT NULL DEFAULT 0,
        order_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled')),
        vote_kind TEXT CHECK (vote_kind IN ('winner', 'tie', 'all_bad')),
        vote_winner INTEGER,
        voted_at INTEGER
      );
      CREATE INDEX comparisons_created ON comparisons(created_at DESC);
      CREATE INDEX comparisons_voted ON comparisons(voted_at) WHERE vote_kind IS NOT NULL;

      CREATE TABLE comparison_contenders (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        contender_json TEXT NOT NULL,
        model_id TEXT NOT NULL,
        config_key TEXT NOT NULL,
        job_id TEXT,
        state TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        asset_id TEXT,
        started_at INTEGER,
        first_progress_at INTEGER,
        finished_at INTEGER,
        prompt_tokens INTEGER,
        output_tokens INTEGER,
        thought_tokens INTEGER,
        image_tokens INTEGER,
        cost_usd REAL,
        estimate_usd REAL NOT NULL,
        PRIMARY KEY (comparison_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX comparison_contenders_job ON comparison_contenders(job_id);
      CREATE INDEX comparison_contenders_asset ON comparison_contenders(asset_id);
    `);
  },
};
