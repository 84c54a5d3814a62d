import { JobSchema } from '../../../shared/domain/jobs';
import type { GenerateRequest, Job, QueueStatus, TierQuota, WaitReason } from '../../../shared/ipc/contract';
import crypto from 'node:crypto';
import type { ModelTier } from '../../../shared/domain/vocabulary';
import { tierOfModel } from '../../../shared/models/catalogue';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { tx, type Db } from '../db/db';
import { errorMeta, type Logger } from '../logger';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { classifyFailure } from './classifyFailure';
import { DoneNotifier, type Notifier } from './DoneNotifier';
import { JobEvents } from './JobEvents';
import { OfflineWatch } from './OfflineWatch';
import { atStandard, decideShed, type ShedPolicy } from './FlexShed';
import type { Clock } from '../clock';
import { JobStore, type InsertOptions, type JobKind, type JobRow } from './JobStore';
import { QueueHold } from './QueueHold';
import { RateLimiter, type Permit } from './RateLimiter';
import { RequestLane, type LaneOptions } from './RequestLane';
import type { StartGate } from './SpendGate';
import { WaitingLine, type Waiting } from './WaitingLine';
import { assignWaits, lineWait } from './waitReasons';

/** What one attempt produced. `commit` runs inside the transaction that marks the job succeeded. */
export interface Execution {
  /** Final images made (for the images-per-minute quota). */
  images: number;
  /** Estimated USD this answer cost (for the 10-minute spend limit). */
  costUsd?: number;
  commit(): void;
  /** Events to send once the transaction is durable. */
  afterCommit?(): void;
  /** Removes files written for a result that will not be kept. */
  discard?(): void;
}

/**
 * `sent` is called when the request actually leaves, so the quota window counts it from then;
 * `answered` when the whole answer has arrived: storing it no longer holds a request slot.
 */
export type Executor = (job: JobRow, signal: AbortSignal, sent: () => void, answered: () => void) => Promise<Execution>;

/** Where network reachability comes from: Electron's `net.isOnline` and online events in the app. */
export interface Connectivity {
  onOnline(listener: () => void): () => void;
}

export type { Notifier } from './DoneNotifier';

export interface QueueSettings {
  maxInFlight: number;
  /** A class without its own quota (settings from before it existed) uses Flash's. */
  quotas: Partial<Record<ModelTier, TierQuota>> & { flash: TierQuota };
  notifyWhenDone: boolean;
}

export interface JobQueueOptions {
  db: Db;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  settings: () => QueueSettings;
  executor: Executor;
  backoff?: BackoffPolicy;
  /** Quota window: 60 s for real; benchmarks compress it. */
  windowMs?: number;
  random?: () => number;
  connectivity?: Connectivity;
  /** Shared with batches; without one, the queue makes its own from `notifier` and `isWindowFocused`. */
  done?: DoneNotifier;
  notifier?: Notifier;
  isWindowFocused?: () => boolean;
  /** Consulted before a job starts (the 10-minute spend limit). */
  gate?: StartGate;
  /** How a shed Flex call waits (FlexShed.ts); tests compress it. */
  shedPolicy?: ShedPolicy;
}

const KINDS: readonly JobKind[] = ['generate', 'chat'];
/** How long after the last job ended the queue still counts as busy for background work. */
const BUSY_QUIET_MS = 250;

/**
 * The main-process queue for generate and chat jobs. Every job is a row in SQLite; the queue
 * starts them best-first within each model's quota (requests and images per minute, requests per
 * day) and a global cap on requests in flight, retries what is worth retrying, waits out offline
 * periods, and resumes after a restart.
 */
