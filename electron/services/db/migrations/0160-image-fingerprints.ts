import type { Migration } from '../types';

/**
 * Each stored picture's perceptual hash (its two unsigned 32-bit halves) and colour layout, by the
 * sha256 of its bytes (two assets with the same bytes share one row); the Hamming index is built
 * from them in memory (services/finding/HammingIndex.ts). `failed` marks a picture the helper
 * could not read, so the background backfill does not try it at every start. Then the opt-in
 * meaning vectors (256 signed bytes and a float32 scale) and the library's finding choices.
 *
 * IF NOT EXISTS: a test builds a pre-ledger library by running every migration without a ledger;
 * the ledger then counts this one (written after the ledger) as not applied and runs it again.
 */
export const m0160ImageFingerprints: Migration = {
  version: 160,
  name: 'image fingerprints for near-duplicates and look-alikes; meaning vectors',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS image_fingerprints (
        sha256   TEXT PRIMARY KEY,
        phash_hi INTEGER,
        phash_lo INTEGER,
        layout   BLOB,
        failed   INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
        made_at  INTEGER NOT NULL
      );

      -- Search by meaning (opt-in): each picture's gemini-embedding-2 vector, 256 signed bytes + a float32 scale.
      CREATE TABLE IF NOT EXISTS image_embeddings (
        sha256  TEXT PRIMARY KEY,
        model   TEXT NOT NULL,
        vector  BLOB NOT NULL,
        made_at INTEGER NOT NULL
      );
      -- The library's own choices about finding (whether search by meaning is on).
      CREATE TABLE IF NOT EXISTS finding_prefs (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
