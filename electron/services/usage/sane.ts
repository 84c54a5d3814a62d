/**
 * Numbers from the wire and from stored rows, made safe to add up and to send over IPC. One
 * answer with `promptTokenCount: -12` or an absurd thought count once stored cost = Infinity, and
 * every list that summed it failed its output check for good (issue 10). Counts outside what a
 * request can really use are not believed: they count as 0.
 */

/** Far above any real request (the largest context is ~2M tokens); anything beyond is garbage. */
export const MAX_TOKENS = 100_000_000;
/** Far above any single request's real price. */
export const MAX_COST_USD = 100_000;

export function tokenCount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TOKENS ? Math.round(v) : 0;
}

/** A believable cost, or null ("unknown"). */
export function costUsd(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_COST_USD ? v : null;
}