export class JobQueue {
  readonly store: JobStore;
  /** The queued jobs in memory, so a pass never reads the whole table. */
  private readonly line = new WaitingLine();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly inFlight = new Map<string, { controller: AbortController; modelId: string }>();
  /** Jobs in flight whose answer has arrived and is being stored: their request is over. */
  private readonly answered = new Set<string>();
  private readonly quotaRetries = new Map<string, number>();
  /** Flex sheds in a row per job (FlexShed.ts grows its wait with them). */
  private readonly sheds = new Map<string, number>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly jobListeners = new Set<(job: Job) => void>();
  private paused = false;
  /** Why main paused the queue itself; empty when the user did, or it runs. */
  private readonly hold: QueueHold;
  private readonly offline: OfflineWatch;
  private readonly emits: JobEvents;
  private timer: unknown = null;
  private timerAt = Infinity;
  private disposed = false;
  private pumping = false;
  private stopConnectivity: (() => void) | null = null;
  private lastEndedAt = -Infinity;
  private readonly done: DoneNotifier;
  private readonly lane: RequestLane;

  constructor(private readonly o: JobQueueOptions) {
    this.store = new JobStore(o.db, () => o.clock.now());
    this.offline = new OfflineWatch(o.logger);
    this.emits = new JobEvents(o.events, (row) => this.store.toJob(row));
    this.hold = new QueueHold(o.db, o.logger);
    // A billing pause from before a restart still stands: the refusal would only come again.
    this.paused = this.hold.current !== null;
    this.done = o.done ?? new DoneNotifier({ notifier: o.notifier, isWindowFocused: o.isWindowFocused, enabled: () => o.settings().notifyWhenDone });
    this.lane = new RequestLane({
      now: () => this.now,
      limiterFor: (modelId) => this.limiterFor(modelId),
      offline: this.offline,
      backoff: this.backoff,
      ...(o.random ? { random: o.random } : {}),
      changed: () => this.pumpSoon(),
      reached: () => this.leaveOffline(),
    });
  }

  /**
   * A request of main's own that is not a job (an embedding): it takes its model's rate limit and
   * a place under the in-flight cap, and waits out 429s and offline spells like a job, after the
   * jobs waiting (RequestLane.ts). `send` must throw AppErrors (gemini/errors.ts toAppError).
   */
  request<T>(modelId: string, send: (signal: AbortSignal) => Promise<T>, o?: LaneOptions): Promise<T> {
    return this.lane.add(modelId, send, o);
  }

  private get now(): number {
    return this.o.clock.now();
  }

  /** Recovers jobs left in flight by a crash or quit, then starts working. */
  start(): void {
    for (const row of this.store.inState('running', KINDS)) {
      if (this.store.hasResult(row.id)) {
        this.store.update(row.id, { state: 'succeeded', finished_at: this.now });
      } else if (row.sent_at !== null) {
        // The request left and no result was stored, so it is sent again; Google may have billed the first one.
        this.store.update(row.id, { state: 'queued', resent: 1, wait_reason: null, next_attempt_at: null, sent_at: null });
        this.o.logger.info('queue: re-sending a job that was in flight at shutdown', { job: row.id });
      } else {
        // It stopped before its request went out (reading references, building the request): nothing was billed.
        this.store.update(row.id, { state: 'queued', wait_reason: null, next_attempt_at: null });
      }
    }
    const now = this.now;
    for (const row of this.store.queued(KINDS)) {
      // A wait of its own (backoff, Retry-After) still holds after a restart; the queue's waits are recomputed.
      const own = row.next_attempt_at !== null && row.next_attempt_at > now && row.wait_reason !== 'rate_limit' && row.wait_reason !== 'capacity' && row.wait_reason !== 'queue_paused';
      this.line.add(row, own ? row.next_attempt_at : null);
    }
    this.stopConnectivity = this.o.connectivity?.onOnline(() => this.wakeFromOffline()) ?? null;
    this.pump();
  }

  /**
   * Adds a job. It starts on the next microtask, not inside this call, so a caller that writes
   * related rows in the same transaction (a chat's user turn) has committed them first.
   */
  enqueue(kind: JobKind, request: GenerateRequest, o: Omit<InsertOptions, 'waitReason'>): Job {
    const row = this.store.insert(kind, request, { ...o, waitReason: this.arrivalWait() });
    if (KINDS.includes(kind)) this.line.add(row);
    this.emitJob(row);
    this.pumpSoon();
    return this.store.toJob(row);
  }

