import type { Migration } from '../types';

/**
 * Jobs learn three things:
 * - `set_id` groups the N jobs of one "variations" request, so a set reads back in one query
 *   after a restart;
 * - `revision` goes up on every change main makes to a row, so the window keeps the highest copy
 *   it has seen instead of guessing which of two copies is newer;
 * - `sent_at` records when the request of the current attempt actually left, so after a crash
 *   only jobs that reached Google are marked "may be billed twice".
 */
export const m0090JobSetsRevisions: Migration = {
  version: 90,
  name: 'job sets, revisions and send times',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN set_id TEXT;
      ALTER TABLE jobs ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE jobs ADD COLUMN sent_at INTEGER;
      CREATE INDEX jobs_set ON jobs(set_id, seq) WHERE set_id IS NOT NULL;
    `);
  },
};
