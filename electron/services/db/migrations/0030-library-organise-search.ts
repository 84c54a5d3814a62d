import type { Migration } from '../types';

/**
 * The library people live in: ratings, favourites, trash, tags, collections, lineage, and an FTS5
 * index. The columns filters use (tier, model, ratio, size, grounding) are copied onto assets so a
 * quarter of a million rows filter without joins.
 */
export const m0030LibraryOrganiseSearch: Migration = {
  version: 30,
  name: 'organisation, lineage and full-text search',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
      ALTER TABLE assets ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE assets ADD COLUMN trashed_at INTEGER;
      ALTER TABLE assets ADD COLUMN tier TEXT;
      ALTER TABLE assets ADD COLUMN model_id TEXT;
      ALTER TABLE assets ADD COLUMN aspect_ratio TEXT;
      ALTER TABLE assets ADD COLUMN image_size TEXT;
      ALTER TABLE assets ADD COLUMN has_grounding INTEGER NOT NULL DEFAULT 0;

      UPDATE assets SET
        tier = (SELECT g.tier FROM generations g WHERE g.id = assets.generation_id),
        model_id = (SELECT g.model_id FROM generations g WHERE g.id = assets.generation_id),
        aspect_ratio = (SELECT json_extract(g.params_json, '$.aspectRatio') FROM generations g WHERE g.id = assets.generation_id),
        image_size = (SELECT json_extract(g.params_json, '$.imageSize') FROM generations g WHERE g.id = assets.generation_id),
        has_grounding = COALESCE((SELECT g.grounding_json IS NOT NULL FROM generations g WHERE g.id = assets.generation_id), 0);

      DROP INDEX IF EXISTS assets_recent;
      CREATE INDEX assets_live_recent ON assets(trashed_at, created_at DESC, id DESC);
      CREATE INDEX assets_rating ON assets(trashed_at, rating DESC, created_at DESC);
      CREATE INDEX assets_name ON assets(trashed_at, name);

      CREATE TABLE asset_tags (
        asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        tag      TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (asset_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX asset_tags_tag ON asset_tags(tag);

      CREATE TABLE collections (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE collection_assets (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        asset_id      TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        added_at      INTEGER NOT NULL,
        PRIMARY KEY (collection_id, asset_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_assets_asset ON collection_assets(asset_id);

      -- An edit or a chat turn points at the version(s) it came from.
      CREATE TABLE asset_parents (
        asset_id  TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        parent_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        PRIMARY KEY (asset_id, parent_id)
      ) WITHOUT ROWID;
      CREATE INDEX asset_parents_parent ON asset_parents(parent_id);

      -- rowid = assets.rowid. Accents fold away; 2–4 letter prefixes are indexed for search-as-you-type.
      CREATE VIRTUAL TABLE asset_fts USING fts5(
        prompt, text, tags, collections, name,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4'
      );
      INSERT INTO asset_fts (rowid, prompt, text, tags, collections, name)
        SELECT a.rowid, COALESCE(g.prompt, ''), COALESCE(g.response_text, ''), '', '', COALESCE(a.name, '')
        FROM assets a LEFT JOIN generations g ON g.id = a.generation_id;
    `);
  },
};
