/**
 * google.rpc.Status error bodies as generativelanguage.googleapis.com sends them (wire §3).
 *
 * Handlers throw `RpcError`; the pipeline in server.ts turns it into
 * `{"error":{"code","message","status","details"?}}` with `application/json; charset=UTF-8`.
 * The real SDK (§3.3) only exposes `JSON.stringify(body)` as `ApiError.message`, so every
 * byte of these bodies is observable by clients — keep the texts verbatim from §3.2.
 */

import type { QuotaCause } from './types';

export type RpcStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'CANCELLED'
  | 'INTERNAL'
  | 'UNIMPLEMENTED'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED';

/** One entry of google.rpc.Status.details; always carries its `@type`. */
export type RpcDetail = { '@type': string } & Record<string, unknown>;

export interface RpcErrorBody {
  error: { code: number; message: string; status: RpcStatus; details?: RpcDetail[] };
}

export class RpcError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: RpcStatus,
    message: string,
    readonly details?: RpcDetail[],
    /** Extra HTTP headers sent with the error body (e.g. a proxy's `Retry-After`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toBody(): RpcErrorBody {
    const error: RpcErrorBody['error'] = { code: this.httpStatus, message: this.message, status: this.status };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }

  /**
   * The bare google.rpc.Status (no `error` wrapper, no `status` string) as it appears embedded in
   * other messages — e.g. a failed item of a batch (§7.2). `code` there is the canonical
   * google.rpc.Code, not the HTTP status: the HTTP mapping only applies to the top-level body.
   */
  toStatus(): RpcStatusMessage {
    const s: RpcStatusMessage = { code: GRPC_CODES[this.status], message: this.message };
    if (this.details && this.details.length > 0) s.details = this.details;
    return s;
  }
}

export interface RpcStatusMessage {
  code: number;
  message: string;
  details?: RpcDetail[];
}

/** google.rpc.Code numbers for the statuses this fake emits. */
export const GRPC_CODES: Record<RpcStatus, number> = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
};

const SERVICE = 'generativelanguage.googleapis.com';
const TYPE = 'type.googleapis.com/google.rpc.';

export function invalidArgument(message: string, details?: RpcDetail[]): RpcError {
  return new RpcError(400, 'INVALID_ARGUMENT', message, details);
}

/** §3.2: the real text names the API version the caller used, so v1 and v1beta differ. */
export function modelNotFound(modelId: string, apiVersion: string, method = 'generateContent'): RpcError {
  return new RpcError(
    404,
    'NOT_FOUND',
    `models/${modelId} is not found for API version ${apiVersion}, or is not supported for ${method}. ` +
      'Call ListModels to see the list of available models and their supported methods.',
  );
}

export function methodNotFound(): RpcError {
  return new RpcError(404, 'NOT_FOUND', 'Method not found.');
}

/** Unknown batch id (§3.2 lists "unknown batch/file" under 404); Google's generic NOT_FOUND text. */
export function entityNotFound(): RpcError {
  return new RpcError(404, 'NOT_FOUND', 'Requested entity was not found.');
}

export function failedPrecondition(message: string): RpcError {
  return new RpcError(400, 'FAILED_PRECONDITION', message);
}

/**
 * §3.2: no key at all is a 403, not a 401. The ErrorInfo mirrors what Google's front end
 * attaches (reason CREDENTIALS_MISSING, the RPC method name in metadata).
 */
export function missingApiKey(rpcMethod: string): RpcError {
  return new RpcError(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). " +
      'Please use API Key or other form of API consumer identity to call this API.',
    [
      {
        '@type': `${TYPE}ErrorInfo`,
        reason: 'CREDENTIALS_MISSING',
        domain: 'googleapis.com',
        metadata: { method: rpcMethod, service: SERVICE },
      },
    ],
  );
}

/** §3.2 "Invalid key (400, not 401/403)" — reproduced exactly, clients key off `API_KEY_INVALID`. */
export function invalidApiKey(): RpcError {
  const message = 'API key not valid. Please pass a valid API key.';
  return invalidArgument(message, [
    {
      '@type': `${TYPE}ErrorInfo`,
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: SERVICE },
    },
    { '@type': `${TYPE}LocalizedMessage`, locale: 'en-US', message },
  ]);
}