  /**
   * Variations: `count` jobs of one request, written in one transaction so a set is never seen
   * (or recovered after a crash) half made.
   */
  enqueueSet(kind: JobKind, request: GenerateRequest, count: number, o: { modelId: string }): { setId: string; jobs: Job[] } {
    const setId = crypto.randomUUID();
    const waitReason = this.arrivalWait();
    const rows = tx(this.o.db, () => Array.from({ length: count }, () => this.store.insert(kind, request, { ...o, setId, waitReason })));
    for (const row of rows) {
      if (KINDS.includes(kind)) this.line.add(row);
      this.emitJob(row);
    }
    this.pumpSoon();
    return { setId, jobs: rows.map((r) => this.store.toJob(r)) };
  }

  /** Every job of a set, in the order they were made. */
  set(setId: string): Job[] {
    return this.store.inSet(setId).map((r) => this.store.toJob(r));
  }

  /** What a new job waits for until a pass looks at it (far back in a long line, a while). */
  private arrivalWait(): WaitReason {
    return this.paused ? 'queue_paused' : this.offline.isOffline ? 'offline' : 'capacity';
  }

  /**
   * Adds several jobs in one transaction with rows of the caller's (a comparison and its
   * contenders), so a crash leaves all of them or none. Events go out once it is committed.
   */
  enqueueMany<T>(items: ReadonlyArray<{ request: GenerateRequest; modelId: string }>, within: (rows: JobRow[]) => T): { jobs: Job[]; result: T } {
    const { rows, result } = tx(this.o.db, () => {
      const inserted = items.map((i) => this.store.insert('generate', i.request, { modelId: i.modelId }));
      return { rows: inserted, result: within(inserted) };
    });
    // Into the waiting line only once the transaction holds: a failed one leaves no job to run.
    for (const row of rows) this.line.add(row);
    for (const row of rows) this.emitJob(row);
    this.pumpSoon();
    return { jobs: rows.map((r) => this.store.toJob(this.store.row(r.id))), result };
  }

