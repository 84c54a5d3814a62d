/**
 * Batch jobs with inline requests (wire §7.1–§7.2): the records, their timed state machine
 * PENDING → RUNNING → SUCCEEDED, and the long-running Operation JSON the real server returns.
 *
 * Items are answered by the same code as generateContent (batch-routes.ts passes a runner built
 * on `prepareTurn` + `outcomeBody`), so an inlined response is byte-for-byte the shape of a
 * synchronous one. Batches live in memory: they survive a client restart, not the fake's.
 */
import { randomBytes } from 'node:crypto';
import type { BatchItem, BatchItemResult, BatchState, BatchTiming, FakeBatch } from './types';
import { systemClock, type Clock } from './clock';

/** §7.1: the real metadata type says v1main whichever version the client called. */
const BATCH_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch';
const OUTPUT_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput';

export const DEFAULT_BATCH_TIMING: Readonly<BatchTiming> = { pendingMs: 200, runningMs: 300 };

/** An item that never finishes (a `hang` outcome): the batch stays RUNNING until cancelled. */
export const NEVER = Symbol('never');
export type ItemRunner = (item: BatchItem) => Promise<BatchItemResult | typeof NEVER>;

interface Entry {
  batch: FakeBatch;
  run: ItemRunner;
  timers: Set<unknown>;
  /** A file-sourced batch writes its results file here (batch-routes.ts). */
  onDone?: ((results: BatchItemResult[]) => void) | undefined;
}

const TERMINAL: ReadonlySet<BatchState> = new Set(['BATCH_STATE_SUCCEEDED', 'BATCH_STATE_FAILED', 'BATCH_STATE_CANCELLED']);

export const isTerminal = (s: BatchState): boolean => TERMINAL.has(s);

/** Real ids are 36 lower-case base-36 characters (§7.1 capture). */
function newBatchId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(36)].map((b) => alphabet[b % 36]).join('');
}

export class BatchStore {
  constructor(private readonly clock: () => Clock = () => systemClock) {}

  timing: BatchTiming = { ...DEFAULT_BATCH_TIMING };
  /** Insertion order is creation order. */
  private readonly entries = new Map<string, Entry>();

  create(init: { model: string; displayName?: string; apiVersion: string; items: BatchItem[]; inputFile?: string }, run: ItemRunner, onDone?: (results: BatchItemResult[]) => void): FakeBatch {
    const now = this.clock().now();
    const batch: FakeBatch = {
      name: `batches/${newBatchId()}`,
      model: init.model,
      apiVersion: init.apiVersion,
      state: 'BATCH_STATE_PENDING',
      createTime: now,
      updateTime: now,
      items: init.items,
    };
    if (init.displayName !== undefined) batch.displayName = init.displayName;
    if (init.inputFile !== undefined) batch.inputFile = init.inputFile;
    const entry: Entry = { batch, run, timers: new Set(), onDone };
    this.entries.set(batch.name, entry);
    // Even with pendingMs 0 the create response says PENDING, as the real one always does.
    this.after(entry, this.timing.pendingMs, () => this.startRunning(entry));
    return batch;
  }

  get(name: string): FakeBatch | undefined {
    return this.entries.get(name)?.batch;
  }

  list(): FakeBatch[] {
    return [...this.entries.values()].map((e) => e.batch);
  }

