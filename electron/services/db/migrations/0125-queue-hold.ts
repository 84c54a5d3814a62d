import type { Migration } from '../types';

/**
 * The whole-queue pause Gemini's billing caused (prepaid credit used up, a tier's cap reached),
 * kept across a restart: without it a relaunch would send the waiting jobs straight into the same
 * refusal. At most one row (`id` is always 1); no row means the queue is not held.
 */
export const m0125QueueHold: Migration = {
  version: 125,
  name: 'queue hold',
  up(db) {
    db.exec(`
      CREATE TABLE queue_hold (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        reason  TEXT NOT NULL,
        message TEXT NOT NULL,
        since   INTEGER NOT NULL
      );
    `);
  },
};
