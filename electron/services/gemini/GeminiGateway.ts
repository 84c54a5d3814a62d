import { GoogleGenAI, type Content } from '@google/genai';
import type { GenerationParams } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import { toAppError } from './errors';
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
  /** Per-request timeout; 4K images from Pro can take minutes. */
  timeoutMs?: number;
}

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
}

const MODALITIES: Record<GenerationParams['modalities'], string[]> = {
  TEXT_IMAGE: ['TEXT', 'IMAGE'],
  IMAGE: ['IMAGE'],
  TEXT: ['TEXT'],
};

/** The only place that talks to Gemini. Everything it throws is an AppError. */
export class GeminiGateway {
  constructor(private readonly opts: GatewayOptions) {}

  private client(apiKey: string, fetchImpl?: typeof fetch): GoogleGenAI {
    const baseUrl = this.opts.getBaseUrl();
    return new GoogleGenAI({
      apiKey,
      httpOptions: {
        apiVersion: GEMINI_API_VERSION,
        timeout: this.opts.timeoutMs ?? 5 * 60_000,
        ...(baseUrl ? { baseUrl } : {}),
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      },
    });
  }

  async requireKey(): Promise<string> {
    const key = await this.opts.getKey();
    if (!key) throw new AppError('no_key', 'Add your Gemini API key first (Settings → API key).');
    return key;
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
   * The request body Atelier sends for a call (also used to build Batch API requests). Fields
   * from requests stored before an option existed are absent, hence the `?? ` defaults.
   */
  static requestConfig(params: GenerateCall['params']): Record<string, unknown> {
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
      responseModalities: MODALITIES[params.modalities],
      ...(Object.keys(imageConfig).length ? { imageConfig } : {}),
      ...(search ? { tools: [search] } : {}),
      ...(Object.keys(thinkingConfig).length ? { thinkingConfig } : {}),
    };
  }

  /**
   * Calls generateContent through the SDK and returns the response body exactly as Gemini sent
   * it. The SDK's converters drop `finishMessage` and re-shape parts (wire §2.2, §2.9); chats
   * must send parts and thought signatures back unchanged, so the raw body is what we keep.
   */
  async generate(call: GenerateCall): Promise<RawResponse> {
    let raw: string | null = null;
    const recordingFetch: typeof fetch = async (input, init) => {
      call.onSend?.();
      const res = await fetch(input, init);
      if (res.ok) raw = await res.clone().text();
      return res;
    };
    const ai = this.client(await this.requireKey(), recordingFetch);
    try {
      await ai.models.generateContent({
        model: call.model,
        contents: call.contents as Content[],
        config: { ...GeminiGateway.requestConfig(call.params), ...(call.signal ? { abortSignal: call.signal } : {}) },
      });
    } catch (err) {
      if (call.signal?.aborted) throw new AppError('cancelled', 'The job was cancelled.');
      throw toAppError(err, { model: call.model });
    }
    if (raw === null) throw new AppError('server', 'Gemini answered with an empty body.');
    try {
      return JSON.parse(raw) as RawResponse;
    } catch {
      throw new AppError('server', 'Gemini answered with a body Atelier could not read.');
    }
  }
}