  /** false when already terminal (the caller answers FAILED_PRECONDITION). */
  cancel(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry || isTerminal(entry.batch.state)) return false;
    this.stop(entry);
    this.transition(entry.batch, 'BATCH_STATE_CANCELLED', true);
    return true;
  }

  delete(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry) return false;
    this.stop(entry);
    this.entries.delete(name);
    return true;
  }

  /** Stops every timer and forgets every batch (reset/close). */
  clear(): void {
    for (const e of this.entries.values()) this.stop(e);
    this.entries.clear();
    this.timing = { ...DEFAULT_BATCH_TIMING };
  }

  private after(entry: Entry, ms: number, fn: () => void): void {
    const t = this.clock().setTimeout(() => {
      entry.timers.delete(t);
      fn();
    }, Math.max(0, ms));
    entry.timers.add(t);
  }

  private stop(entry: Entry): void {
    for (const t of entry.timers) this.clock().clearTimeout(t);
    entry.timers.clear();
  }

  private transition(batch: FakeBatch, state: BatchState, terminal = false): void {
    batch.state = state;
    batch.updateTime = this.clock().now();
    if (terminal) batch.endTime = batch.updateTime;
  }

  private startRunning(entry: Entry): void {
    const { batch } = entry;
    if (batch.state !== 'BATCH_STATE_PENDING') return;
    this.transition(batch, 'BATCH_STATE_RUNNING');
    // Generation starts now; the batch completes when both it and the minimum running time are done.
    const work = runItems(entry);
    const minimum = new Promise<void>((resolve) => this.after(entry, this.timing.runningMs, resolve));
    Promise.all([work, minimum]).then(
      ([results]) => {
        // Cancelled or deleted meanwhile: the results are discarded, as a cancelled job has none.
        if (batch.state !== 'BATCH_STATE_RUNNING' || this.entries.get(batch.name) !== entry) return;
        if (results === NEVER) return;
        batch.results = results;
        entry.onDone?.(results);
        this.transition(batch, 'BATCH_STATE_SUCCEEDED', true);
      },
      (e: unknown) => {
        // A bug in the fake, not a scripted failure: fail the job visibly and say why on stderr.
        process.stderr.write(`[fake-gemini] batch ${batch.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        if (batch.state === 'BATCH_STATE_RUNNING') this.transition(batch, 'BATCH_STATE_FAILED', true);
      },
    );
  }
}

/** Items in request order, one at a time (keeps signature issuance and CPU use predictable). */
async function runItems(entry: Entry): Promise<BatchItemResult[] | typeof NEVER> {
  const out: BatchItemResult[] = [];
  for (const item of entry.batch.items) {
    if (entry.batch.state !== 'BATCH_STATE_RUNNING') return out;
    const r = await entry.run(item);
    if (r === NEVER) return NEVER;
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes (§7.1, §7.2)

/** RFC 3339 with nanoseconds, as the real timestamps are ("…:01.407650525Z"). */
function timestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // …:01.407Z
  const subMs = String(Number(process.hrtime.bigint() % 1_000_000n)).padStart(6, '0');
  return iso.replace(/Z$/, `${subMs}Z`);
}

/** §7.2: int64 counts as strings, zero counts omitted; pendingRequestCount disappears on completion. */
function batchStats(b: FakeBatch): Record<string, string> {
  const stats: Record<string, string> = { requestCount: String(b.items.length) };
  if (b.state === 'BATCH_STATE_PENDING' || b.state === 'BATCH_STATE_RUNNING') {
    if (b.items.length > 0) stats.pendingRequestCount = String(b.items.length);
  } else if (b.results) {
    const failed = b.results.filter((r) => 'error' in r).length;
    const ok = b.results.length - failed;
    if (ok > 0) stats.successfulRequestCount = String(ok);
    if (failed > 0) stats.failedRequestCount = String(failed);
  }
  return stats;
}

/**
 * The Operation for `b`. The SDK reads only `metadata` (state, output, times — §7.2, it ignores
 * `done`, `response` and `error`), but REST clients read `response`, so results go in both.
 * `withOutput: false` is the list form (§7.2: list entries carry no inlined results).
 */
export function batchOperation(b: FakeBatch, withOutput = true): Record<string, unknown> {
  // Timestamps are formatted once per batch field so repeated GETs agree on them.
  const times = timestamps(b);
  const metadata: Record<string, unknown> = { '@type': BATCH_TYPE, model: `models/${b.model}` };
  if (b.displayName !== undefined) metadata.displayName = b.displayName;
  const done = withOutput && b.state === 'BATCH_STATE_SUCCEEDED' && b.results;
  // §7.3: a file-sourced batch answers with a results file, never inlined responses.
  const inlined = done && b.responsesFile === undefined ? { inlinedResponses: b.results } : undefined;
  if (inlined) metadata.output = { inlinedResponses: inlined };
  if (done && b.responsesFile !== undefined) metadata.output = { responsesFile: b.responsesFile };
  metadata.createTime = times.create;
  if (times.end !== undefined) metadata.endTime = times.end;
  metadata.updateTime = times.update;
  metadata.batchStats = batchStats(b);
  metadata.state = b.state;
  metadata.name = b.name;

  const op: Record<string, unknown> = { name: b.name, metadata };
  if (isTerminal(b.state)) op.done = true;
  if (inlined) op.response = { '@type': OUTPUT_TYPE, inlinedResponses: inlined };
  if (done && b.responsesFile !== undefined) op.response = { '@type': OUTPUT_TYPE, responsesFile: b.responsesFile };
  // google.longrunning: a cancelled operation reports error code 1 (CANCELLED); a failed one an error.
  if (b.state === 'BATCH_STATE_CANCELLED') op.error = { code: 1, message: 'Operation cancelled.' };
  if (b.state === 'BATCH_STATE_FAILED') op.error = { code: 13, message: 'Internal error encountered.' };
  return op;
}

const formatted = new WeakMap<FakeBatch, Map<number, string>>();

function timestamps(b: FakeBatch): { create: string; update: string; end?: string } {
  let cache = formatted.get(b);
  if (!cache) {
    cache = new Map();
    formatted.set(b, cache);
  }
  const fmt = (ms: number): string => {
    let s = cache.get(ms);
    if (s === undefined) {
      s = timestamp(ms);
      cache.set(ms, s);
    }
    return s;
  };
  const out: { create: string; update: string; end?: string } = { create: fmt(b.createTime), update: fmt(b.updateTime) };
  if (b.endTime !== undefined) out.end = fmt(b.endTime);
  return out;
}
