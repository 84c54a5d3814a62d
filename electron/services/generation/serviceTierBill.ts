/**
 * What a synchronous result costs by the tier that served it, and whether a request may ask for
 * a tier at all. Kept apart from GenerationService so the RequestPolicy split can take it whole.
 */
import type { ModelCapabilities } from '../../../shared/models/catalogue';
import { estimateCost, type Usage } from '../../../shared/models/pricing';
import type { ServiceTier } from '../../../shared/domain/serviceTiers';
import { AppError } from '../errors';

export interface TierBill {
  servedTier: ServiceTier;
  costUsd: number;
  /** The same answer at Standard: Usage's "saved" is the difference. */
  listCostUsd: number;
}

/**
 * The header names the tier that served (Priority may be served as Standard: priority-inference
 * page). Without the header the tier asked for is billed — never a cheaper one than was asked,
 * and never a dearer one than the user chose.
 */
export function billOf(caps: ModelCapabilities, usage: Usage, searchQueries: number, asked: ServiceTier | undefined, served: ServiceTier | null): TierBill {
  const servedTier = served ?? asked ?? 'standard';
  return {
    servedTier,
    costUsd: estimateCost(caps, usage, { searchQueries, serviceTier: servedTier }),
    listCostUsd: estimateCost(caps, usage, { searchQueries }),
  };
}

/**
 * Priority is for Tier 2 and 3 projects (priority-inference page). Atelier cannot read the
 * project's tier, and proving it with a call means paying the premium first, so main refuses
 * Priority until the user says in Settings that the project qualifies.
 */
export function checkPriorityAllowed(asked: ServiceTier | undefined, priorityAllowed: boolean): void {
  if (asked === 'priority' && !priorityAllowed) {
    throw new AppError(
      'unsupported',
      'Priority is only for projects on paid Tier 2 or 3. If yours is, turn on “My project can use Priority” in Settings → Priority; otherwise choose Standard or Economy.',
    );
  }
}
