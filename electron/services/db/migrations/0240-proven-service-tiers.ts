import type { Migration } from '../types';

/**
 * Service tiers a model was seen to serve although Atelier's table did not list them (issue 17
 * §3: "an unknown model gets Standard only until a call proves otherwise"). The proof is the
 * `x-gemini-service-tier` header of a real answer; it is kept so the tier is offered from then on.
 */
export const m0240ProvenServiceTiers: Migration = {
  version: 240,
  name: 'proven service tiers',
  up(db) {
    db.exec(`
      CREATE TABLE service_tier_proofs (
        model_id TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('flex', 'priority')),
        proven_at INTEGER NOT NULL,
        PRIMARY KEY (model_id, tier)
      ) WITHOUT ROWID;
    `);
  },
};
