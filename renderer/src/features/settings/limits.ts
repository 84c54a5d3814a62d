/**
 * The bounds of each setting, read from the schemas main validates with, so a form says the
 * same limits main enforces and a change to a schema is one change.
 */
import { SettingsSchema, TierQuotaSchema } from '../../../../shared/domain/settings';

function bounds(schema: { minValue: number | null; maxValue: number | null }): { min: number; max: number } {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export const LIMITS = {
  requestsPerMinute: bounds(TierQuotaSchema.shape.requestsPerMinute),
  imagesPerMinute: bounds(TierQuotaSchema.shape.imagesPerMinute.unwrap()),
  requestsPerDay: bounds(TierQuotaSchema.shape.requestsPerDay.unwrap()),
  maxInFlight: bounds(SettingsSchema.shape.maxInFlight),
  monthlyBudgetUsd: bounds(SettingsSchema.shape.monthlyBudgetUsd.unwrap()),
  spendPer10MinUsd: bounds(SettingsSchema.shape.spendPer10MinUsd.unwrap()),
} as const;
