/**
 * A pass over the library that fills in what some rows lack (a fingerprint, content credentials),
 * in the background: a chunk of rows at a time, a few items at once, a turn of the event loop
 * between chunks so the window's requests are never held up behind it.
 *
 * With `busyFor`, it also stays out of the way of the queue: before each chunk it waits as long as
 * the queue says it is busy, so the image helper works on results first.
 *
 * Its state is the table it fills: each run asks the table for the next chunk, so a quit mid-way
 * loses nothing and the next start carries on where it stopped. Pausing stops it between items.
 */

import { systemClock, type Clock } from './clock';

/** Runs `work` over `items`, `concurrency` at a time; `stop` is asked before each item. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let at = 0;
  const worker = async () => {
    while (at < items.length && !stop()) await work(items[at++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export type PassState = 'running' | 'paused' | 'idle';

export interface PassWork<T> {
  /**
   * Called at the start of each run: the function that gives the run's next chunk, `null` when
   * nothing is left. An empty chunk means nothing in this stretch: it is asked again after a turn
   * of the event loop (a walk in windows need not do every window in one go). A run may keep a
   * cursor in it, so an item that fails is not tried again until the next run.
   */
  chunks(): () => readonly T[] | null;
  one(item: T): Promise<void>;
  /** Tells the progress; `force` after a pause or the end of a run, otherwise at most every `emitEveryMs`. */
  report(): void;
  /** A run that failed outside any one item (the database): it ends, and the next wake starts again. */
  onError?(err: unknown): void;
  concurrency?: number;
  emitEveryMs?: number;
  /** How long to stay out of the way from now, in ms (the queue's `busyFor`); absent, never. */
  busyFor?: () => number;
  clock?: Clock;
}

export class BackgroundPass<T> {
  private paused = false;
  private disposed = false;
  private running: Promise<void> | null = null;
  private lastEmit = 0;
  /** The wait for a busy queue to go quiet, ended early by a pause or dispose. */
  private waiting: { handle: unknown; wake: () => void } | null = null;

  constructor(private readonly work: PassWork<T>) {}

  get state(): PassState {
    return this.paused ? 'paused' : this.running ? 'running' : 'idle';
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.wake();
    this.emit(true);
  }

  /** Starts (or wakes) the pass; `byUser` also lifts a pause. */
  resume(byUser = true): void {
    if (byUser) this.paused = false;
    if (this.paused || this.disposed || this.running) return;
    this.running = this.run().catch((err: unknown) => this.work.onError?.(err)).finally(() => {
      this.running = null;
      this.emit(true);
    });
  }

  /** Resolves when the pass has nothing left, or is paused. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops between items and waits for the ones under way. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.wake();
    await this.running?.catch(() => {});
  }

  private stopped = () => this.paused || this.disposed;

  private async run(): Promise<void> {
    const next = this.work.chunks();
    for (;;) {
      await this.quiet();
      if (this.stopped()) return;
      const chunk = next();
      if (chunk === null) return;
      await inPool(chunk, this.work.concurrency ?? 2, async (item) => {
        await this.work.one(item);
        this.emit(false);
      }, this.stopped);
      await new Promise((r) => setImmediate(r));
    }
  }

  private async quiet(): Promise<void> {
    const clock = this.work.clock ?? systemClock;
    for (let wait = this.work.busyFor?.() ?? 0; wait > 0 && !this.stopped(); wait = this.work.busyFor?.() ?? 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clock.clearTimeout(handle);
          this.waiting = null;
          resolve();
        };
        const handle = clock.setTimeout(wake, wait);
        this.waiting = { handle, wake };
      });
    }
  }

  private wake(): void {
    this.waiting?.wake();
  }

  private emit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < (this.work.emitEveryMs ?? 250)) return;
    this.lastEmit = now;
    this.work.report();
  }
}
