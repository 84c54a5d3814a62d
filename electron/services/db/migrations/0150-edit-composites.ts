import type { Migration } from '../types';

/**
 * A masked edit's result is a composite Atelier made: the model's answer inside the mask, the
 * original outside. The model's whole answer is kept too, as a blob (never a library image, so
 * never in the grid), and this row ties it to the asset it became part of, with how it was laid.
 */
export const m0150EditComposites: Migration = {
  version: 150,
  name: 'masked edits composited locally',
  up(db) {
    db.exec(`
      CREATE TABLE edit_composites (
        asset_id      TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
        model_sha256  TEXT NOT NULL,
        model_mime    TEXT NOT NULL,
        base_asset_id TEXT,
        mode          TEXT NOT NULL CHECK (mode IN ('region', 'outpaint')),
        feather_px    INTEGER NOT NULL CHECK (feather_px BETWEEN 0 AND 64)
      );
      CREATE INDEX edit_composites_model ON edit_composites(model_sha256);
    `);
  },
};
