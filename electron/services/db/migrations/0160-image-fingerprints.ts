import type { Migration } from '../types';

/**
 * Each stored picture's perceptual hash and colour layout, by the sha256 of its bytes (two assets
 * with the same bytes share one row). The hash is kept as its two unsigned 32-bit halves, and as
 * four 16-bit bands with an index each (IF NOT EXISTS: a pre-ledger library that ran every migration in a test is seeded without it, see ledgerSeed.ts, and this runs over it harmlessly): the bands are what multi-index hashing looks up, so a
 * near-duplicate query can also be answered from SQLite alone. `failed` marks a picture the helper
 * could not read, so the background backfill does not try it at every start.
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
        band0    INTEGER,
        band1    INTEGER,
        band2    INTEGER,
        band3    INTEGER,
        layout   BLOB,
        failed   INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
        made_at  INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS image_fingerprints_band0 ON image_fingerprints(band0);
      CREATE INDEX IF NOT EXISTS image_fingerprints_band1 ON image_fingerprints(band1);
      CREATE INDEX IF NOT EXISTS image_fingerprints_band2 ON image_fingerprints(band2);
      CREATE INDEX IF NOT EXISTS image_fingerprints_band3 ON image_fingerprints(band3);

      -- Search by meaning (opt-in): each picture's gemini-embedding-2 vector, 256 signed bytes.
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
