import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FingerprintArrays, VectorArrays } from './indexRead';

/** Where the worker reads the library from. */
export interface IndexSource {
  dbFile: string;
  nativeBinding?: string | undefined;
}

export interface IndexJob extends IndexSource {
  kind: 'fingerprints' | 'vectors';
}

/** As checkInWorker.ts: TypeScript through tsx from source, the bundle beside main.cjs in the app. */
function workerSource(): string {
  if (__filename.endsWith('.ts')) return `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'indexWorker.ts'))});`;
  return `require(${JSON.stringify(path.join(__dirname, 'finding-index-worker.cjs'))});`;
}

/**
 * Reads a finding index on a worker thread with its own connection: at a million pictures the
 * read took main's thread 7–8 s (fingerprints) and 7 s (vectors), the window frozen meanwhile.
 * Main waits for the arrays; `stop()` ends a read still running (the app is quitting).
 */
export class IndexLoader {
  private readonly running = new Set<Worker>();

  constructor(private readonly source: IndexSource) {}

  read(kind: 'fingerprints'): Promise<FingerprintArrays>;
  read(kind: 'vectors'): Promise<VectorArrays>;
  read(kind: IndexJob['kind']): Promise<FingerprintArrays | VectorArrays> {
    const worker = new Worker(workerSource(), { eval: true, workerData: { ...this.source, kind } satisfies IndexJob });
    this.running.add(worker);
    return new Promise((resolve, reject) => {
      worker.once('message', (m: { arrays?: FingerprintArrays | VectorArrays; error?: string }) =>
        m.arrays ? resolve(m.arrays) : reject(new Error(`The library's ${kind === 'fingerprints' ? 'near-duplicate' : 'search-by-meaning'} index could not be read: ${m.error ?? 'unknown error'}.`)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => {
        this.running.delete(worker);
        reject(new Error(`The library's index reader stopped (exit ${code}).`));
      });
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