export function leakedApiKey(): RpcError {
  return new RpcError(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked. Please use another API key.');
}

export function notImplemented(what: string): RpcError {
  return new RpcError(501, 'UNIMPLEMENTED', `${what} is not implemented by fake-gemini yet.`);
}

const QUOTA_PREAMBLE =
  'You exceeded your current quota, please check your plan and billing details. ' +
  'For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. ' +
  'To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. ';

const HELP_DETAIL: RpcDetail = {
  '@type': `${TYPE}Help`,
  links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
};

interface Violation {
  quotaMetric: string;
  quotaId: string;
  model: string;
  limit: number;
}

function quotaFailureDetail(violations: readonly Violation[]): RpcDetail {
  return {
    '@type': `${TYPE}QuotaFailure`,
    violations: violations.map((v) => ({
      quotaMetric: v.quotaMetric,
      quotaId: v.quotaId,
      quotaDimensions: { location: 'global', model: v.model },
      // §0: 64-bit integers travel as JSON strings.
      quotaValue: String(v.limit),
    })),
  };
}

export interface QuotaErrorOptions {
  model: string;
  retryDelaySeconds?: number;
  quotaId?: string;
  quotaValue?: number;
  message?: string;
}

/**
 * §3.2 429 body: Help + QuotaFailure + RetryInfo, and the "Please retry in Xs." sentence at
 * the end of the message (some clients parse the sentence because the SDK ignores RetryInfo).
 * A quotaId ending in -FreeTier uses the free-tier metric and limit 0, as real free-tier
 * captures for the image models do (there is no free tier for them, §6.1).
 */
export function quotaExceeded(opts: QuotaErrorOptions): RpcError {
  const delay = opts.retryDelaySeconds ?? 20;
  const quotaId = opts.quotaId ?? 'GenerateRequestsPerMinutePerProjectPerModel';
  const freeTier = quotaId.endsWith('-FreeTier');
  const tokens = /Token/i.test(quotaId);
  const metric =
    'generativelanguage.googleapis.com/' +
    (tokens
      ? freeTier
        ? 'generate_content_free_tier_input_token_count'
        : 'generate_content_paid_tier_input_token_count'
      : freeTier
        ? 'generate_content_free_tier_requests'
        : 'generate_content_paid_tier_requests');
  const limit = opts.quotaValue ?? (freeTier ? 0 : 10);
  const message =
    opts.message ??
    QUOTA_PREAMBLE + `\n* Quota exceeded for metric: ${metric}, limit: ${limit}, model: ${opts.model}` + `\nPlease retry in ${delay}s.`;
  // §3.2: a protobuf Duration string; whole seconds as the real service truncates them,
  // except sub-second delays which would otherwise become "0s".
  const retryDelay = delay >= 1 ? `${Math.floor(delay)}s` : `${delay}s`;
  return new RpcError(429, 'RESOURCE_EXHAUSTED', message, [
    HELP_DETAIL,
    quotaFailureDetail([{ quotaMetric: metric, quotaId, model: opts.model, limit }]),
    { '@type': `${TYPE}RetryInfo`, retryDelay },
  ]);
}

/** A protobuf Duration string with at most millisecond precision: 437 → "0.437s", 12000 → "12s". */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms));
  const s = Math.floor(whole / 1000);
  const frac = whole % 1000;
  return frac === 0 ? `${s}s` : `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s`;
}

/** Parses a Duration string ("47s", "0.5s", "1.250s") to ms; undefined when malformed. */
export function parseDuration(d: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(d);
  if (!m) return undefined;
  return Number(m[1]) * 1000 + (m[2] ? Math.round(Number(`0.${m[2]}`) * 1000) : 0);
}

/** RetryInfo of a §3.1 error body, in ms (used to annotate the request log). */
export function retryDelayMsOf(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details as Record<string, unknown>[]) {
    if (d['@type'] === `${TYPE}RetryInfo` && typeof d.retryDelay === 'string') return parseDuration(d.retryDelay);
  }
  return undefined;
}

/**
 * The 429 the quota stage sends (quota.ts): one "* Quota exceeded" line and one QuotaFailure
 * violation per broken limit, RetryInfo with the exact delay to the millisecond, and the
 * message's "Please retry in X.XXs." rounded up so a client that parses the sentence instead
 * of RetryInfo (the SDK exposes no RetryInfo, §3.3) never retries too early.
 */
