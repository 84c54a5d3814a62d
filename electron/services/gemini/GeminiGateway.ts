import { GoogleGenAI, type Content } from '@google/genai';
import type { GenerationParams } from '../../../shared/ipc/contract';
import { SERVED_TIER_HEADER, parseServedTier, type ServiceTier } from '../../../shared/domain/serviceTiers';
import { AppError } from '../errors';
import { toAppError } from './errors';
import { asFlexShed } from './shed';
import { mergeStreamEvents, progressOf, type StreamProgress } from './stream';
import { guardedFetch, type TransportRecord } from './transport';
import type { RawResponse, WireContent } from './wire';

/**
 * The API version is pinned: @google/genai 2.x calls /v1beta by default but 3.x switched to /v1
 * (wire reference §0), and the image features are documented against v1beta.
 */
export const GEMINI_API_VERSION = 'v1beta';

export interface GatewayOptions {
  getKey: () => Promise<string | null>;
  /** undefined = Google's endpoint. */
  getBaseUrl: () => string | undefined;
  /** Deadline per request when the call names none (headers and whole body); 4K images from Pro can take minutes. */
  timeoutMs?: number;
  /** The clock an HTTP-date `Retry-After` is measured against (the queue's, so both agree). */
  now?: () => number;
  /**
   * Whether the user lets Google keep requests in the project's AI Studio logs (Settings →
   * Privacy). Asked as each request is built, so a change applies to the next request sent, queued
   * jobs included. Absent means no.
   */
  letGoogleKeepRequests?: () => boolean;
}

/** Calls that are not generations (models list, key test) answer fast; a minute is generous. */
const SHORT_DEADLINE_MS = 60_000;

export interface ListedModel {
  id: string;
  displayName: string;
  description: string;
  actions: string[];
}

export interface GenerateCall {
  model: string;
  /** The whole conversation, oldest first, ending with the new user turn. */
  contents: WireContent[];
  params: Omit<GenerationParams, 'references'>;
  signal?: AbortSignal;
  /** Called as the HTTP request goes out. */
  onSend?: () => void;
  /** Stream the answer (`streamGenerateContent?alt=sse`); false for proxies that cannot stream. */
  stream?: boolean;
  /** Overall deadline for this request, headers and whole body; defaults to the gateway's. */
  deadlineMs?: number;
  /** Thought text and drafts as they arrive (streamed calls only). */
  onProgress?: (p: StreamProgress) => void;
  /**
   * The tier that served the call, from the `x-gemini-service-tier` response header (null when
   * the answer did not say). Priority may be served as Standard; the bill follows what served.
   */
  onServedTier?: (tier: ServiceTier | null) => void;
}

const MODALITIES: Record<GenerationParams['modalities'], string[]> = {
  TEXT_IMAGE: ['TEXT', 'IMAGE'],
  IMAGE: ['IMAGE'],
  TEXT: ['TEXT'],
};

/** The only place that talks to Gemini. Everything it throws is an AppError. */
export class GeminiGateway {
  constructor(private readonly opts: GatewayOptions) {}

  /**
   * Every client talks through the guarded fetch (no redirects, a deadline, named transport
   * failures); the SDK's own timeout is left off because it stops at the headers.
   */
  private client(apiKey: string, fetchImpl: typeof fetch = guardedFetch({ deadlineMs: SHORT_DEADLINE_MS }, emptyRecord())): GoogleGenAI {
    const baseUrl = this.opts.getBaseUrl();
    return new GoogleGenAI({
      apiKey,
      httpOptions: {
        apiVersion: GEMINI_API_VERSION,
        ...(baseUrl ? { baseUrl } : {}),
        fetch: fetchImpl,
      },
    });
  }

  async requireKey(): Promise<string> {
    const key = await this.opts.getKey();
    if (!key) throw new AppError('no_key', 'Add your Gemini API key first (Settings → API key).');
    return key;
  }

  /**
   * Where a hand-driven protocol (the resumable upload, whose progress and resumption the SDK's
   * uploader does not expose) sends its requests, with the stored key.
   */
  async endpoint(): Promise<{ baseUrl: string; apiKey: string; apiVersion: string }> {
    return { baseUrl: this.opts.getBaseUrl() ?? 'https://generativelanguage.googleapis.com', apiKey: await this.requireKey(), apiVersion: GEMINI_API_VERSION };
  }

  /** A client for other API surfaces (batches) with the stored key. */
  async sdk(): Promise<GoogleGenAI> {
    return this.client(await this.requireKey());
  }

