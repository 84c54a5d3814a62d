import { GoogleGenAI } from '@google/genai';
import type { AspectRatio } from '../../../shared/models';
import { AppError } from '../errors';
import { toAppError } from './errors';
import { readGeneration, type Generation } from './response';

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
  actions: string[];
}

export interface GenerateImageRequest {
  model: string;
  prompt: string;
  aspectRatio: AspectRatio;
  signal?: AbortSignal;
}

/** The only place that talks to Gemini. Everything it throws is an AppError. */
export class GeminiGateway {
  constructor(private readonly opts: GatewayOptions) {}

  private client(apiKey: string): GoogleGenAI {
    const baseUrl = this.opts.getBaseUrl();
    return new GoogleGenAI({
      apiKey,
      httpOptions: {
        apiVersion: GEMINI_API_VERSION,
        timeout: this.opts.timeoutMs ?? 5 * 60_000,
        ...(baseUrl ? { baseUrl } : {}),
      },
    });
  }

  private async requireKey(): Promise<string> {
    const key = await this.opts.getKey();
    if (!key) throw new AppError('no_key', 'Add your Gemini API key first (Settings → API key).');
    return key;
  }

  /** Lists models with the given key (or the stored one). Doubles as the "Test key" check. */
  async listModels(key?: string): Promise<ListedModel[]> {
    const ai = this.client(key ?? (await this.requireKey()));
    try {
      const pager = await ai.models.list({ config: { pageSize: 100 } });
      const out: ListedModel[] = [];
      for await (const m of pager) {
        if (!m.name) continue;
        out.push({
          id: m.name.replace(/^models\//, ''),
          displayName: m.displayName ?? m.name,
          actions: m.supportedActions ?? [],
        });
      }
      return out;
    } catch (err) {
      throw toAppError(err);
    }
  }

  async generateImage(req: GenerateImageRequest): Promise<Generation> {
    const ai = this.client(await this.requireKey());
    try {
      const response = await ai.models.generateContent({
        model: req.model,
        contents: [{ role: 'user', parts: [{ text: req.prompt }] }],
        config: {
          responseModalities: ['TEXT', 'IMAGE'],
          imageConfig: { aspectRatio: req.aspectRatio },
          ...(req.signal ? { abortSignal: req.signal } : {}),
        },
      });
      return readGeneration(response);
    } catch (err) {
      if (req.signal?.aborted) throw new AppError('cancelled', 'The job was cancelled.');
      throw toAppError(err, { model: req.model });
    }
  }
}
