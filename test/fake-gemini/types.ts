/** Public surface of the fake: what tests script and what they read back. */
import type { FakeModel } from './models';

export type ImageBlockReason = 'IMAGE_SAFETY' | 'IMAGE_PROHIBITED_CONTENT' | 'IMAGE_RECITATION' | 'IMAGE_OTHER';
export type PromptBlockReason = 'SAFETY' | 'PROHIBITED_CONTENT' | 'BLOCKLIST' | 'OTHER' | 'IMAGE_SAFETY';
export type ScriptedErrorStatus = 400 | 403 | 404 | 429 | 500 | 503 | 504;

/**
 * What the next generateContent call does. `model` restricts an outcome to requests for that
 * model id (with or without the `models/` prefix).
 */
export type Outcome =
  /** images: final images (default 1); text: commentary (default derived from the prompt), null → none. */
  | { kind: 'success'; images?: number; text?: string | null; model?: string }
  /** finishReason STOP with only text — the model asked a question or declined in prose (§2.3). */
  | { kind: 'textOnly'; text?: string; model?: string }
  /** finishReason NO_IMAGE; text null → no parts at all. */
  | { kind: 'noImage'; text?: string | null; model?: string }
  /** §2.4 image refusal with finishMessage; contentShape picks one of the observed empty-content variants. */
  | {
      kind: 'imageBlocked';
      reason?: ImageBlockReason;
      contentShape?: 'absent' | 'empty' | 'roleOnly' | 'emptyParts';
      model?: string;
    }
  /** §2.5: HTTP 200, no candidates, promptFeedback.blockReason. */
  | { kind: 'promptBlocked'; reason?: PromptBlockReason; model?: string }
  /** google.rpc.Status error bodies (§3.2). */
  | {
      kind: 'error';
      status: ScriptedErrorStatus;
      message?: string;
      retryDelaySeconds?: number;
      quotaId?: string;
      quotaValue?: number;
      model?: string;
    }
  /** Never answers until the client aborts or the server closes. */
  | { kind: 'hang'; model?: string }
  /** Destroys the socket without a response (a network error to the client). */
  | { kind: 'drop'; model?: string };

export type OutcomeKind = Outcome['kind'];

export interface RecordedRequest {
  method: string;
  /** URL path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Model id without `models/`, when the path names one. */
  model?: string;
  /** `generateContent`, `countTokens`, … when the path has a `:action` suffix. */
  action?: string;
  /** `v1` / `v1beta`; '' for paths outside a version. */
  apiVersion: string;
  /** Lower-case names; the `x-goog-api-key` value is included so tests can assert on it. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  at: number;
}

export type Latency = number | { min: number; max: number };

export interface FakeGemini {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  close(): Promise<void>;
  badKeys: Set<string>;
  leakedKeys: Set<string>;
  strictSignatures: boolean;
  /** Applied before answering generateContent (after request validation). */
  latencyMs: Latency;
  enqueue(...outcomes: Outcome[]): void;
  /** What happens when the queue is empty. An outcome with `model` only sets that model's default. */
  setDefault(outcome: Outcome): void;
  /** Clears queue, defaults, requests, bad/leaked keys, latency, strict mode, and restores the model table. */
  reset(): void;
  readonly requests: RecordedRequest[];
  addModel(m: FakeModel): void;
  /** Moves a model to the retired set (404 from now on, gone from the list). */
  retireModel(id: string): void;
  /** Every thoughtSignature this fake has issued (strict mode accepts only these). */
  readonly issuedSignatures: ReadonlySet<string>;
}