  private pumpQueued = false;
  private pumpSoon(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  get(id: string): Job {
    return this.store.toJob(this.store.row(id));
  }

  /** One bad stored row never fails the list: it is skipped and logged (issue 10). */
  list(limit = 100): Job[] {
    const jobs: Job[] = [];
    for (const r of this.store.list(limit)) {
      try {
        const job = this.store.toJob(r);
        const check = JobSchema.safeParse(job);
        if (check.success) jobs.push(job);
        else this.o.logger.warn('queue: a stored job cannot be shown; skipped', { job: r.id, issue: check.error.issues[0]?.message });
      } catch (err) {
        this.o.logger.warn('queue: a stored job cannot be read; skipped', { job: r.id, ...errorMeta(err) });
      }
    }
    return jobs;
  }

  cancel(id: string): Job {
    const row = this.store.row(id);
    if (row.state === 'succeeded' || row.state === 'failed' || row.state === 'cancelled') return this.store.toJob(row);
    this.store.update(id, { state: 'cancelled', finished_at: this.now, wait_reason: null, next_attempt_at: null, error_code: 'cancelled', error_message: 'Cancelled.' });
    this.line.remove(id);
    // Aborting the HTTP request tells Gemini to stop; what it already spent cannot be undone.
    this.inFlight.get(id)?.controller.abort();
    this.emitJob(this.store.row(id));
    this.pump();
    return this.get(id);
  }

  retry(id: string): Job {
    const row = this.store.row(id);
    if (row.state !== 'failed' && row.state !== 'cancelled') throw new AppError('bad_input', 'Only a failed or cancelled job can be retried.');
    this.quotaRetries.delete(id);
    this.sheds.delete(id);
    const queued = this.store.update(id, {
      // A retry starts Flex's 15 minutes afresh (FlexShed.ts).
      flex_shed_since: null,
      state: 'queued', attempt: 0, error_code: null, error_message: null, finished_at: null, started_at: null,
      wait_reason: this.arrivalWait(), next_attempt_at: null, resent: 0, sent_at: null, seq: this.store.seqBefore(null, row.priority),
    });
    if (KINDS.includes(queued.kind)) this.line.add(queued);
    this.emitJob(queued);
    this.pump();
    return this.get(id);
  }

  pauseJob(id: string): Job {
    const row = this.store.row(id);
    if (row.state !== 'queued') throw new AppError('bad_input', row.state === 'running' ? 'A running job cannot be paused; cancel it instead.' : 'Only a waiting job can be paused.');
    this.line.remove(id);
    this.emitJob(this.store.update(id, { state: 'paused', wait_reason: null }));
    return this.get(id);
  }

  resumeJob(id: string): Job {
    const row = this.store.row(id);
    if (row.state !== 'paused') throw new AppError('bad_input', 'That job is not paused.');
    const queued = this.store.update(id, { state: 'queued', wait_reason: this.arrivalWait(), next_attempt_at: null });
    this.line.add(queued);
    this.emitJob(queued);
    this.pump();
    return this.get(id);
  }

  reorder(id: string, beforeId: string | null | undefined, priority: number | undefined): Job {
    const row = this.store.row(id);
    if (row.state !== 'queued' && row.state !== 'paused') throw new AppError('bad_input', 'Only a waiting job can be moved.');
    const newPriority = priority ?? (beforeId ? this.store.row(beforeId).priority : row.priority);
    const seq = beforeId !== undefined ? this.store.seqBefore(beforeId, newPriority) : row.seq;
    const moved = this.store.update(id, { priority: newPriority, seq });
    if (this.line.has(id)) this.line.add(moved); // re-placed; a wait of its own ends with the move
    this.emitJob(moved);
    this.pump();
    return this.get(id);
  }

  pauseAll(): QueueStatus {
    this.paused = true;
    this.pump();
    return this.status();
  }

  resumeAll(): QueueStatus {
    this.hold.clear();
    this.paused = false;
    this.pump();
    return this.status();
  }

  /** `waiting`: the number of runnable jobs not started, when the caller has just counted them. */
  status(waiting: number = this.line.size): QueueStatus {
    const now = this.now;
    return {
      paused: this.paused,
      hold: this.hold.current,
      offline: this.offline.isOffline,
      inFlight: this.requestsInFlight(),
      maxInFlight: this.o.settings().maxInFlight,
      waiting,
      models: [...this.limiters.entries()].map(([modelId, l]) => ({
        modelId,
        configuredRpm: l.configuredRpm,
        effectiveRpm: l.effectiveRpm,
        usedInLastMinute: l.usedInWindow(now),
        blockedUntil: l.blockedUntilAt(now),
      })),
    };
  }

  /** Resolves once nothing is running and nothing runnable is waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /**
   * How long from now background work (thumbnails) should stay out of the way, in ms: while jobs
   * are in flight, and until `quietMs` after the last one ended. 0 when the queue is quiet.
   */
  busyFor(quietMs = BUSY_QUIET_MS): number {
    // In flight: when they end is not known; look again in a while.
    if (this.inFlight.size > 0) return Math.max(quietMs, 100);
    return Math.max(0, this.lastEndedAt + quietMs - this.now);
  }

  /** Stops dispatching and aborts requests in flight; their rows stay `running` and are re-sent on the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopConnectivity?.();
    this.lane.dispose();
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    const running = [...this.inFlight.values()];
    for (const r of running) r.controller.abort();
    await new Promise<void>((resolve) => {
      if (this.inFlight.size === 0) return resolve();
      this.idleWaiters.add(resolve);
    });
  }

  /**
   * Requests to Gemini in flight: running jobs, less those whose answer arrived and is being
   * stored (at most `maxInFlight` of them are let off, so storing can fall behind only so far).
   */
  private requestsInFlight(maxInFlight: number = this.o.settings().maxInFlight): number {
    return this.inFlight.size + this.lane.inFlight - Math.min(this.answered.size, maxInFlight);
  }

  private isIdle(waiting: number = this.line.size): boolean {
    return this.inFlight.size === 0 && (this.paused || waiting === 0);
  }

  private limiterFor(modelId: string): RateLimiter {
    const quotas = this.o.settings().quotas;
    const q = quotas[tierOfModel(modelId)] ?? quotas.flash;
    const limits = { requestsPerMinute: q.requestsPerMinute, imagesPerMinute: q.imagesPerMinute, requestsPerDay: q.requestsPerDay };
    let l = this.limiters.get(modelId);
    if (!l) {
      l = new RateLimiter(limits, this.o.windowMs);
      this.limiters.set(modelId, l);
    } else l.setLimits(limits);
    return l;
  }

  /**
   * Starts whatever may start now and sets one timer for the earliest moment something else may.
   * It looks at each model's head, not the whole line: the cost of a pass does not grow with the
   * number of jobs waiting.
   */
  pump(): void {
    if (this.disposed || this.pumping) return;
    this.pumping = true;
    try {
      const now = this.now;
      const { maxInFlight } = this.o.settings();
      let wakeAt = this.line.releaseDue(now);
      this.spendWaitUntil = null;
      if (!this.paused) this.startWhatMay(now, maxInFlight);
      wakeAt = Math.min(wakeAt, this.describeWaiting(now, maxInFlight));
      wakeAt = Math.min(wakeAt, this.lane.startWhatMay(now, () => this.requestsInFlight(maxInFlight) < maxInFlight && !this.waitingForProbe(this.now), this.paused));
      this.schedule(wakeAt);
      this.emitStatus(this.line.size);
      if (this.isIdle()) this.resolveIdle();
    } finally {
      this.pumping = false;
    }
  }

  /** Offline: one probe at a time, on a growing interval; the rest wait quietly. */
  private waitingForProbe(now: number): boolean {
    return this.offline.waitingForProbe(now, this.requestsInFlight());
  }

  /** Starts the best head among models whose quota allows, until the in-flight cap is reached. */
  private startWhatMay(now: number, maxInFlight: number): void {
    const heads = new Map<string, Waiting>();
    for (const [modelId] of this.line.models()) {
      const head = this.line.head(modelId);
      if (head) heads.set(modelId, head);
    }
    while (heads.size > 0 && this.requestsInFlight(maxInFlight) < maxInFlight && !this.waitingForProbe(now)) {
      let best: Waiting | null = null;
      for (const h of heads.values()) {
        if (!best || h.priority > best.priority || (h.priority === best.priority && (h.seq < best.seq || (h.seq === best.seq && h.ord < best.ord)))) best = h;
      }
      const modelId = best!.modelId;
      if (this.limiterFor(modelId).nextSlot(now).reason) {
        heads.delete(modelId);
        continue;
      }
      const row = this.store.find(best!.id);
      // The spend limit is one for all models: when the best job does not fit, nothing starts.
      const gateAt = row && row.state === 'queued' ? (this.o.gate?.wait(row, now) ?? null) : null;
      if (gateAt !== null) {
        this.spendWaitUntil = gateAt;
        break;
      }
      this.line.remove(best!.id);
      // Gone or moved on behind the queue's back (a conversation deleted with its jobs).
      if (row && row.state === 'queued') this.run(row, now);
      const next = this.line.head(modelId);
      if (next) heads.set(modelId, next);
      else heads.delete(modelId);
    }
  }

  /** Set by startWhatMay when the spend limit held the best job back in this pass. */
  private spendWaitUntil: number | null = null;

  /** Gives the first jobs of each model's line the reason they wait (waitReasons.ts). Returns when to look again. */
  private describeWaiting(now: number, maxInFlight: number): number {
    const probeAt = this.waitingForProbe(now) ? this.offline.probeAt : null;
    let wakeAt = probeAt ?? Infinity;
    const room = this.requestsInFlight(maxInFlight) < maxInFlight;
    for (const [modelId, entries] of this.line.models()) {
      const wait = lineWait({ paused: this.paused, probeAt, room, slot: () => this.limiterFor(modelId).nextSlot(now), spendWaitUntil: this.spendWaitUntil });
      if (wait.until !== null) wakeAt = Math.min(wakeAt, wait.until);
      assignWaits(entries, wait, (e) => this.emitJob(this.store.update(e.id, { wait_reason: e.wait, next_attempt_at: e.until })));
    }
    return wakeAt;
  }

  private schedule(at: number): void {
    if (at === this.timerAt) return;
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = at;
    if (at === Infinity) return;
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, at - this.now);
  }