  /** Lists models with the given key (or the stored one). Doubles as the "Test key" check. */
  async listModels(key?: string): Promise<ListedModel[]> {
    const ai = this.client(key ?? (await this.requireKey()));
    try {
      const pager = await ai.models.list({ config: { pageSize: 100 } });
      const out: ListedModel[] = [];
      for await (const m of pager) {
        if (!m.name) continue;
        out.push({ id: m.name.replace(/^models\//, ''), displayName: m.displayName ?? m.name, description: m.description ?? '', actions: m.supportedActions ?? [] });
      }
      return out;
    } catch (err) {
      throw toAppError(err);
    }
  }

  /**
   * The request config for a call about to be sent, with the user's privacy choice as it stands
   * now. Every path that sends a prompt (generate, stream, chat, compare, edit, batch) builds its
   * config here.
   */
  requestConfig(params: GenerateCall['params']): Record<string, unknown> {
    return GeminiGateway.requestConfig(params, { store: this.opts.letGoogleKeepRequests?.() === true });
  }

  /**
   * The request body Atelier sends for a call (also used to build Batch API requests). Fields
   * from requests stored before an option existed are absent, hence the `?? ` defaults. `store`
   * has no default, so no caller can leave the privacy choice out.
   */
  static requestConfig(params: GenerateCall['params'], privacy: { store: boolean }): Record<string, unknown> {
    const imageConfig = {
      ...(params.aspectRatio ? { aspectRatio: params.aspectRatio } : {}),
      ...(params.imageSize ? { imageSize: params.imageSize } : {}),
    };
    // Image search rides on the same googleSearch tool; naming webSearch keeps web results too.
    const search = params.imageSearch
      ? { googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }
      : params.grounding
        ? { googleSearch: {} }
        : null;
    const thinkingConfig = {
      ...(params.includeThoughts ? { includeThoughts: true } : {}),
      // The wire takes the SDK's upper-case enum names (MINIMAL, MEDIUM, HIGH).
      ...(params.thinkingLevel ? { thinkingLevel: params.thinkingLevel.toUpperCase() } : {}),
    };
    return {
      // Google keeps generateContent, streamGenerateContent and batch requests (prompts, photos) in
      // its logs by default for projects made since 2026-10-26 ("Logs and datasets" page); a local
      // studio's users would not expect that. The SDK (>= 2.31) moves config.store to the body's top
      // level, and to each inlined request of a batch. True only when the user turned on "Let Google
      // keep my requests" in Settings: per the same page, `store: true` logs that request (AI Studio
      // keeps logs for paid-tier projects only) whatever the project's default.
      store: privacy.store,
      responseModalities: MODALITIES[params.modalities],
      ...(Object.keys(imageConfig).length ? { imageConfig } : {}),
      ...(search ? { tools: [search] } : {}),
      ...(Object.keys(thinkingConfig).length ? { thinkingConfig } : {}),
      // Sent only when not Standard (Google's default when omitted: flex-inference page), so a
      // Standard request's body is what it always was. The SDK moves it to the body's top level.
      ...(params.serviceTier && params.serviceTier !== 'standard' ? { serviceTier: params.serviceTier } : {}),
    };
  }

  /**
   * Calls Gemini through the SDK and returns the response body exactly as Gemini sent it. The
   * SDK's converters drop `finishMessage` and re-shape parts (wire §2.2, §2.9); chats must send
   * parts and thought signatures back unchanged, so the raw body (or, streamed, the raw events
   * merged) is what we keep.
   */
  async generate(call: GenerateCall): Promise<RawResponse> {
    const record = emptyRecord();
    const deadlineMs = call.deadlineMs ?? this.opts.timeoutMs ?? 5 * 60_000;
    const onEvent = call.onProgress
      ? (e: Record<string, unknown>) => {
          const p = progressOf(e);
          if (p.thoughtText || p.draftImages.length) call.onProgress!(p);
        }
      : undefined;
    const fetchImpl = guardedFetch({ deadlineMs, signal: call.signal, onSend: call.onSend, onEvent, answerFromRecord: true, now: this.opts.now }, record);
    const ai = this.client(await this.requireKey(), fetchImpl);
    const request = {
      model: call.model,
      contents: call.contents as Content[],
      config: { ...this.requestConfig(call.params), ...(call.signal ? { abortSignal: call.signal } : {}) },
    };
    // The SDK's own field: every response (and each streamed chunk) carries the HTTP headers.
    let servedHeader: string | undefined;
    try {
      if (call.stream === false) {
        const res = await ai.models.generateContent(request);
        servedHeader = res.sdkHttpResponse?.headers?.[SERVED_TIER_HEADER];
      } else {
        // Drained only so the SDK's own parsing errors surface; the events were kept by the fetch.
        for await (const chunk of await ai.models.generateContentStream(request)) servedHeader ??= chunk.sdkHttpResponse?.headers?.[SERVED_TIER_HEADER];
      }
    } catch (err) {
      if (call.signal?.aborted) throw new AppError('cancelled', 'The job was cancelled.');
      const e = toAppError(err, { model: call.model, retryAfterMs: record.retryAfterMs });
      throw call.params.serviceTier === 'flex' ? asFlexShed(e, err) : e;
    }
    call.onServedTier?.(parseServedTier(servedHeader));
    if (call.stream !== false) {
      if (record.events.length === 0) throw new AppError('bad_response', 'Gemini ended its answer stream without sending anything. Nothing was kept.');
      return mergeStreamEvents(record.events);
    }
    if (record.body === null) throw new AppError('bad_response', 'Gemini answered with an empty body.');
    return record.body as RawResponse;
  }
}

function emptyRecord(): TransportRecord {
  return { body: null, contentType: null, events: [], timedOut: false };
}
