/**
 * Main's side of the image helper: one child process (started on first use) that does every piece
 * of pixel work (`protocol.ts`). Main only sends requests and awaits replies.
 *
 * Why a process and not main (or a worker thread): on Linux, Electron links the system's GLib
 * while sharp's libvips carries its own; the two can meet in one process and abort it
 * (electron/electron#46323, lovell/sharp#4522). A worker thread shares the process, so it would
 * abort with it. In a utility process the same collision can still happen (lovell/sharp#4525),
 * but it takes down only the helper: the requests it held fail with a sentence, and a new helper
 * starts, with backoff if it keeps stopping.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { systemClock, type Clock } from '../clock';
import type { ImageInput, ImageKind, ImageOutput, ImageReply, ImageRequest, Images } from './protocol';

/** The few things main needs of a child process: Electron's UtilityProcess has exactly these. */
export interface HelperChild {
  postMessage(message: ImageRequest): void;
  on(event: 'message', listener: (message: ImageReply) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): unknown;
}

/** Starts the helper module: `utilityProcess.fork` in Electron (electron/imageHelperProcess.ts), `forkHelper` under Node. */
export type LaunchHelper = (modulePath: string) => HelperChild;

/**
 * The helper's entry file. From source (tests, benchmarks) it is TypeScript, run through tsx; in
 * the app, build-electron.mjs bundles it as imageHelper.cjs beside main.cjs.
 */
export function helperModulePath(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'helperMain.ts') : path.join(__dirname, 'imageHelper.cjs');
}