  private run(row: JobRow, now: number): void {
    const modelId = row.model_id!;
    const limiter = this.limiterFor(modelId);
    const permit = limiter.acquire(now);
    this.o.gate?.started(row, now);
    const controller = new AbortController();
    this.inFlight.set(row.id, { controller, modelId });
    const running = this.store.update(row.id, {
      state: 'running', attempt: row.attempt + 1, started_at: now, wait_reason: null, next_attempt_at: null, sent_at: null,
    });
    this.emitJob(running);
    const sent = () => {
      const at = this.now;
      limiter.markSent(permit, at);
      this.store.markSent(row.id, at);
    };
    const answered = () => {
      if (!this.inFlight.has(row.id) || this.answered.has(row.id)) return;
      this.answered.add(row.id);
      // Its slot is free: the next request may leave while this answer is stored.
      if (!this.disposed) this.pumpSoon();
    };
    void this.o
      .executor(running, controller.signal, sent, answered)
      .then((execution) => this.succeed(running, execution, limiter))
      .catch((err: unknown) => {
        this.o.gate?.finished(running, this.now, undefined);
        this.fail(running, err, limiter, permit, controller.signal);
      })
      .finally(() => {
        this.inFlight.delete(row.id);
        this.answered.delete(row.id);
        this.lastEndedAt = this.now;
        if (this.disposed) {
          if (this.inFlight.size === 0) this.resolveIdle();
          return;
        }
        this.pump();
      });
  }

