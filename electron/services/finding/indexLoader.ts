import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FingerprintArrays, VectorArrays } from './indexRead';

/** Where the worker reads the library from. */
export interface IndexSource {
  dbFile: string;
  nativeBinding?: string | undefined;
}

/** The worker's jobs: read an index from the library, or group a snapshot of the hashes. */
export type IndexJob =
  | (IndexSource & { kind: 'fingerprints' | 'vectors' | 'meaningCounts' })
  | (IndexSource & GroupsOf & { kind: 'groups'; radius: number; max: number });

/** A snapshot of the index for grouping: the hashes and, in item order, the sha256s (32 bytes each). */
export interface GroupsOf {
  hi: Uint32Array;
  lo: Uint32Array;
  shaBytes: Uint8Array<ArrayBuffer>;
  size: number;
}

/** Groups of items as two flat arrays: group g is members[ends[g − 1] … ends[g] − 1] (ends[−1] = 0); `total` counts them all, shown or not. */
export interface FlatGroups {
  members: Int32Array;
  ends: Int32Array;
  total: number;
}

/** As checkInWorker.ts: TypeScript through tsx from source, the bundle beside main.cjs in the app. */
function workerSource(): string {
  if (__filename.endsWith('.ts')) return `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'indexWorker.ts'))});`;
  return `require(${JSON.stringify(path.join(__dirname, 'finding-index-worker.cjs'))});`;
}

const WHAT: Record<IndexJob['kind'], string> = {
  fingerprints: 'The library’s near-duplicate index could not be read',
  vectors: 'The library’s search-by-meaning index could not be read',
  groups: 'The near-duplicates could not be grouped',
  meaningCounts: 'The pictures to search by meaning could not be counted',
};

/**
 * The finding indexes' heavy work on a worker thread: reading them with a connection of its own
 * (at a million pictures that held main's thread 7–8 s for the fingerprints and 7 s for the
 * vectors, the window's every request waiting) and grouping the whole library (5 s at a
 * million). Main waits for typed arrays, handed over without a copy. `stop()` ends work still
 * running (the app is quitting).
 */
export class IndexLoader {
  private readonly running = new Set<Worker>();

  constructor(private readonly source: IndexSource) {}

  read(kind: 'fingerprints'): Promise<FingerprintArrays>;
  read(kind: 'vectors'): Promise<VectorArrays>;
  read(kind: 'fingerprints' | 'vectors'): Promise<FingerprintArrays | VectorArrays> {
    return this.run({ ...this.source, kind });
  }

  /** Search by meaning's counts (`meaningCounts`), on the worker. */
  meaningCounts(): Promise<{ total: number; embedded: number }> {
    return this.run({ ...this.source, kind: 'meaningCounts' });
  }

  /** `HammingIndex.groups(radius)` over this snapshot, kept to groups of two live assets or more (`liveGroups`), on the worker. */
  groups(of: GroupsOf, radius: number, max: number): Promise<FlatGroups> {
    return this.run({ ...this.source, ...of, kind: 'groups', radius, max });
  }

  private run<T>(job: IndexJob): Promise<T> {
    const worker = new Worker(workerSource(), { eval: true, workerData: job });
    this.running.add(worker);
    return new Promise<T>((resolve, reject) => {
      worker.once('message', (m: { result?: T; error?: string }) => (m.result ? resolve(m.result) : reject(new Error(`${WHAT[job.kind]}: ${m.error ?? 'unknown error'}.`))));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        this.running.delete(worker);
        reject(new Error(`${WHAT[job.kind]}: its worker stopped (exit ${code}).`));
      });
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
