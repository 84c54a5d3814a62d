import type { Migration } from '../types';

/**
 * Service tiers (issue 17 §3). A result records the tier that served it (from the
 * `x-gemini-service-tier` header; 'batch' for Batch API results) and what it would have cost at
 * Standard, so Usage can say what Flex and Batch saved. A job records since when Google has been
 * shedding its Flex call: the "after 15 minutes, pay full price" choice counts from there, across
 * restarts.
 *
 * Results of batch jobs from before this migration are marked 'batch' at twice their cost: the
 * Batch API has billed half of Standard since Atelier had batches (the factor is copied here, as
 * a migration never reads the live price table). Every other older result stays NULL (Standard).
 */
const BATCH_FACTOR = 0.5;

export const m0130ServiceTiers: Migration = {
  version: 130,
  name: 'service tiers',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN flex_shed_since INTEGER;
      ALTER TABLE generations ADD COLUMN service_tier TEXT CHECK (service_tier IN ('standard', 'flex', 'priority', 'batch'));
      ALTER TABLE generations ADD COLUMN list_cost_usd REAL;
    `);
    db.prepare(
      `UPDATE generations SET service_tier = 'batch', list_cost_usd = cost_usd / ?
        WHERE job_id IN (SELECT id FROM jobs WHERE kind = 'batch')`,
    ).run(BATCH_FACTOR);
  },
};
