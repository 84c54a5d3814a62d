import type { GenerateRequest, Job, QueueStatus, TierQuota, WaitReason } from '../../../shared/ipc/contract';
import { tierOfModel, type ModelTier } from '../../../shared/models';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { tx, type Db } from '../library/db';
import { errorMeta, type Logger } from '../logger';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { Clock } from './clock';
import { JobStore, type BatchInfo, type JobKind, type JobRow } from './JobStore';
import { RateLimiter, type Permit } from './RateLimiter';

/** What one attempt produced. `commit` runs inside the transaction that marks the job succeeded. */
export interface Execution {
  /** Final images made (for the images-per-minute quota). */
  images: number;
  commit(): void;
  /** Events to send once the transaction is durable. */
  afterCommit?(): void;
  /** Removes files written for a result that will not be kept. */
  discard?(): void;
}

/** `sent` is called when the request actually leaves, so the quota window counts it from then. */
export type Executor = (job: JobRow, signal: AbortSignal, sent: () => void) => Promise<Execution>;

/** Where network reachability comes from: Electron's `net.isOnline` and online events in the app. */
export interface Connectivity {
  onOnline(listener: () => void): () => void;
}

/** OS notifications, injected (Electron's Notification in the app). */
export interface Notifier {
  notify(n: { title: string; body: string }): void;
}

export interface QueueSettings {
  maxInFlight: number;
  quotas: Record<ModelTier, TierQuota>;
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
  notifier?: Notifier;
  isWindowFocused?: () => boolean;
}

/** Network errors are not the job's fault: probe again on this schedule while offline. */
const OFFLINE_PROBE = { firstMs: 2_000, maxMs: 30_000 };
/** A 429 is expected under load; give up only after this many in a row for one job. */
const MAX_QUOTA_RETRIES = 50;
const KINDS: readonly JobKind[] = ['generate', 'chat'];

/**
 * The main-process queue for generate and chat jobs. Every job is a row in SQLite; the queue
 * starts them best-first within each model's quota (requests and images per minute, requests per
 * day) and a global cap on requests in flight, retries what is worth retrying, waits out offline
 * periods, and resumes after a restart.
 */
export class JobQueue {
  readonly store: JobStore;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly inFlight = new Map<string, { controller: AbortController; modelId: string }>();
  private readonly quotaRetries = new Map<string, number>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly lastEmitted = new Map<string, string>();
  private paused = false;
  private offline = false;
  private probeDelayMs = OFFLINE_PROBE.firstMs;
  private offlineProbeAt = 0;
  private timer: unknown = null;
  private timerAt = Infinity;
  private disposed = false;
  private pumping = false;
  private lastStatus = '';
  private stopConnectivity: (() => void) | null = null;

  constructor(private readonly o: JobQueueOptions) {
    this.store = new JobStore(o.db, () => o.clock.now());
  }

  private get now(): number {
    return this.o.clock.now();
  }

  /** Recovers jobs left in flight by a crash or quit, then starts working. */
  start(): void {
    for (const row of this.store.inState('running', KINDS)) {
      if (this.store.hasResult(row.id)) {
        this.store.update(row.id, { state: 'succeeded', finished_at: this.now });
      } else {
        // No result was stored, so the request is sent again; Google may have billed the first one.
        this.store.update(row.id, { state: 'queued', resent: 1, wait_reason: null, next_attempt_at: null });
        this.o.logger.info('queue: re-sending a job that was in flight at shutdown', { job: row.id });
      }
    }
    this.stopConnectivity = this.o.connectivity?.onOnline(() => this.wakeFromOffline()) ?? null;
    this.pump();
  }

