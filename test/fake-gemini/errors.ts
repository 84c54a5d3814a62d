/**
 * google.rpc.Status error bodies as generativelanguage.googleapis.com sends them (wire §3).
 *
 * Handlers throw `RpcError`; the pipeline in server.ts turns it into
 * `{"error":{"code","message","status","details"?}}` with `application/json; charset=UTF-8`.
 * The real SDK (§3.3) only exposes `JSON.stringify(body)` as `ApiError.message`, so every
 * byte of these bodies is observable by clients — keep the texts verbatim from §3.2.
 */

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
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toBody(): RpcErrorBody {
    const error: RpcErrorBody['error'] = { code: this.httpStatus, message: this.message, status: this.status };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }
}

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
    'You exceeded your current quota, please check your plan and billing details. ' +
      'For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. ' +
      'To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. ' +
      `\n* Quota exceeded for metric: ${metric}, limit: ${limit}, model: ${opts.model}` +
      `\nPlease retry in ${delay}s.`;
  return new RpcError(429, 'RESOURCE_EXHAUSTED', message, [
    {
      '@type': `${TYPE}Help`,
      links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
    },
    {
      '@type': `${TYPE}QuotaFailure`,
      violations: [
        {
          quotaMetric: metric,
          quotaId,
          quotaDimensions: { location: 'global', model: opts.model },
          // §0: 64-bit integers travel as JSON strings.
          quotaValue: String(limit),
        },
      ],
    },
    // §3.2: a protobuf Duration string; whole seconds as the real service truncates them,
    // except sub-second delays which would otherwise become "0s".
    { '@type': `${TYPE}RetryInfo`, retryDelay: delay >= 1 ? `${Math.floor(delay)}s` : `${delay}s` },
  ]);
}

/** Default texts per status for scripted `{kind:'error'}` outcomes (§3.2). */
export function scriptedError(
  status: 400 | 403 | 404 | 429 | 500 | 503 | 504,
  ctx: { model: string; apiVersion: string },
  opts: { message?: string; retryDelaySeconds?: number; quotaId?: string; quotaValue?: number } = {},
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