  private succeed(row: JobRow, execution: Execution, limiter: RateLimiter): void {
    const now = this.now;
    let committed: boolean;
    try {
      committed = tx(this.o.db, () => {
        if (!this.store.finishRunning(row.id, { state: 'succeeded', finished_at: now, error_code: null, error_message: null })) return false;
        execution.commit();
        return true;
      });
    } catch (err) {
      execution.discard?.();
      throw err;
    }
    if (!committed) execution.discard?.();
    limiter.onSuccess(now, execution.images);
    // Billed even when cancelled meanwhile: Gemini made the image.
    this.o.gate?.finished(row, now, execution.costUsd);
    this.quotaRetries.delete(row.id);
    this.sheds.delete(row.id);
    this.leaveOffline();
    if (!committed) return; // cancelled while the answer was on its way: nothing kept
    execution.afterCommit?.();
    const done = this.store.row(row.id);
    this.notifyDone(done, this.emitJob(done));
  }

  private fail(row: JobRow, err: unknown, limiter: RateLimiter, permit: Permit, signal: AbortSignal): void {
    const now = this.now;
    if (signal.aborted) {
      limiter.forget(permit);
      return; // cancelled by the user (row already says so) or shutting down (row stays running)
    }
    const e = err instanceof AppError ? err : new AppError('internal', 'Atelier hit an internal error while running this job.');
    if (!(err instanceof AppError)) this.o.logger.error('queue: job failed unexpectedly', { job: row.id, ...errorMeta(err) });

    const requeue = (patch: { wait: WaitReason; until: number; countAttempt: boolean }) => {
      const queued = this.store.update(row.id, {
        state: 'queued',
        wait_reason: patch.wait,
        next_attempt_at: patch.until,
        attempt: patch.countAttempt ? row.attempt : row.attempt - 1,
        error_code: e.code,
        error_message: e.message,
      });
      this.line.add(queued, patch.until);
      this.emitJob(queued);
    };

    if (e.extra.flexShed && this.onShed(row, e, now, requeue)) return;

    const n = e.code === 'quota' ? (this.quotaRetries.get(row.id) ?? 0) + 1 : 0;
    if (e.code === 'quota') this.quotaRetries.set(row.id, n);
    const decision = classifyFailure(e, { attempt: row.attempt, quotaRetries: n, policy: this.backoff, ...(this.o.random ? { random: this.o.random } : {}) });
    if (e.code === 'quota' && !e.extra.permanent) limiter.on429(now, permit, e.extra.retryAfterMs);
    if (decision.action === 'quota_retry') {
      // The model's limiter holds every other job too.
      requeue({ wait: 'quota_retry', until: now + decision.delayMs, countAttempt: false });
      return;
    }
    // Any answer, even a broken one, proves the host is reachable.
    if (decision.action !== 'offline') this.leaveOffline();
    if (decision.action === 'pause_queue') {
      limiter.forget(permit);
      this.hold.hold(e, now);
      this.paused = true;
      requeue({ wait: 'queue_paused', until: now, countAttempt: false });
      return;
    }
    if (decision.action === 'offline') {
      limiter.forget(permit);
      this.offline.failed(now);
      requeue({ wait: 'offline', until: this.offline.probeAt, countAttempt: false });
      return;
    }
    if (decision.action === 'backoff') {
      requeue({ wait: 'backoff', until: now + decision.delayMs, countAttempt: true });
      return;
    }

    this.store.finishRunning(row.id, { state: 'failed', finished_at: now, error_code: e.code, error_message: e.message, wait_reason: null, next_attempt_at: null });
    this.quotaRetries.delete(row.id);
    const failed = this.store.row(row.id);
    this.notifyDone(failed, this.emitJob(failed));
  }