/** `child_process.fork` of the helper module: Node, tests and benchmarks. */
export const forkHelper: LaunchHelper = (modulePath) => {
  const child = fork(modulePath, [], {
    execArgv: modulePath.endsWith('.ts') ? ['--import', 'tsx'] : [],
    // The V8 serializer, as Electron's postMessage uses: Uint8Array crosses as bytes, not JSON.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // 'error' comes for a spawn that failed or a message sent as the child died; 'exit' follows (or
  // came first) and fails what it held. Unheard, an EventEmitter's 'error' would throw in main.
  child.on('error', () => {});
  const on = (event: 'message' | 'exit', listener: (arg: never) => void): void => {
    const call = listener as (arg: unknown) => void;
    if (event === 'message') child.on('message', (m) => call(m));
    else child.on('exit', (code) => call(code));
  };
  return { postMessage: (m) => void child.send(m), on, kill: () => child.kill('SIGKILL') };
};

/** The helper stopped while holding this work. Retryable: the queue retries a job that meets it. */
export class ImageHelperStopped extends AppError {
  constructor(message: string) {
    super('image_helper', message);
  }
}

export const isHelperStopped = (err: unknown): err is ImageHelperStopped => err instanceof AppError && err.code === 'image_helper';

/** A failure reported by the work itself (an image that does not decode): the same class of error main's sharp used to throw. */
export class ImageWorkError extends Error {
  override name = 'ImageWorkError';
}

export interface RestartPolicy {
  /** Delay before the second restart in a row; the first is immediate. Doubles each time. */
  firstMs: number;
  maxMs: number;
  /** A helper that stayed up this long is healthy again: its next stop restarts at once. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART: RestartPolicy = { firstMs: 500, maxMs: 30_000, healthyAfterMs: 60_000 };

export interface ImageHelperOptions {
  launch?: LaunchHelper;
  modulePath?: string;
  clock?: Clock;
  logger?: Logger;
  restart?: RestartPolicy;
}

interface Pending {
  kind: ImageKind;
  about: string;
  input: unknown;
  resolve: (output: never) => void;
  reject: (err: Error) => void;
}

export class ImageHelper implements Images {
  private child: HelperChild | null = null;
  private ready = false;
  private startedAt = 0;
  private nextId = 1;
  /** Sent to the running helper, by request id. */
  private readonly inFlight = new Map<number, Pending>();
  /** Waiting for a helper that is starting (or restarting after a backoff). */
  private readonly waiting: Pending[] = [];
  private restartTimer: unknown = null;
  /** Stops in a row without a healthy stretch between them. */
  private stops = 0;
  private disposed = false;
  private exited: (() => void) | null = null;
  /** How many helpers were started: tests and the log read it. */
  launches = 0;

  constructor(private readonly o: ImageHelperOptions = {}) {}

  private get clock(): Clock {
    return this.o.clock ?? systemClock;
  }

  private get policy(): RestartPolicy {
    return this.o.restart ?? DEFAULT_RESTART;
  }

  run<K extends ImageKind>(kind: K, input: ImageInput<K>, about: string): Promise<ImageOutput<K>> {
    if (this.disposed) return Promise.reject(new AppError('cancelled', 'Atelier is closing.'));
    return new Promise<ImageOutput<K>>((resolve, reject) => {
      const pending: Pending = { kind, about, input, resolve: resolve as (o: never) => void, reject };
      if (this.child && this.ready) this.send(pending);
      else {
        this.waiting.push(pending);
        if (!this.child && this.restartTimer === null) this.start();
      }
    });
  }

  /** Kills the helper; work it held or that waited for it fails with "Atelier is closing". */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.restartTimer !== null) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.failAll(() => new AppError('cancelled', 'Atelier is closing.'));
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      this.exited = resolve;
      // false: there was nothing left to kill, and no 'exit' may follow.
      if (child.kill() === false) resolve();
    });
  }

  private start(): void {
    this.restartTimer = null;
    this.startedAt = this.clock.now();
    let child: HelperChild;
    try {
      child = (this.o.launch ?? forkHelper)(this.o.modulePath ?? helperModulePath());
    } catch (err) {
      this.o.logger?.error('images: the image helper could not start', { message: err instanceof Error ? err.message : String(err) });
      this.failAll((p) => new ImageHelperStopped(`Atelier's image helper could not start, so ${p.about} failed; it will try again.`));
      this.stopped(this.policy.firstMs);
      return;
    }
    this.launches++;
    this.child = child;
    this.ready = false;
    child.on('message', (m) => {
      if (this.child === child) this.receive(m);
    });
    child.on('exit', (code) => this.onExit(child, code));
  }

  private receive(m: ImageReply): void {
    if ('ready' in m) {
      this.ready = true;
      for (const p of this.waiting.splice(0)) this.send(p);
      return;
    }
    const pending = this.inFlight.get(m.id);
    if (!pending) return;
    this.inFlight.delete(m.id);
    if (m.ok) pending.resolve(m.output as never);
    else pending.reject(m.error.code ? new AppError(m.error.code as AppError['code'], m.error.message) : new ImageWorkError(m.error.message));
  }

  private send(p: Pending): void {
    const id = this.nextId++;
    this.inFlight.set(id, p);
    this.child!.postMessage({ id, kind: p.kind, input: p.input } as ImageRequest);
  }

  private onExit(child: HelperChild, code: number | null): void {
    if (this.child !== child) return;
    this.child = null;
    const wasReady = this.ready;
    this.ready = false;
    if (this.disposed) {
      this.exited?.();
      return;
    }
    const held = [...this.inFlight.values()];
    this.inFlight.clear();
    // Stopped before it could take work (sharp would not load): what waits would wait for ever.
    const unstarted = wasReady ? [] : this.waiting.splice(0);
    const delay = this.stopped();
    this.o.logger?.warn('images: the image helper stopped', { code, held: held.length, restartInMs: delay });
    const when = delay === 0 ? 'it has been restarted' : `it restarts in ${Math.ceil(delay / 1000)} s`;
    for (const p of held) p.reject(new ImageHelperStopped(`Atelier's image helper stopped while ${p.about}; ${when}.`));
    for (const p of unstarted) p.reject(new ImageHelperStopped(`Atelier's image helper stopped as it started, so ${p.about} failed; it will try again.`));
  }

  /** Counts a stop and schedules the next helper; returns the delay before it starts. */
  private stopped(atLeastMs = 0): number {
    if (this.clock.now() - this.startedAt >= this.policy.healthyAfterMs) this.stops = 0;
    this.stops++;
    const backoff = this.stops <= 1 ? 0 : Math.min(this.policy.maxMs, this.policy.firstMs * 2 ** (this.stops - 2));
    const delay = Math.max(atLeastMs, backoff);
    if (delay === 0) this.start();
    else this.restartTimer = this.clock.setTimeout(() => this.start(), delay);
    return delay;
  }

  private failAll(error: (p: Pending) => Error): void {
    const all = [...this.inFlight.values(), ...this.waiting.splice(0)];
    this.inFlight.clear();
    for (const p of all) p.reject(error(p));
  }
}
