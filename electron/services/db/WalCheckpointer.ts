/**
 * Moves most of SQLite's WAL checkpointing off the main thread. With the default auto-checkpoint,
 * the commit that takes the write-ahead log past 1,000 pages copies them into the database file
 * and syncs it, inside main's event loop: in a drain of finished jobs, one commit in ~30 held the
 * loop for 10–25 ms. Here a worker thread with its own connection checkpoints (PASSIVE: never
 * waits for, nor holds up, main's writers) once the log has grown past `thresholdBytes`.
 *
 * The log itself starts over only at a commit that finds all of it copied, so under a steady
 * stream of commits (one every 10 ms in the queue benchmark, while a checkpoint's fsync takes
 * ~20 ms here) it keeps growing; main's own auto-checkpoint, raised to a fallback of
 * FALLBACK_AUTOCHECKPOINT_PAGES, then finds nearly everything copied already and restarts it: one
 * short pause (mostly an fsync) per ~40 MB of log instead of one per 4 MB, and the file is cut
 * back to `journal_size_limit`. When the app is quiet, the first commit after a checkpoint restarts it.
 *
 * The worker starts with the first checkpoint it is needed for, so an app (or a test) that
 * writes little never starts it. Its code is plain JavaScript, eval'd: nothing to bundle.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/** Main's own auto-checkpoint, in pages (~40 MB), behind the worker's. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
db.pragma('busy_timeout = 1000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
`;

export interface CheckpointResult {
  busy: number;
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  dbFile: string;
  nativeBinding?: string | undefined;
  /** Checkpoint once the log is larger than this (4 MB: about the default 1,000 pages). */
  thresholdBytes?: number;
  /** How often to look at the log's size (an fs.stat on the thread pool). */
  intervalMs?: number;
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CheckpointResult | null> | null = null;
  private disposed = false;

  constructor(private readonly o: WalCheckpointerOptions) {}

  /** Lowers main's own checkpoints to a fallback and starts watching the log. */
  start(db: Db): void {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    // When the log starts over, a file grown past this is cut back.
    db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
    this.timer = setInterval(() => void this.checkIfLarge(), this.o.intervalMs ?? 1000);
    this.timer.unref();
  }

  private async checkIfLarge(): Promise<void> {
    if (this.running || this.disposed) return;
    const size = await fs.promises.stat(`${this.o.dbFile}-wal`).then((s) => s.size, () => 0);
    if (size > (this.o.thresholdBytes ?? 4 * 1024 * 1024)) await this.checkpoint().catch(() => null);
  }

  /** Checkpoints now, on the worker; null once disposed. One at a time. */
  checkpoint(): Promise<CheckpointResult | null> {
    if (this.disposed) return Promise.resolve(null);
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private run(): Promise<CheckpointResult | null> {
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      const done = (m: CheckpointResult & { error?: string }) => {
        worker.off('exit', gone);
        if (m.error) reject(new Error(m.error));
        else resolve({ busy: m.busy, log: m.log, checkpointed: m.checkpointed });
      };
      const gone = () => {
        worker.off('message', done);
        resolve(null);
      };
      worker.once('message', done);
      worker.once('exit', gone);
      worker.postMessage('checkpoint');
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: require.resolve('better-sqlite3'), file: this.o.dbFile, nativeBinding: this.o.nativeBinding },
    });
    worker.unref();
    // A worker that failed leaves main's fallback checkpoints; the next need starts another.
    worker.on('error', () => {});
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  /** Stops watching; lets a checkpoint in progress finish, then closes the worker's connection. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => null);
    const worker = this.worker;
    if (!worker) return;
    // Unref'd so it never keeps the app alive, but whoever awaits dispose must see it end: an
    // unref'd worker is no reason for Node to wait, and a script would exit here, mid-dispose.
    worker.ref();
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
  }
}
