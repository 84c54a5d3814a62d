import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckReport } from './check';

export interface CheckJob {
  dbFile: string;
  root: string;
  /** When this run of the app started: only older files are judged. */
  before: number;
  nativeBinding?: string | undefined;
}

/**
 * The worker's entry. From source (tests, benchmarks) it is TypeScript, loaded through tsx; in
 * the app, build-electron.mjs bundles it beside main.cjs. An eval'd `require` serves both, and
 * resolves modules from the file's own folder as a file entry would.
 */
function workerSource(): string {
  if (__filename.endsWith('.ts')) return `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'checkWorker.ts'))});`;
  return `require(${JSON.stringify(path.join(__dirname, 'library-check-worker.cjs'))});`;
}

/**
 * Runs the self-check (`checkLibrary`) on a worker thread with its own read connection; main only
 * waits for the report. `stop()` ends a check still running (the app is quitting).
 */
export class LibraryChecker {
  private readonly running = new Set<Worker>();

  constructor(private readonly job: Omit<CheckJob, 'before'>) {}

  run(before: number): Promise<CheckReport> {
    const worker = new Worker(workerSource(), { eval: true, workerData: { ...this.job, before } satisfies CheckJob });
    this.running.add(worker);
    return new Promise<CheckReport>((resolve, reject) => {
      worker.once('message', (m: { report?: CheckReport; error?: string }) => (m.report ? resolve(m.report) : reject(new Error(m.error ?? 'The library check failed.'))));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        this.running.delete(worker);
        reject(new Error(`The library check stopped (exit ${code}).`));
      });
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
