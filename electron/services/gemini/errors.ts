/**
 * Turns whatever the SDK throws into an AppError with a stable code and a sentence a person
 * can act on. The SDK's ApiError carries the whole google.rpc.Status body as a JSON string in
 * `message` (wire reference §3.3), sometimes double-encoded, so it is parsed defensively.
 */
import { ApiError } from '@google/genai';
import { AppError } from '../errors';
import { BILLING_URL } from '../../../shared/urls';
import { redact } from '../logger';
import { readQuotaReason, statusTexts } from './quotaReason';
import { htmlStatusLine, transportError } from './transport';

interface RpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown> & { '@type'?: string }>;
}

function tryParseError(text: string): RpcStatus | null {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return parsed && typeof parsed.error === 'object' && parsed.error !== null ? (parsed.error as RpcStatus) : null;
  } catch {
    return null;
  }
}

export function parseRpcStatus(raw: string): RpcStatus | null {
  const outer = tryParseError(raw);
  // When the error response was not JSON-typed (e.g. text/event-stream) the SDK wraps its body,
  // so the real google.rpc.Status may sit JSON-encoded inside `message`.
  const inner = outer?.message ? tryParseError(outer.message) : null;
  return inner ?? outer;
}

function detail(status: RpcStatus, type: string): Record<string, unknown> | undefined {
  return status.details?.find((d) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);
}

/** Parses a protobuf Duration ("47s", "0.5s") into milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** Which quota a 429 names (QuotaFailure.violations[].quotaId), in words; null when it names none we know. */
export function quotaName(quotaId: string): string | null {
  // Spend caps are per rolling 10 minutes and per billing tier (Tier 1 $10, Tier 2 $50, Tier 3 $200).
  if (/Spend|Cost|Billing/i.test(quotaId)) return 'the 10-minute spend cap';
  if (/PerDay/i.test(quotaId)) return 'the daily request quota';
  if (/InputTokens/i.test(quotaId)) return 'the input-token quota';
  if (/Images?Per/i.test(quotaId)) return 'the images-per-minute quota';
  if (/PerMinute/i.test(quotaId)) return 'the requests-per-minute quota';
  return null;
}

/** Which quotas a 429 names, in words; null when it names none at all. */
function describeQuota(status: RpcStatus): string | null {
  const failure = detail(status, 'QuotaFailure') as { violations?: Array<{ quotaId?: string }> } | undefined;
  const violations = failure?.violations ?? [];
  const names = [...new Set(violations.map((v) => quotaName(v.quotaId ?? '')).filter((n): n is string => n !== null))];
  if (names.length) return names.join(' and ');
  return violations.some((v) => v.quotaId) ? 'its quota' : null;
}

