/**
 * The fetch every SDK call goes through. It exists because the SDK, left alone, follows redirects
 * with the key attached, has no deadline on the body, and turns every transport failure into the
 * same `TypeError`. Here each request:
 *  - never follows a redirect (the key must only go to the endpoint the user chose);
 *  - has one deadline covering headers and the whole body, streamed or not;
 *  - is read to the end before the SDK sees it, so a body that breaks half-way is our error to
 *    name, not a generic one thrown from inside the SDK's parser;
 *  - fails as `network` only when the host could not be reached at all. A host that answered
 *    badly is `bad_response` and spends attempts (issue 10: "reachable but broken is not offline").
 */
import { SERVED_TIER_HEADER } from '../../../shared/domain/serviceTiers';
import { AppError } from '../errors';
import { parseRetryAfter } from './retryAfter';
import { checkAnswerShape, checkDepth } from './shape';

/** Connection-level codes: nothing reached a server. Only these mean "offline". */
const CANT_REACH = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH',
  'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNABORTED',
]);

export interface TransportCall {
  /** Milliseconds from sending to the last byte of the body. */
  deadlineMs: number;
  /** The caller's cancel signal; aborting it is a cancellation, not a timeout. */
  signal?: AbortSignal | undefined;
  /** Called as the request leaves. */
  onSend?: (() => void) | undefined;
  /** Called with each SSE event's JSON as it arrives (streamed calls only). */
  onEvent?: ((event: Record<string, unknown>) => void) | undefined;
  /**
   * True when the caller reads a good answer from `record`, not from the SDK: the SDK is then
   * handed it without image bytes (see `withoutImageBytes`). Batch results are read from the
   * SDK, so this is only for generateContent.
   */
  answerFromRecord?: boolean | undefined;
  /** The time an HTTP-date `Retry-After` is measured from (defaults to the system clock). */
  now?: (() => number) | undefined;
}

/** What the hook saw, for the gateway to build its answer from. */
export interface TransportRecord {
  /** The body of the last successful (2xx) unstreamed answer, parsed (checked by `checkJsonBody`). */
  body: Record<string, unknown> | null;
  contentType: string | null;
  /** The SSE events of a streamed answer, parsed, in order. */
  events: Array<Record<string, unknown>>;
  /** True once the deadline passed (the abort that follows is ours, not the user's). */
  timedOut: boolean;
  /** A 429's `Retry-After` header, in ms (the SDK's ApiError keeps no headers). */
  retryAfterMs?: number | undefined;
}

function codeOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(err: unknown): string {
  const messages: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e instanceof Error && e.message && !messages.includes(e.message)) messages.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  return messages.join(': ').slice(0, 200);
}

/** What a transport failure means, with a sentence naming what went wrong. */
export function transportError(err: unknown, phase: 'connect' | 'body'): AppError {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const cause = describeCause(err);
  if (phase === 'connect' && code !== undefined && CANT_REACH.has(code)) {
    return new AppError('network', `Can't reach Gemini (${code}). Check your internet connection.`, { cause: err });
  }
  const what =
    code === 'UND_ERR_HEADERS_OVERFLOW' ? 'its headers were too large'
      : code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || /gzip|zlib|decompress/i.test(cause) ? 'its compressed body was corrupt'
        : code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || /terminated|other side closed|socket/i.test(cause)
          ? phase === 'connect' ? 'the connection closed before an answer came' : 'the connection broke in the middle of the answer'
          : code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' ? 'the answer was shorter than announced'
            : `the connection failed${cause ? ` (${cause})` : ''}`;
  return new AppError('bad_response', `Gemini's address answered, but ${what}. A proxy or an unstable connection may be in the way.`, { cause: err });
}

export function timeoutError(deadlineMs: number): AppError {
  return new AppError('timeout', `Gemini did not finish answering within ${Math.round(deadlineMs / 1000)} s. The request was stopped and will be tried again.`);
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(text) || /<\/(html|body|title)>/i.test(text.slice(0, 4000));
}

/** The part of a non-JSON page worth one status line: its <title> or first heading. */
export function htmlStatusLine(status: number, text: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]{1,120})<\/h1>/i.exec(text)?.[1];
  const label = title ? title.replace(/\s+/g, ' ').trim() : `HTTP ${status}`;
  return `The service answered ${status === 200 ? 'with' : `${status} and`} a web page (“${label}”) instead of Gemini's answer — a proxy, load balancer or captive portal may be in the way.`;
}

const NOT_VALID = 'The answer from the service was not valid — a proxy or captive portal may be in the way.';

