/**
 * Thumbnails made off a job's hot path. A generated result is a finished job as soon as its
 * original is on disk and its rows are committed; its thumbnail comes later, from here:
 *
 * - in the background, one at a time and at the lowest priority: while the queue has jobs in
 *   flight (or finished one a moment ago) it waits, so a burst of results is stored at the rate
 *   it arrives and the thumbnails follow once the burst is over;
 * - on demand, when the window asks for one first (the app:// route finds no file and calls
 *   `Library.thumbnailOf`). Both paths share one piece of work per image.
 *
 * `dispose` drops what is waiting and waits for work already started, so nothing is written
 * after it resolves.
 *
 * A thumbnail whose image helper stopped under it stays pending and is made again by the next
 * helper; an image under which the helper stopped `MAX_HELPER_STOPS` times is left for when it is
 * shown (it may be what makes libvips fault), so one file cannot keep the helper restarting.
 */

export const MAX_HELPER_STOPS = 3;
import { isHelperStopped } from '../images/ImageHelper';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Logger } from '../logger';
import type { ContentStore } from './ContentStore';

export interface ThumbnailerOptions {
  /** How long to stay out of the way from now, in ms: more than 0 while the queue is busy. */
  busyFor?: () => number;
  clock?: Clock;
  logger?: Logger;
}

export class Thumbnailer {
  /** Waiting for the background, by sha256 (insertion order: oldest first). */
  private readonly pending = new Map<string, string>();
  /** Work started, background or on demand, by sha256. */
  private readonly making = new Map<string, Promise<string>>();
  private background: Promise<unknown> | null = null;
  private timer: unknown = null;
  private disposed = false;
  private readonly idleWaiters = new Set<() => void>();
  private busyFor: () => number;
  private after: ((sha256: string, mime: string) => Promise<unknown>) | null = null;
  /** Times the image helper stopped while making this thumbnail, by sha256. */
  private readonly helperStops = new Map<string, number>();

  constructor(
    private readonly store: ContentStore,
    private readonly o: ThumbnailerOptions = {},
  ) {
    this.busyFor = o.busyFor ?? (() => 0);
  }

  private get clock(): Clock {
    return this.o.clock ?? systemClock;
  }

  /** Who says when to stay out of the way (the queue, which is built after the library). */
  yieldTo(busyFor: () => number): void {
    this.busyFor = busyFor;
  }

  /**
   * More background work per image, done right after its thumbnail in the same quiet slot (the
   * library makes the screen-sized copy of a large original there). Not done on demand.
   */
  alsoAfter(work: (sha256: string, mime: string) => Promise<unknown>): void {
    this.after = work;
  }

  /** Queues the thumbnails of stored images for the background. */
  later(images: ReadonlyArray<{ sha256: string; mime: string }>): void {
    if (this.disposed) return;
    for (const i of images) this.pending.set(i.sha256, i.mime);
    this.next();
  }

  /** The thumbnail's path, made now if it is missing; concurrent callers share one piece of work. */
  ensure(sha256: string, mime: string): Promise<string> {
    if (this.disposed) return Promise.reject(new Error('The library is closed.'));
    this.pending.delete(sha256);
    return this.make(sha256, mime);
  }

  /** How many thumbnails wait for the background. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Resolves once nothing waits and nothing is being made (at once after dispose). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Drops what waits, and resolves once work already started has finished: nothing is written after. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.pending.clear();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.making.values(), this.background]);
    this.resolveIdle();
  }

  private make(sha256: string, mime: string): Promise<string> {
    const started = this.making.get(sha256);
    if (started) return started;
    const work = this.store.ensureThumb(sha256, mime).finally(() => {
      this.making.delete(sha256);
      if (this.isIdle()) this.resolveIdle();
    });
    this.making.set(sha256, work);
    return work;
  }

  /** Starts the oldest waiting thumbnail unless one is running or the queue is busy. */
  private next(): void {
    if (this.disposed || this.background || this.timer !== null) return;
    const first = this.pending.entries().next();
    if (first.done) {
      if (this.isIdle()) this.resolveIdle();
      return;
    }
    const wait = this.busyFor();
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.next();
      }, wait);
      return;
    }
    const [sha256, mime] = first.value;
    this.pending.delete(sha256);
    this.background = this.make(sha256, mime)
      .then(() => (this.after && !this.disposed ? this.after(sha256, mime) : undefined))
      .catch((err: unknown) => {
        if (this.disposed) return;
        if (isHelperStopped(err)) {
          const stops = (this.helperStops.get(sha256) ?? 0) + 1;
          this.helperStops.set(sha256, stops);
          if (stops < MAX_HELPER_STOPS) {
            if (!this.pending.has(sha256)) this.pending.set(sha256, mime);
            return;
          }
        }
        // The original was checked when stored; if it cannot be decoded, showing it will say so.
        this.o.logger?.warn('library: a thumbnail could not be made', { sha256, message: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        this.background = null;
        // A turn of the event loop between thumbnails: anything else waiting goes first.
        setImmediate(() => this.next());
      });
  }

  private isIdle(): boolean {
    return this.disposed || (this.pending.size === 0 && this.making.size === 0 && this.background === null);
  }

  private resolveIdle(): void {
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }
}
