/**
 * Tiers a model served beyond what Atelier's table lists for it, proven by the
 * `x-gemini-service-tier` header of an answer (issue 17 §3) and kept in `service_tier_proofs`.
 * The table is what the model cards say; a header is what Google did, so it wins from then on.
 */
import type { ServiceTier } from '../../../shared/domain/serviceTiers';
import { cached, type Db } from '../db/db';

type Extra = Exclude<ServiceTier, 'standard'>;

export class ProvenTiers {
  private readonly byModel = new Map<string, Set<Extra>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    for (const r of db.prepare('SELECT model_id, tier FROM service_tier_proofs').all() as Array<{ model_id: string; tier: Extra }>) this.add(r.model_id, r.tier);
  }

  of(modelId: string): readonly Extra[] {
    return [...(this.byModel.get(modelId) ?? [])];
  }

  /** Keeps the proof; true when it is new. Standard needs none: every model serves it. */
  record(modelId: string, tier: ServiceTier): boolean {
    if (tier === 'standard' || this.byModel.get(modelId)?.has(tier)) return false;
    cached(this.db, 'INSERT OR IGNORE INTO service_tier_proofs (model_id, tier, proven_at) VALUES (?, ?, ?)').run(modelId, tier, this.now());
    this.add(modelId, tier);
    return true;
  }

  private add(modelId: string, tier: Extra): void {
    const set = this.byModel.get(modelId) ?? new Set<Extra>();
    set.add(tier);
    this.byModel.set(modelId, set);
  }
}
