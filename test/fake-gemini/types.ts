/** Public surface of the fake: what tests script and what they read back. */
import type { TierBehaviour } from './tiers';
import type { FakeFiles } from './files';
import type { FlapConfig } from './flaps';
import type { FakeModel } from './models';
import type { QuotaLimits, QuotaStats } from './quota';

export type { FlapConfig, FlapStatus } from './flaps';
export type { QuotaLimits, QuotaStats } from './quota';

export type ImageBlockReason = 'IMAGE_SAFETY' | 'IMAGE_PROHIBITED_CONTENT' | 'IMAGE_RECITATION' | 'IMAGE_OTHER';
export type PromptBlockReason = 'SAFETY' | 'PROHIBITED_CONTENT' | 'BLOCKLIST' | 'OTHER' | 'IMAGE_SAFETY';
export type ScriptedErrorStatus = 400 | 403 | 404 | 429 | 500 | 503 | 504;

/**
 * What the next generateContent call does. `model` restricts an outcome to requests for that
 * model id (with or without the `models/` prefix).
 */
export type Outcome =
  /**
   * images: final images (default 1); text: commentary (default derived from the prompt), null → none.
   * The odd-answer knobs: `format` sends JPEG bytes (labelled `mimeType`, default image/png, as a
   * mislabelling proxy would) or bytes that are no image at all (`corrupt`); `usage` overrides usageMetadata fields as-is (negative, huge…);
   * `finishReason` replaces STOP (null leaves it out). `signed` sends a PNG carrying a C2PA manifest
   * (`test/fixtures/c2pa/signed.png`, signed with c2pa-rs's test certificate), as Google's models now attach content credentials.
   */
  | {
      kind: 'success';
      images?: number;
      text?: string | null;
      format?: 'png' | 'jpeg' | 'corrupt' | 'signed';
      mimeType?: string;
      usage?: Record<string, unknown>;
      finishReason?: string | null;
      model?: string;
    }
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
      /** 429 only: no QuotaFailure, no RetryInfo — just the status and a generic message. */
      bare?: boolean;
      /**
       * An HTTP `Retry-After` header, sent as given: seconds ("30") or an HTTP date. With `bare`
       * it is the only word on when to try again, as some proxies and gateways answer.
       */
      retryAfter?: string;
      /**
       * 429 only: a message naming why (issue 17 §4), with no QuotaFailure or RetryInfo, so a
       * client can only tell from the words. `unknown` is a cause the docs do not list.
       */
      cause?: QuotaCause;
      model?: string;
    }
  /** Never answers until the client aborts or the server closes. */
  | { kind: 'hang'; model?: string }
  /** Destroys the socket without a response (a network error to the client). */
  | { kind: 'drop'; model?: string }
  /** A server that breaks the wire (issue 10): see `BrokenHow` in hostile.ts. */
  | { kind: 'broken'; how: BrokenHow; location?: string; model?: string }
  /**
   * Streamed answers only: thoughts and a draft arrive, then the stream ends without the final
   * image (`noFinal`), is cut mid-event (`cut`), or never ends (`hang`).
   */
  | { kind: 'streamBroken'; how: 'noFinal' | 'cut' | 'hang'; model?: string };

export type QuotaCause = 'prepaid_depleted' | 'tier_cap' | 'spend_window' | 'tier_drop' | 'unknown';

export type BrokenHow =
  | 'truncate' | 'reset' | 'endless' | 'badGzip' | 'bigHeader' | 'redirect'
  | 'html502' | 'html200' | 'empty200' | 'badJson' | 'error200'
  /**
   * Valid JSON of the wrong shape (issue 17 §7): `parts` an object, not a list; a part's `text`
   * a number; an extra field nested 100,000 deep. Streamed requests get them as SSE events.
   */
  | 'partsObject' | 'textNumber' | 'deepNesting';

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
  /** HTTP status the fake answered with; unset while in flight, for hangs/aborts and dropped sockets. */
  status?: number;
  /** For 429 answers: RetryInfo.retryDelay in ms. */
  retryDelayMs?: number;
  /**
   * The `store` flag of each request this call carries (generateContent and its stream: one; a
   * batch: one per inlined request), `undefined` where it was left out. Google keeps requests
   * unless told `store: false` (projects from 2026-10-26 on), so tests assert on it.
   */
  store?: Array<boolean | undefined>;
  /** `serviceTier` as the generateContent body sent it (absent = Standard). */
  serviceTier?: string;
}

/**
 * Delay before generateContent answers: fixed ms, uniform in [min, max], or lognormal with the
 * given median and 95th percentile (real image latency has a long right tail). Draws use the
 * seeded PRNG (`seed()`), so a run is repeatable.
 */
export type Latency = number | { min: number; max: number } | { distribution: 'lognormal'; medianMs: number; p95Ms: number };