export function quotaViolationError(
  model: string,
  violations: readonly { quotaMetric: string; quotaId: string; limit: number; retryDelayMs: number }[],
): RpcError {
  const delayMs = Math.max(...violations.map((v) => v.retryDelayMs));
  const lines = violations.map((v) => `\n* Quota exceeded for metric: ${v.quotaMetric}, limit: ${v.limit}, model: ${model}`).join('');
  const message = `${QUOTA_PREAMBLE}${lines}\nPlease retry in ${(Math.ceil(delayMs / 10) / 100).toFixed(2)}s.`;
  return new RpcError(429, 'RESOURCE_EXHAUSTED', message, [
    HELP_DETAIL,
    quotaFailureDetail(violations.map((v) => ({ ...v, model }))),
    { '@type': `${TYPE}RetryInfo`, retryDelay: formatDuration(delayMs) },
  ]);
}

const BILLING_HINT = 'Please go to AI Studio at https://ai.studio/projects to manage your project and billing.';

/**
 * 429 texts that name their cause (issue 17 §4). The prepaid one is Google's, word for word, as
 * users quote it on discuss.ai.google.dev (2026); the others follow the causes Google staff list
 * there (rolling 10-minute spend limit, billing-account tier cap, tier drop) in the same voice.
 */
export const QUOTA_CAUSE_TEXT: Record<QuotaCause, string> = {
  prepaid_depleted: `Your prepayment credits are depleted. ${BILLING_HINT}`,
  tier_cap: `Your billing account has reached its tier spend cap of $250. ${BILLING_HINT}`,
  spend_window: `Your project has exceeded its spend limit of $10 over the last 10 minutes. Please retry later or reduce your request volume. ${BILLING_HINT}`,
  tier_drop: `Your project's usage tier was lowered to Tier 1 and its rate limits were reduced accordingly. ${BILLING_HINT}`,
  unknown: 'Your project is temporarily throttled. Please try again later.',
};

/** Default texts per status for scripted `{kind:'error'}` outcomes (§3.2). */
export function scriptedError(
  status: 400 | 403 | 404 | 429 | 500 | 503 | 504,
  ctx: { model: string; apiVersion: string },
  opts: { message?: string; retryDelaySeconds?: number; quotaId?: string; quotaValue?: number; bare?: boolean; retryAfter?: string; cause?: QuotaCause } = {},
): RpcError {
  const err =
    status === 429 && opts.cause ? new RpcError(429, 'RESOURCE_EXHAUSTED', opts.message ?? QUOTA_CAUSE_TEXT[opts.cause]) : scriptedErrorBody(status, ctx, opts);
  if (opts.retryAfter === undefined) return err;
  return new RpcError(err.httpStatus, err.status, err.message, err.details, { 'retry-after': opts.retryAfter });
}

function scriptedErrorBody(
  status: 400 | 403 | 404 | 429 | 500 | 503 | 504,
  ctx: { model: string; apiVersion: string },
  opts: { message?: string; retryDelaySeconds?: number; quotaId?: string; quotaValue?: number; bare?: boolean },
): RpcError {
  const m = opts.message;
  switch (status) {
    case 400:
      return invalidArgument(m ?? 'Request contains an invalid argument.');
    case 403:
      return new RpcError(403, 'PERMISSION_DENIED', m ?? 'The caller does not have permission');
    case 404:
      return m ? new RpcError(404, 'NOT_FOUND', m) : modelNotFound(ctx.model, ctx.apiVersion);
    case 429: {
      if (opts.bare) return new RpcError(429, 'RESOURCE_EXHAUSTED', m ?? 'Resource has been exhausted (e.g. check quota).');
      const q: QuotaErrorOptions = { model: ctx.model };
      if (opts.retryDelaySeconds !== undefined) q.retryDelaySeconds = opts.retryDelaySeconds;
      if (opts.quotaId !== undefined) q.quotaId = opts.quotaId;
      if (opts.quotaValue !== undefined) q.quotaValue = opts.quotaValue;
      if (m !== undefined) q.message = m;
      return quotaExceeded(q);
    }
    case 500:
      return new RpcError(
        500,
        'INTERNAL',
        m ?? 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    case 503:
      return new RpcError(503, 'UNAVAILABLE', m ?? 'The model is overloaded. Please try again later.');
    case 504:
      return new RpcError(504, 'DEADLINE_EXCEEDED', m ?? 'Deadline expired before operation could complete.');
  }
}