  /**
   * Adds a job. It starts on the next microtask, not inside this call, so a caller that writes
   * related rows in the same transaction (a chat's user turn) has committed them first.
   */
  enqueue(kind: JobKind, request: GenerateRequest, o: { modelId: string; conversationId?: string | null; batch?: BatchInfo }): Job {
    const row = this.store.insert(kind, request, o);
    this.emitJob(row);
    this.pumpSoon();
    return this.store.toJob(this.store.row(row.id));
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

  list(limit = 100): Job[] {
    return this.store.list(limit).map((r) => this.store.toJob(r));
  }

  cancel(id: string): Job {
    const row = this.store.row(id);
    if (row.state === 'succeeded' || row.state === 'failed' || row.state === 'cancelled') return this.store.toJob(row);
    this.store.update(id, { state: 'cancelled', finished_at: this.now, wait_reason: null, next_attempt_at: null, error_code: 'cancelled', error_message: 'Cancelled.' });
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
    this.store.update(id, {
      state: 'queued', attempt: 0, error_code: null, error_message: null, finished_at: null, started_at: null,
      wait_reason: null, next_attempt_at: null, resent: 0, seq: this.store.seqBefore(null, row.priority),
    });
    this.emitJob(this.store.row(id));
    this.pump();
    return this.get(id);
  }

  pauseJob(id: string): Job {
    const row = this.store.row(id);
    if (row.state !== 'queued') throw new AppError('bad_input', row.state === 'running' ? 'A running job cannot be paused; cancel it instead.' : 'Only a waiting job can be paused.');
    this.emitJob(this.store.update(id, { state: 'paused', wait_reason: null }));
    return this.get(id);
  }

  resumeJob(id: string): Job {
    const row = this.store.row(id);
    if (row.state !== 'paused') throw new AppError('bad_input', 'That job is not paused.');
    this.emitJob(this.store.update(id, { state: 'queued' }));
    this.pump();
    return this.get(id);
  }

  reorder(id: string, beforeId: string | null | undefined, priority: number | undefined): Job {
    const row = this.store.row(id);
    if (row.state !== 'queued' && row.state !== 'paused') throw new AppError('bad_input', 'Only a waiting job can be moved.');
    const newPriority = priority ?? (beforeId ? this.store.row(beforeId).priority : row.priority);
    const seq = beforeId !== undefined ? this.store.seqBefore(beforeId, newPriority) : row.seq;
    this.emitJob(this.store.update(id, { priority: newPriority, seq }));
    this.pump();
    return this.get(id);
  }

  pauseAll(): QueueStatus {
    this.paused = true;
    this.pump();
    return this.status();
  }

  resumeAll(): QueueStatus {
    this.paused = false;
    this.pump();
    return this.status();
  }

  /** `waiting`: the number of runnable jobs not started, when the caller has just counted them. */
  status(waiting: number = this.store.runnable(KINDS).length): QueueStatus {
    const now = this.now;
    return {
      paused: this.paused,
      offline: this.offline,
      inFlight: this.inFlight.size,
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

  /** Stops dispatching and aborts requests in flight; their rows stay `running` and are re-sent on the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopConnectivity?.();
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    const running = [...this.inFlight.values()];
    for (const r of running) r.controller.abort();
    await new Promise<void>((resolve) => {
      if (this.inFlight.size === 0) return resolve();
      this.idleWaiters.add(resolve);
    });
  }

  private isIdle(waiting: number = this.store.runnable(KINDS).length): boolean {
    return this.inFlight.size === 0 && (this.paused || waiting === 0);
  }

  private limiterFor(modelId: string): RateLimiter {
    const q = this.o.settings().quotas[tierOfModel(modelId)];
    const limits = { requestsPerMinute: q.requestsPerMinute, imagesPerMinute: q.imagesPerMinute, requestsPerDay: q.requestsPerDay };
    let l = this.limiters.get(modelId);
    if (!l) {
      l = new RateLimiter(limits, this.o.windowMs);
      this.limiters.set(modelId, l);
    } else l.setLimits(limits);
    return l;
  }

  /** Starts whatever may start now and sets one timer for the earliest moment something else may. */
  pump(): void {
    if (this.disposed || this.pumping) return;
    this.pumping = true;
    try {
      const now = this.now;
      let wakeAt = Infinity;
      const { maxInFlight } = this.o.settings();
      // A model-wide wait (rate limit, Retry-After) has one end time; only the first job waiting
      // on it carries the countdown, so a long queue is not rewritten on every pass.
      const modelsWithHead = new Set<string>();
      // The runnable jobs are read once per pass; those left waiting are counted for the status.
      let waiting = 0;
      for (const row of this.store.runnable(KINDS)) {
        if (this.inFlight.has(row.id)) continue;
        let wait: WaitReason | null = null;
        let until: number | null = null;
        if (this.paused) wait = 'queue_paused';
        else if (row.next_attempt_at !== null && row.next_attempt_at > now && row.wait_reason !== 'rate_limit') {
          wait = row.wait_reason ?? 'backoff';
          until = row.next_attempt_at;
        } else if (this.offline && (now < this.offlineProbeAt || this.inFlight.size > 0)) {
          // Offline: one probe at a time, on a growing interval; the rest wait quietly.
          wait = 'offline';
          until = this.offlineProbeAt;
        } else if (this.inFlight.size >= maxInFlight) wait = 'capacity';
        else {
          const slot = this.limiterFor(row.model_id!).nextSlot(now);
          if (slot.reason) {
            wait = slot.reason;
            wakeAt = Math.min(wakeAt, slot.at);
            if (!modelsWithHead.has(row.model_id!) || slot.reason === 'daily_limit') until = slot.at;
            modelsWithHead.add(row.model_id!);
          }
        }
        if (wait) {
          waiting += 1;
          if (until !== null) wakeAt = Math.min(wakeAt, until);
          if (row.wait_reason !== wait || row.next_attempt_at !== until) {
            this.emitJob(this.store.update(row.id, { wait_reason: wait, next_attempt_at: until }));
          }
          continue;
        }
        this.run(row, now);
      }
      this.schedule(wakeAt);
      this.emitStatus(waiting);
      if (this.isIdle(waiting)) this.resolveIdle();
    } finally {
      this.pumping = false;
    }
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
    const controller = new AbortController();
    this.inFlight.set(row.id, { controller, modelId });
    const running = this.store.update(row.id, {
      state: 'running', attempt: row.attempt + 1, started_at: now, wait_reason: null, next_attempt_at: null,
    });
    this.emitJob(running);
    void this.o
      .executor(running, controller.signal, () => limiter.markSent(permit, this.now))
      .then((execution) => this.succeed(running, execution, limiter))
      .catch((err: unknown) => this.fail(running, err, limiter, permit, controller.signal))
      .finally(() => {
        this.inFlight.delete(row.id);
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
    this.quotaRetries.delete(row.id);
    this.leaveOffline();
    if (!committed) return; // cancelled while the answer was on its way: nothing kept
    execution.afterCommit?.();
    const done = this.store.row(row.id);
    this.emitJob(done);
    this.notifyDone(done);
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
      this.emitJob(
        this.store.update(row.id, {
          state: 'queued',
          wait_reason: patch.wait,
          next_attempt_at: patch.until,
          attempt: patch.countAttempt ? row.attempt : row.attempt - 1,
          error_code: e.code,
          error_message: e.message,
        }),
      );
    };

    if (e.code === 'quota' && !e.extra.permanent) {
      limiter.on429(now, permit, e.extra.retryAfterMs);
      const n = (this.quotaRetries.get(row.id) ?? 0) + 1;
      this.quotaRetries.set(row.id, n);
      if (n <= MAX_QUOTA_RETRIES) {
        // Never before the server's RetryInfo delay; the model's limiter holds every other job too.
        requeue({ wait: 'quota_retry', until: now + (e.extra.retryAfterMs ?? backoffDelay(this.backoff, n, this.o.random)), countAttempt: false });
        return;
      }
    } else if (e.code === 'network') {
      limiter.forget(permit);
      this.enterOffline(now);
      requeue({ wait: 'offline', until: this.offlineProbeAt, countAttempt: false });
      return;
    } else if (e.code === 'server' && row.attempt < this.backoff.maxAttempts) {
      requeue({ wait: 'backoff', until: now + backoffDelay(this.backoff, row.attempt, this.o.random), countAttempt: true });
      return;
    }

    this.store.finishRunning(row.id, { state: 'failed', finished_at: now, error_code: e.code, error_message: e.message, wait_reason: null, next_attempt_at: null });
    this.quotaRetries.delete(row.id);
    const failed = this.store.row(row.id);
    this.emitJob(failed);
    this.notifyDone(failed);
  }

  private get backoff(): BackoffPolicy {
    return this.o.backoff ?? DEFAULT_BACKOFF;
  }

  private enterOffline(now: number): void {
    if (!this.offline) {
      this.offline = true;
      this.probeDelayMs = OFFLINE_PROBE.firstMs;
      this.o.logger.warn('queue: Gemini is unreachable; jobs wait until the connection returns');
    } else {
      this.probeDelayMs = Math.min(OFFLINE_PROBE.maxMs, this.probeDelayMs * 2);
    }
    this.offlineProbeAt = now + this.probeDelayMs;
  }

  private leaveOffline(): void {
    if (!this.offline) return;
    this.offline = false;
    this.o.logger.info('queue: Gemini is reachable again');
    for (const row of this.store.runnable(KINDS)) {
      if (row.wait_reason === 'offline') this.store.update(row.id, { next_attempt_at: null, wait_reason: null });
    }
  }

  private wakeFromOffline(): void {
    if (!this.offline) return;
    this.offlineProbeAt = this.now;
    for (const row of this.store.runnable(KINDS)) {
      if (row.wait_reason === 'offline') this.store.update(row.id, { next_attempt_at: null });
    }
    this.pump();
  }

  private notifyDone(row: JobRow): void {
    const { notifier, isWindowFocused } = this.o;
    if (!notifier || !this.o.settings().notifyWhenDone || isWindowFocused?.() !== false) return;
    const prompt = (JSON.parse(row.request_json) as GenerateRequest).prompt;
    const short = prompt.length > 80 ? `${prompt.slice(0, 80)}…` : prompt;
    notifier.notify(
      row.state === 'succeeded'
        ? { title: 'Image ready', body: short }
        : { title: 'Generation failed', body: `${short} — ${row.error_message ?? ''}` },
    );
  }

  private emitJob(row: JobRow): void {
    const key = `${row.state}|${row.wait_reason}|${row.next_attempt_at}|${row.attempt}|${row.priority}|${row.seq}|${row.error_code}`;
    if (this.lastEmitted.get(row.id) === key) return;
    this.lastEmitted.set(row.id, key);
    this.o.events.emit('job.updated', this.store.toJob(row));
  }

  private emitStatus(waiting: number): void {
    const s = this.status(waiting);
    const key = JSON.stringify({ ...s, models: s.models.map((m) => ({ ...m, usedInLastMinute: 0 })) });
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.o.events.emit('queue.status', s);
  }

  private resolveIdle(): void {
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }
}
