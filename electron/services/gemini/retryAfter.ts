/**
 * The HTTP `Retry-After` header (RFC 9110 §10.2.3): either whole seconds or an HTTP date. Gemini
 * itself says when in the body's RetryInfo, but a 429 from a gateway or proxy in front of it often
 * carries only this header (issue 17 §7), and ignoring it meant retrying on our own schedule.
 */

/**
 * Longer waits are not believed: a header saying "come back next year" from a broken proxy
 * would otherwise park a job for good. An hour covers the longest window Gemini names (the
 * rolling 10-minute spend limit) with room to spare.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Milliseconds to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // Only a date that names its day is an HTTP date; Date.parse alone accepts "1" and other noise.
    if (!/[a-z]{3}/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