/** Checks a 2xx body is Gemini's JSON; names what it is otherwise. */
export function checkJsonBody(text: string, contentType: string | null, where: 'body' | 'stream' = 'body'): Record<string, unknown> {
  if (text.trim() === '') throw new AppError('bad_response', `${NOT_VALID} (It was empty.)`);
  if (looksLikeHtml(text) || /text\/html/i.test(contentType ?? '')) throw new AppError('bad_response', htmlStatusLine(200, text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('bad_response', `${NOT_VALID} (It was not JSON.)`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('bad_response', `${NOT_VALID} (It was not a JSON object.)`);
  // Before anything recursive (the SDK, JSON.stringify) meets it and overflows the stack.
  checkDepth(parsed);
  const error = (parsed as { error?: { message?: unknown; code?: unknown } }).error;
  if (error && typeof error === 'object') {
    const msg = typeof error.message === 'string' ? error.message.slice(0, 300) : 'no message';
    // wire §9: after the first byte, Gemini reports a failure as a `data: {"error":…}` event.
    if (where === 'stream') throw new AppError('server', `Gemini reported an error in the middle of its answer (${msg}). Nothing from it was kept.`);
    throw new AppError('bad_response', `The service answered “OK” but the body was an error (${msg}). A proxy may be rewriting answers.`);
  }
  return parsed as Record<string, unknown>;
}

const SSE_BOUNDARY = /\r\n\r\n|\n\n|\r\r/;

/**
 * What the SDK is handed of a good generateContent answer: the same JSON with image bytes left
 * out. It is read only so that its own errors surface (the gateway keeps what this hook parsed), and letting it
 * parse the base64 of every image twice more on main's thread is what blocked the event loop:
 * a 4K answer is tens of megabytes.
 */
function withoutImageBytes(json: Record<string, unknown>): string {
  return JSON.stringify(json, function (this: Record<string, unknown>, key: string, value: unknown) {
    return key === 'data' && typeof value === 'string' && typeof this['mimeType'] === 'string' ? '' : value;
  });
}

/** Splits SSE text into the JSON of its `data:` events (wire §9 framing). */
export function parseSseEvents(text: string): { events: Array<Record<string, unknown>>; rest: string } {
  const events: Array<Record<string, unknown>> = [];
  const blocks = text.split(SSE_BOUNDARY);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block.split(/\r\n|\n|\r/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
    if (data === '') continue;
    events.push(checkJsonBody(data, 'application/json', 'stream'));
  }
  return { events, rest };
}

/**
 * A fetch for the SDK with the rules above. `record` receives what was read; the returned
 * Response carries the same bytes, already complete, for the SDK to parse.
 */
export function guardedFetch(call: TransportCall, record: TransportRecord): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      record.timedOut = true;
      deadline.abort();
    }, call.deadlineMs);
    const signals = [deadline.signal, ...(init?.signal ? [init.signal] : []), ...(call.signal ? [call.signal] : [])];
    const signal = AbortSignal.any(signals);
    const aborted = (): AppError | null =>
      record.timedOut ? timeoutError(call.deadlineMs) : call.signal?.aborted ? new AppError('cancelled', 'The job was cancelled.') : null;
    try {
      call.onSend?.();
      let res: Response;
      try {
        res = await fetch(input, { ...init, signal, redirect: 'manual' });
      } catch (err) {
        throw aborted() ?? transportError(err, 'connect');
      }
      if (res.status >= 300 && res.status < 400) {
        void res.body?.cancel().catch(() => {});
        const to = res.headers.get('location');
        let where = 'another address';
        try {
          if (to) where = new URL(to, typeof input === 'string' ? input : input instanceof URL ? input : input.url).origin;
        } catch {
          /* an unparsable Location is still a redirect */
        }
        throw new AppError(
          'bad_response',
          `The service answered with a redirect (${res.status}) to ${where}. Atelier never follows redirects, so your key stays with the endpoint you chose. Check the endpoint in Settings.`,
          { permanent: true },
        );
      }
      const contentType = res.headers.get('content-type');
      if (res.status === 429) record.retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), (call.now ?? Date.now)());
      const streamed = /text\/event-stream/i.test(contentType ?? '') && res.ok;
      let text = '';
      try {
        if (streamed && res.body) {
          const decoder = new TextDecoder();
          let pending = '';
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            const piece = decoder.decode(chunk, { stream: true });
            // An image event spans many chunks: split only once a boundary has arrived, and look
            // for it only in what is new, so a long event is scanned once, not once per chunk.
            const scanFrom = Math.max(0, pending.length - 3);
            pending += piece;
            if (!SSE_BOUNDARY.test(pending.slice(scanFrom))) continue;
            const { events, rest } = parseSseEvents(pending);
            pending = rest;
            for (const e of events) {
              if (call.answerFromRecord) checkAnswerShape(e);
              record.events.push(e);
              call.onEvent?.(e);
            }
          }
          pending += decoder.decode();
          if (pending.trim() !== '') {
            throw new AppError('bad_response', 'The answer stream from Gemini broke off in the middle of an event. Nothing from it was kept.');
          }
          text = record.events.map((e) => `data: ${call.answerFromRecord ? withoutImageBytes(e) : JSON.stringify(e)}\r\n\r\n`).join('');
        } else {
          text = await res.text();
        }
      } catch (err) {
        throw aborted() ?? transportError(err, 'body');
      }
      if (res.ok) {
        if (!streamed) {
          const body = checkJsonBody(text, contentType);
          if (call.answerFromRecord) {
            checkAnswerShape(body);
            text = withoutImageBytes(body);
          }
          record.body = body;
        }
        record.contentType = contentType;
      } else if (looksLikeHtml(text) || /text\/html/i.test(contentType ?? '')) {
        // Never hand markup to the error path: it would end up in a job row and on screen.
        if (res.status === 429) {
          const wait = record.retryAfterMs;
          throw wait === undefined
            ? new AppError('quota', `Gemini's rate limit was hit (HTTP 429, no details given).`)
            : new AppError('quota', `Gemini's rate limit was hit (HTTP 429). The service asks to wait ${Math.max(1, Math.ceil(wait / 1000))} s.`, { retryAfterMs: wait });
        }
        throw new AppError(res.status >= 500 || res.status === 408 ? 'server' : 'bad_response', htmlStatusLine(res.status, text));
      }
      // The served tier travels on to the SDK, whose `sdkHttpResponse.headers` is where it is read.
      const servedTier = res.headers.get(SERVED_TIER_HEADER);
      return new Response(text, {
        status: res.status,
        statusText: res.statusText,
        headers: { 'content-type': contentType ?? 'application/json', ...(servedTier ? { [SERVED_TIER_HEADER]: servedTier } : {}) },
      });
    } finally {
      clearTimeout(timer);
    }
  };
}