/** wire §7.2 states (the SDK maps them to JOB_STATE_*). */
export type BatchState =
  | 'BATCH_STATE_PENDING'
  | 'BATCH_STATE_RUNNING'
  | 'BATCH_STATE_SUCCEEDED'
  | 'BATCH_STATE_FAILED'
  | 'BATCH_STATE_CANCELLED';

/** One InlinedResponse of §7.2: a GenerateContentResponse or a bare google.rpc.Status. */
export type BatchItemResult =
  | { response: Record<string, unknown>; metadata?: unknown }
  | { error: { code: number; message: string; details?: unknown[] }; metadata?: unknown };

export interface BatchItem {
  /** The GenerateContentRequest as sent (SDK camelCase or REST snake_case). */
  request: unknown;
  /** InlinedRequest.metadata, echoed back verbatim on the result. */
  metadata?: unknown;
  /** What this item does, fixed at creation (enqueueBatchItemOutcome, else success). */
  outcome: Outcome;
}

/** A batch as the fake holds it; read through `fake.batches` for assertions. */
export interface FakeBatch {
  /** `batches/<id>` */
  name: string;
  /** Model id without `models/`. */
  model: string;
  displayName?: string;
  apiVersion: string;
  state: BatchState;
  /** ms since epoch */
  createTime: number;
  updateTime: number;
  endTime?: number;
  items: BatchItem[];
  /** Set once SUCCEEDED, one per item in request order. */
  results?: BatchItemResult[];
  /** `files/<id>` of a JSONL input (§7.3); absent for inline batches. */
  inputFile?: string;
  /** `files/batch-<id>`: the results file of a file-sourced batch, once SUCCEEDED. */
  responsesFile?: string;
}

export interface BatchTiming {
  /** Time in PENDING before RUNNING (default 200). */
  pendingMs: number;
  /** Minimum time in RUNNING before SUCCEEDED (default 300); generation may take longer. */
  runningMs: number;
}

export interface FakeGemini {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  close(): Promise<void>;
  badKeys: Set<string>;
  leakedKeys: Set<string>;
  strictSignatures: boolean;
  /**
   * Off (default): every image is drawn for its prompt (its own colour and label), which tests
   * rely on. On: one picture per size and kind is drawn once and each answer differs only in its
   * text chunks, so a benchmark measures the client rather than the fake's drawing.
   */
  prerenderedImages: boolean;
  /** Applied before answering generateContent (after request validation); the all-models default. */
  latencyMs: Latency;
  /** Per-model latency; `null` sets the all-models default (same as assigning `latencyMs`). */
  setLatency(model: string | null, latency: Latency): void;
  /** Re-seeds the PRNG behind latency draws and flaps (reset() restores the default seed). */
  seed(n: number): void;
  /**
   * Per-model sliding-window quota for generateContent (null removes it). Checked after
   * auth/validation and before any scripted outcome is consumed; see quota.ts for the rules.
   */
  setQuota(model: string, q: QuotaLimits | null): void;
  /** Counters for one model, or summed over all models. */
  stats(model?: string): QuotaStats;
  /** Random 5xx failures of generateContent; null clears them all. */
  setFlaps(f: FlapConfig | null): void;
  /** Outcomes for the next batch items (FIFO, honours `model`), consumed at batch creation; default success. */
  enqueueBatchItemOutcome(...outcomes: Outcome[]): void;
  /** Batch state machine timing; set both to 0 in tests for the fastest PENDING → RUNNING → SUCCEEDED. */
  batchTiming: BatchTiming;
  /** Batches created since the last reset, in creation order. */
  readonly batches: readonly FakeBatch[];
  /** The Files API's store (uploads, batch results) and its hostile switches; reset() empties it. */
  readonly files: FakeFiles;
  enqueue(...outcomes: Outcome[]): void;
  /** What happens when the queue is empty. An outcome with `model` only sets that model's default. */
  setDefault(outcome: Outcome): void;
  /**
   * Clears queue, defaults, requests, bad/leaked keys, latency (all and per model), strict mode,
   * quotas and stats, flaps, batches (and their timers), batch item outcomes and timing; restores
   * the model table and the default seed.
   */
  reset(): void;
  readonly requests: RecordedRequest[];
  addModel(m: FakeModel): void;
  /** Moves a model to the retired set (404 from now on, gone from the list). */
  retireModel(id: string): void;
  /** Replaces the list with exactly these models; the others answer 404 as retired (reset() restores the table). */
  setModels(models: readonly FakeModel[]): void;
  /**
   * Flex and Priority behaviour (tiers.ts): `shedFlex` sheds the next N Flex calls with a 503,
   * `flexLatencyMs` adds Flex's wait, `downgradePriority` serves Priority as Standard, `serveAs` names a tier whatever was asked. reset() clears it.
   */
  tiers: TierBehaviour;
  /** Every thoughtSignature this fake has issued (strict mode accepts only these). */
  readonly issuedSignatures: ReadonlySet<string>;
}
