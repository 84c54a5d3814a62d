/**
 * Gemini's service tiers: how a synchronous call is scheduled and what it costs. Pure data.
 *
 * Sources (checked 2026-12-04 with the docs search):
 *  - ai.google.dev/gemini-api/docs/optimization — the table "Standard | Flex | Priority | Batch":
 *    Flex "50% discount", "Minutes (1–15 min target)", "Best-effort (Sheddable)"; Priority
 *    "75% to 100% more than standard", "Non-sheddable"; Batch "50% discount", up to 24 hours.
 *  - ai.google.dev/gemini-api/docs/flex-inference — `service_tier: flex`, standard when omitted.
 *  - ai.google.dev/gemini-api/docs/priority-inference — Priority "for Tier 2 and 3 users" on
 *    GenerateContent; an over-limit Priority call is served at Standard, and the response header
 *    `x-gemini-service-tier` says so ("standard").
 *  - @google/genai 2.32: `config.serviceTier` (enum ServiceTier: flex / standard / priority), which
 *    the SDK moves to the top of the REST body; `response.sdkHttpResponse.headers` carries the header.
 */

/** What a synchronous call may ask for. Batch is a separate API, not a value of this field. */
export const SERVICE_TIERS = ['standard', 'flex', 'priority'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** What a model can be run as: the synchronous tiers plus the Batch API. */
export type TierOption = ServiceTier | 'batch';

/** The response header naming the tier that actually served a call (priority-inference page). */
export const SERVED_TIER_HEADER = 'x-gemini-service-tier';

/**
 * Price relative to Standard. Flex: "50% discount" (optimization page). Priority: "75% to 100%
 * more" — the upper bound is used so an estimate errs high, never low, and the UI says "estimate".
 * Batch stays in ModelPrices.batchFactor (half, as before).
 */
export const SERVICE_TIER_PRICE_FACTOR: Readonly<Record<ServiceTier, number>> = {
  standard: 1,
  flex: 0.5,
  priority: 2,
};

/** Priority's price is a range on Google's page: shown as an estimate. */
export const PRIORITY_PRICE_IS_ESTIMATE = true;

export const SERVICE_TIER_LABELS: Readonly<Record<ServiceTier, string>> = {
  standard: 'Standard',
  flex: 'Economy (Flex: half price, may take minutes)',
  priority: 'Priority (faster, costs up to twice as much)',
};

/** Short names for a job's facts ("Served: Flex"). */
export const SERVICE_TIER_SHORT: Readonly<Record<ServiceTier, string>> = {
  standard: 'Standard',
  flex: 'Flex',
  priority: 'Priority',
};

/**
 * The tier named by the header, or null when it is missing or unknown (an older endpoint, a
 * proxy that drops headers): the caller then bills the tier it asked for, never a cheaper one.
 */
export function parseServedTier(value: string | null | undefined): ServiceTier | null {
  const v = value?.trim().toLowerCase();
  return v === 'standard' || v === 'flex' || v === 'priority' ? v : null;
}

/** How long a shed Flex job keeps trying at half price before it may move to Standard, if allowed. */
export const FLEX_FALLBACK_AFTER_MS = 15 * 60_000;
