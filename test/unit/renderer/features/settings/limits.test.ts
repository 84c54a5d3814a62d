import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../../../../../shared/domain/settings';
import { MODEL_TIERS } from '../../../../../shared/domain/vocabulary';
import { LIMITS } from '../../../../../renderer/src/features/settings/limits';

describe('settings limits come from the schemas main validates with', () => {
  it('match what main accepts and refuses at each edge', () => {
    // A record keyed by an enum wants every tier.
    const tier = (rpm: number) => ({ requestsPerMinute: rpm, imagesPerMinute: null, requestsPerDay: null });
    const quota = (rpm: number) => ({ quotas: Object.fromEntries(MODEL_TIERS.map((t) => [t, tier(rpm)])) });
    expect(SettingsPatchSchema.safeParse(quota(LIMITS.requestsPerMinute.max)).success).toBe(true);
    expect(SettingsPatchSchema.safeParse(quota(LIMITS.requestsPerMinute.max + 1)).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ maxInFlight: LIMITS.maxInFlight.max }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ maxInFlight: LIMITS.maxInFlight.max + 1 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ maxInFlight: LIMITS.maxInFlight.min - 1 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ monthlyBudgetUsd: LIMITS.monthlyBudgetUsd.max }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ monthlyBudgetUsd: LIMITS.monthlyBudgetUsd.max + 0.01 }).success).toBe(false);
  });

  it('are the figures the forms show', () => {
    expect(LIMITS.maxInFlight).toEqual({ min: 1, max: 20 });
    expect(LIMITS.imagesPerMinute.max).toBe(100_000);
    expect(LIMITS.requestsPerDay.max).toBe(10_000_000);
  });
});
