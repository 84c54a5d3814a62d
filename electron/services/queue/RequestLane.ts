/**
 * Requests of main's own that are not jobs (search by meaning's embeddings). They share the queue's
 * limits — their model's rate limiter, the cap on requests in flight, offline probing — and wait
 * out a 429 or an offline spell as a job would, but leave no row: nothing for the queue panel to
 * show and nothing to resume after a restart, because the caller keeps its own progress (the
 * embeddings table) and asks again.
 */
import { AppError } from '../errors';
import type { BackoffPolicy } from './backoff';
import { classifyFailure } from './classifyFailure';
import type { OfflineWatch } from './OfflineWatch';
import type { RateLimiter } from './RateLimiter';

export interface LaneOptions {
  /** Offline, reject at once instead of waiting for the connection (a search the user waits on). */
  failOffline?: boolean;
  /** The caller gives up (it is being disposed): a waiting request is dropped, a running one aborted. */
  signal?: AbortSignal;
}

export interface LaneHost {
  now(): number;
  limiterFor(modelId: string): RateLimiter;
  offline: OfflineWatch;
  backoff: BackoffPolicy;
  random?: () => number;
  /** A request ended or needs another look: the queue runs a pass. */
  changed(): void;
  /** An answer arrived, so the host is reachable. */
  reached(): void;
}

interface Pending {
  modelId: string;
  send: (signal: AbortSignal) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  /** Not before this time (a 429's delay, a backoff, the next offline probe). */
  until: number;
  offlineWait: boolean;
  attempt: number;
  quotaRetries: number;
  o: LaneOptions;
}

export class RequestLane {
  private readonly waiting: Pending[] = [];
  private readonly running = new Set<AbortController>();
  private disposed = false;

  constructor(private readonly host: LaneHost) {}

  get inFlight(): number {
    return this.running.size;
  }

  get size(): number {
    return this.waiting.length;
  }

  add<T>(modelId: string, send: (signal: AbortSignal) => Promise<T>, o: LaneOptions = {}): Promise<T> {
    if (this.disposed) return Promise.reject(new AppError('cancelled', 'Atelier is closing.'));
    if (o.signal?.aborted) return Promise.reject(new AppError('cancelled', 'The request was withdrawn.'));
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { modelId, send, resolve: resolve as (v: unknown) => void, reject, until: 0, offlineWait: false, attempt: 0, quotaRetries: 0, o };
      o.signal?.addEventListener('abort', () => {
        if (!this.waiting.includes(p)) return; // running: its own controller follows the signal
        this.drop(p);
        reject(new AppError('cancelled', 'The request was withdrawn.'));
      }, { once: true });
      this.waiting.push(p);
      this.host.changed();
    });
  }

  /**
   * Starts the requests that may start now, while `room()` says the in-flight cap allows. Jobs had
   * their turn first in this pass: a person's generation goes before background embedding.
   * Returns when the earliest waiting one may go.
   */
  startWhatMay(now: number, room: () => boolean, paused: boolean): number {
    let wakeAt = Infinity;
    for (const p of [...this.waiting]) {
      if (p.until > now) {
        wakeAt = Math.min(wakeAt, p.until);
        continue;
      }
      if (paused) continue;
      if (this.host.offline.isOffline && p.o.failOffline) {
        this.drop(p);
        p.reject(new AppError('network', 'Gemini cannot be reached right now.'));
        continue;
      }
      if (!room()) break;
      const slot = this.host.limiterFor(p.modelId).nextSlot(now);
      if (slot.reason) {
        wakeAt = Math.min(wakeAt, slot.at);
        continue;
      }
      this.drop(p);
      this.run(p, now);
    }
    return wakeAt;
  }

  /** The connection is back: requests waiting for it may go now. */
  releaseOffline(): void {
    for (const p of this.waiting) {
      if (!p.offlineWait) continue;
      p.offlineWait = false;
      p.until = 0;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.running) c.abort();
    for (const p of this.waiting.splice(0)) p.reject(new AppError('cancelled', 'Atelier is closing.'));
  }

  private drop(p: Pending): void {
    const i = this.waiting.indexOf(p);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  private run(p: Pending, now: number): void {
    const limiter = this.host.limiterFor(p.modelId);
    const permit = limiter.acquire(now);
    const controller = new AbortController();
    if (p.o.signal) {
      if (p.o.signal.aborted) controller.abort();
      else p.o.signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    this.running.add(controller);
    p.attempt += 1;
    void p
      .send(controller.signal)
      .then(
        (value) => {
          limiter.onSuccess(this.host.now(), 0);
          this.host.reached();
          p.resolve(value);
        },
        (err: unknown) => {
          if (controller.signal.aborted) {
            limiter.forget(permit);
            p.reject(new AppError('cancelled', 'Atelier is closing.'));
            return;
          }
          const at = this.host.now();
          const e = err instanceof AppError ? err : new AppError('internal', 'Atelier hit an internal error while asking Gemini.');
          if (e.code === 'quota') p.quotaRetries += 1;
          const decision = classifyFailure(e, { attempt: p.attempt, quotaRetries: p.quotaRetries, policy: this.host.backoff, ...(this.host.random ? { random: this.host.random } : {}) });
          if (e.code === 'quota' && !e.extra.permanent) limiter.on429(at, permit, e.extra.retryAfterMs);
          if (decision.action !== 'offline') this.host.reached();
          if (decision.action === 'quota_retry') return this.requeue(p, { until: at + decision.delayMs, attempt: p.attempt - 1 });
          if (decision.action === 'backoff') return this.requeue(p, { until: at + decision.delayMs, attempt: p.attempt });
          if (decision.action === 'offline') {
            limiter.forget(permit);
            this.host.offline.failed(at);
            if (p.o.failOffline) return p.reject(e);
            return this.requeue(p, { until: this.host.offline.probeAt, attempt: p.attempt - 1, offline: true });
          }
          p.reject(e);
        },
      )
      .finally(() => {
        this.running.delete(controller);
        if (!this.disposed) this.host.changed();
      });
  }

  private requeue(p: Pending, w: { until: number; attempt: number; offline?: boolean }): void {
    if (this.disposed) return p.reject(new AppError('cancelled', 'Atelier is closing.'));
    p.until = w.until;
    p.attempt = w.attempt;
    p.offlineWait = w.offline === true;
    this.waiting.push(p);
  }
}