/** A body that is markup, not google.rpc.Status: a proxy's or load balancer's error page. */
function isMarkup(text: string): boolean {
  return /^\s*</.test(text) && /<\/?(html|head|body|title|h1|center|p)\b/i.test(text);
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

export { BILLING_URL };

/** The spend limit is per rolling 10 minutes: without a RetryInfo, the window has rolled by then. */
export const SPEND_WINDOW_MS = 10 * 60_000;

function googleSaid(text: string): string {
  return ` Google said: “${text.length > 200 ? `${text.slice(0, 200)}…` : text}”`;
}

/** A 429 whose text names its cause (issue 17 §4), as the error the queue acts on; null otherwise. */
function quotaCause(status: RpcStatus, text: string, retryAfterMs: number | undefined): AppError | null {
  const reason = readQuotaReason(statusTexts(status).map((t) => redact(t)));
  switch (reason) {
    case null:
      return null;
    case 'prepaid_depleted':
      // Waiting cannot refill a prepaid balance, and every retry is another refused call: stop all.
      return new AppError(
        'quota_exhausted',
        `Your Gemini project's prepaid credit is used up, so Google refuses every request. The queue is paused: add credit at ${BILLING_URL}, then resume it.${googleSaid(text)}`,
        { permanent: true, quotaReason: reason },
      );
    case 'tier_cap':
      return new AppError(
        'quota_exhausted',
        `Your billing account has reached its tier's spending cap, so Google refuses every request until the cap is raised or the period ends. The queue is paused: check the billing account at ${BILLING_URL}, then resume it.${googleSaid(text)}`,
        { permanent: true, quotaReason: reason },
      );
    case 'spend_window': {
      const wait = retryAfterMs ?? SPEND_WINDOW_MS;
      return new AppError(
        'quota',
        `Your project reached its spend limit for the rolling 10 minutes. Atelier waits for the window to roll and tries again in about ${minutes(wait)}; a lower “spend per 10 minutes” in Settings → Quota stays under it.`,
        { retryAfterMs: wait, quotaReason: reason },
      );
    }
    case 'tier_drop':
      return new AppError(
        'quota',
        `Google moved your project to a lower billing tier, so its limits are lower than before. Atelier slows down and keeps trying; your tier is shown at ${BILLING_URL}.${googleSaid(text)}`,
        { quotaReason: reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
      );
  }
}

function minutes(ms: number): string {
  return ms < 60_000 ? seconds(ms) : `${Math.ceil(ms / 60_000)} min`;
}

export function toAppError(err: unknown, context: { model?: string; retryAfterMs?: number | undefined } = {}): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    // Our own deadline and cancel are named by the transport; an abort reaching here has no
    // user behind it, so it is treated as a broken answer that deserves another attempt.
    return new AppError('timeout', 'The request to Gemini was stopped before it finished. It will be tried again.');
  }
  if (err instanceof ApiError) {
    const status = parseRpcStatus(err.message) ?? {};
    if (isMarkup(status.message ?? '')) {
      return new AppError(err.status >= 500 ? 'server' : err.status === 429 ? 'quota' : 'bad_response', htmlStatusLine(err.status, status.message ?? ''));
    }
    // Server text ends up in job rows and the UI; mask anything shaped like a key first.
    const text = redact(status.message ?? `HTTP ${err.status}`);
    const info = detail(status, 'ErrorInfo') as { reason?: string } | undefined;
    switch (err.status) {
      case 400:
        if (info?.reason === 'API_KEY_INVALID' || /API key not valid/i.test(text)) {
          return new AppError('invalid_key', 'Gemini rejected the API key: it is not valid. Check it in Settings → API key.');
        }
        return new AppError('bad_request', `Gemini could not accept the request: ${text}`);
      case 401:
      case 403:
        if (/leaked/i.test(text)) {
          return new AppError('invalid_key', 'Google reported this API key as leaked and disabled it. Create a new key in Google AI Studio.');
        }
        return new AppError('invalid_key', `Gemini refused the API key: ${text}`);
      case 404:
        return new AppError(
          'model_not_found',
          `The model ${context.model ? `${context.model} ` : ''}is not available any more (Google may have retired it). Refresh the model list and try again.`,
        );
      case 429: {
        // RetryInfo in the body, or else an HTTP Retry-After header (a gateway's 429): both name the earliest retry.
        const bodyDelay = parseDuration(detail(status, 'RetryInfo')?.['retryDelay']);
        const retryAfterMs = bodyDelay !== undefined && context.retryAfterMs !== undefined ? Math.max(bodyDelay, context.retryAfterMs) : bodyDelay ?? context.retryAfterMs;
        const violations = (detail(status, 'QuotaFailure') as { violations?: Array<{ quotaValue?: string }> } | undefined)?.violations;
        // A limit of 0 means the project has no quota for this model at all (e.g. no free tier): waiting won't help.
        if (violations?.some((v) => v.quotaValue === '0') || /limit: 0\b/.test(text)) {
          return new AppError('quota', 'Your Google Cloud project has no quota for this model (limit 0). Enable billing for the project in Google AI Studio.', { permanent: true });
        }
        const named = quotaCause(status, text, retryAfterMs);
        if (named) return named;
        const when = retryAfterMs !== undefined ? ` Gemini asks to wait ${seconds(retryAfterMs)}.` : '';
        const which = describeQuota(status);
        if (!which && retryAfterMs === undefined) {
          // No QuotaFailure, no RetryInfo: say so, and let the queue cap how often it tries again.
          return new AppError('quota', "Gemini's rate limit was hit (HTTP 429; it did not say which limit or for how long).", { sparse429: true });
        }
        const quota = which ?? 'its quota';
        const hint = /spend cap/.test(quota) ? ' Set a lower “spend per 10 minutes” in Settings → Quota to stay under it.' : '';
        return new AppError('quota', `Gemini's rate limit was hit (${quota} of your project).${when}${hint}`, {
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }
      case 500:
        return new AppError('server', 'Gemini had an internal error (500). This is usually temporary: try again.');
      case 503:
        return new AppError('server', 'The Gemini model is overloaded right now (503). Try again in a moment.');
      case 504:
        return new AppError('server', 'Gemini took too long to answer (504). Large or complex images sometimes do; try again.');
      default:
        return new AppError(err.status >= 500 ? 'server' : 'bad_response', `Gemini answered with an error (${err.status}): ${text}`);
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  // The SDK's own parsers (JSON of a unary answer, SSE framing) reject a malformed body with a
  // SyntaxError or a plain Error: the service was reached and answered badly.
  if (err instanceof SyntaxError || /Incomplete JSON|exception parsing stream chunk|Response body is empty|Unexpected (end|token)/i.test(message)) {
    return new AppError('bad_response', 'The answer from the service was not valid — a proxy or captive portal may be in the way.');
  }
  if (err instanceof TypeError) return transportError(err, 'connect');
  return new AppError('internal', `Unexpected error while calling Gemini: ${redact(message).slice(0, 300)}`);
}