  /** A shed Flex call: tried again as Flex, or moved to Standard when the user allowed it (FlexShed.ts). */
  private onShed(row: JobRow, e: AppError, now: number, requeue: (p: { wait: WaitReason; until: number; countAttempt: boolean }) => void): boolean {
    const request = JSON.parse(row.request_json) as GenerateRequest;
    const sheds = (this.sheds.get(row.id) ?? 0) + 1;
    const shed = decideShed(e, { now, since: row.flex_shed_since ?? null, sheds, request, ...(this.o.shedPolicy ? { policy: this.o.shedPolicy } : {}), ...(this.o.random ? { random: this.o.random } : {}) });
    if (!shed) return false;
    this.leaveOffline();
    this.sheds.set(row.id, sheds);
    if (shed.action === 'move_to_standard') this.store.rewriteRequest(row.id, atStandard(request));
    this.store.update(row.id, { flex_shed_since: shed.since });
    requeue({ wait: 'flex_shed', until: now + (shed.action === 'retry_flex' ? shed.delayMs : 0), countAttempt: false });
    return true;
  }

  private get backoff(): BackoffPolicy {
    return this.o.backoff ?? DEFAULT_BACKOFF;
  }

  /** Any answer proves the host is reachable: the jobs waiting on a probe may go. */
  private leaveOffline(): void {
    // The next pass rewrites the reasons of the jobs in view.
    if (this.offline.reached()) {
      this.line.release((e) => e.wait === 'offline');
      this.lane.releaseOffline();
    }
  }

  private wakeFromOffline(): void {
    if (!this.offline.wake(this.now)) return;
    this.line.release((e) => e.wait === 'offline');
    this.lane.releaseOffline();
    this.pump();
  }

  /** `job`: the Job just emitted for this row, if any (building one reads three tables). */
  private notifyDone(row: JobRow, job: Job | null): void {
    this.done.jobEnded(job ?? this.store.toJob(row));
  }

  /**
   * A typed hook for main's own services that follow jobs (CompareService): every update the
   * window hears, as a Job. Returns the unsubscribe function.
   */
  onJobUpdated(listener: (job: Job) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** Emits the job unless nothing the window shows changed; returns what it emitted. */
  private emitJob(row: JobRow): Job | null {
    const job = this.emits.job(row);
    if (job) for (const listener of this.jobListeners) listener(job);
    return job;
  }

  private emitStatus(waiting: number): void {
    this.emits.status(this.status(waiting));
  }

  private resolveIdle(): void {
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }
}
