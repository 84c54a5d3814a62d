import type { Migration } from '../types';

/**
 * Indexes for filters that narrow a large library a lot (favourites, a ratio, a size, a model,
 * grounding, a source), so "favourites in 16:9" does not walk 250,000 rows. Measured with
 * `npm run bench -- library`.
 */
export const m0040FilterIndexes: Migration = {
  version: 40,
  name: 'indexes for library filters',
  up(db) {
    db.exec(`
      CREATE INDEX assets_favorite ON assets(trashed_at, favorite, created_at DESC) WHERE favorite = 1;
      CREATE INDEX assets_ratio ON assets(trashed_at, aspect_ratio, created_at DESC);
      CREATE INDEX assets_size ON assets(trashed_at, image_size, created_at DESC);
      CREATE INDEX assets_tier ON assets(trashed_at, tier, created_at DESC);
      CREATE INDEX assets_grounded ON assets(trashed_at, has_grounding, created_at DESC) WHERE has_grounding = 1;
      CREATE INDEX assets_source ON assets(trashed_at, source, created_at DESC);
      ANALYZE;
    `);
  },
};
