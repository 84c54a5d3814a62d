/**
 * Stable error codes that cross the IPC border. The UI decides what to do from the code;
 * the message is for people.
 */
export const ERROR_CODES = [
  // IPC border
  'unknown_route',
  'bad_input',
  'forbidden_sender',
  'internal',
  // API key
  'no_key',
  'invalid_key',
  'key_store_unavailable',
  /** An endpoint other than Google's that the user has not confirmed in main's own dialog. */
  'unconfirmed_endpoint',
  // Gemini outcomes
  'quota',
  /**
   * A 429 that waiting will not cure: the prepaid credit is used up, or the billing account hit
   * its tier's cap. Never retried; the whole queue pauses until the user resumes it.
   */
  'quota_exhausted',
  'server',
  'network',
  /** Reached the service, but the answer was broken (not JSON, cut short, a redirect…). */
  'bad_response',
  /** The per-request deadline passed. */
  'timeout',
  'bad_request',
  'model_not_found',
  'prompt_blocked',
  'image_blocked',
  'no_image',
  'cancelled',
  'unsupported',
  'over_budget',
  // Library
  'not_found',
  'bad_file',
  /** The image helper process stopped while working on this; it restarts, and the work can be done again. */
  'image_helper',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a 429 happened, when its text says (issue 17 §4; Google staff on the AI forum list these
 * causes): `spend_window` the spend limit over the rolling 10 minutes; `prepaid_depleted` the
 * prepaid credit is used up; `tier_cap` the billing account reached its tier's cap; `tier_drop`
 * the project was moved to a lower tier. Anything else is a plain rate limit and has no reason.
 */
export const QUOTA_REASONS = ['spend_window', 'prepaid_depleted', 'tier_cap', 'tier_drop'] as const;
export type QuotaReason = (typeof QUOTA_REASONS)[number];
