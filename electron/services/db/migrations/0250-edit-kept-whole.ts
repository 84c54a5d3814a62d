import type { Migration } from '../types';

/**
 * A masked edit whose answer came back in another shape cannot be laid over its photo, but the
 * answer was paid for: the model's whole image becomes the result as it came, and this row says
 * so, with both sizes, so the result can tell the person why it was not composited.
 */
export const m0250EditKeptWhole: Migration = {
  version: 250,
  name: 'masked edits kept whole when the answer changed shape',
  up(db) {
    db.exec(`
      CREATE TABLE edit_kept_whole (
        asset_id      TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
        base_asset_id TEXT,
        mode          TEXT NOT NULL CHECK (mode IN ('region', 'outpaint')),
        base_width    INTEGER NOT NULL CHECK (base_width > 0),
        base_height   INTEGER NOT NULL CHECK (base_height > 0),
        model_width   INTEGER NOT NULL CHECK (model_width > 0),
        model_height  INTEGER NOT NULL CHECK (model_height > 0)
      );
    `);
  },
};
