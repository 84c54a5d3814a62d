/** The small contract between the HTTP pipeline (server.ts) and the route handlers. */
import type { BatchStore } from './batch';
import type { FileStore } from './files';
import type { Flaps } from './flaps';
import type { LatencyTable } from './latency';
import type { ModelRegistry } from './models';
import type { OutcomeScript } from './outcomes';
import type { Randomness } from './prng';
import type { QuotaBook } from './quota';
import type { HttpRequest } from './request';
import type { Latency } from './types';
import type { Clock } from './clock';
import type { TierBehaviour } from './tiers';

/** Server state handlers may read or change. Tests mutate it through the FakeGemini object. */
export interface FakeState {
  readonly clock: Clock;
  readonly models: ModelRegistry;
  readonly script: OutcomeScript;
  strictSignatures: boolean;
  prerenderedImages: boolean;
  latencyMs: Latency;
  readonly latencies: LatencyTable;
  readonly random: Randomness;
  readonly quota: QuotaBook;
  readonly flaps: Flaps;
  readonly batchStore: BatchStore;
  readonly files: FileStore;
  /** Outcomes for batch items, separate from `script` so generateContent scripting never leaks into batches. */
  readonly batchScript: OutcomeScript;
  readonly issued: Set<string>;
  /** The model that issued each signature. */
  readonly signedBy: Map<string, string>;
  /** Flex latency and shedding, Priority downgrades (tiers.ts). */
  tiers: TierBehaviour;
  /** Issues a new opaque thought signature and remembers it (strict mode accepts only these). */
  sign(model?: string): string;
}

export interface RouteParams {
  apiVersion: string;
  /** Model id without `models/` for routes under /models/{model}. */
  model?: string;
  /** Batch or file id (without `batches/` / `files/`) for routes under /batches/{id} or /files/{id}. */
  id?: string;
}

/**
 * What a handler wants sent. New transports (SSE streaming for `:streamGenerateContent`) become
 * another variant here rather than handlers writing to the socket themselves.
 */
export type Reply =
  | { type: 'json'; status: number; body: unknown; contentType?: string; headers?: Record<string, string> }
  /** Bytes exactly as given, then: end normally, destroy/reset the socket, or trickle for ever. */
  | { type: 'raw'; status: number; headers: Record<string, string>; body: Buffer | string; then: 'end' | 'destroy' | 'reset' | 'endless' }
  /** wire §9 SSE: each event after its delay; `end` says how the stream finishes. */
  | { type: 'sse'; events: Array<{ data: unknown; delayMs: number }>; end: 'close' | 'cut' | 'hang'; headers?: Record<string, string> }
  | { type: 'drop' }
  /** The client went away (abort) — nothing to send. */
  | { type: 'none' };

export type Handler = (state: FakeState, req: HttpRequest, params: RouteParams, signal: AbortSignal) => Promise<Reply>;

export const json = (body: unknown, status = 200): Reply => ({ type: 'json', status, body });

/** Resolves after `ms` on `clock`, or early (false) when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
