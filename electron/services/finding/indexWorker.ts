/**
 * The finding indexes' worker thread (see IndexLoader): reads an index with its own read-only
 * connection, or groups a snapshot of the hashes, and hands the typed arrays' memory to main (a
 * transfer, not a copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { HammingIndex } from './HammingIndex';
import { readFingerprints, readVectors } from './indexRead';
import type { FlatGroups, IndexJob } from './indexLoader';

function post(result: object): void {
  const buffers = Object.values(result).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer);
  parentPort!.postMessage({ result }, buffers);
}

function group(hi: Uint32Array, lo: Uint32Array, size: number, radius: number): FlatGroups {
  const index = new HammingIndex();
  index.adopt(hi, lo, size);
  const groups = index.groups(radius);
  const ends = new Int32Array(groups.length);
  let n = 0;
  groups.forEach((g, i) => (ends[i] = n += g.length));
  const members = new Int32Array(n);
  n = 0;
  for (const g of groups) for (const item of g) members[n++] = item;
  return { members, ends };
}

const job = workerData as IndexJob;
try {
  if (job.kind === 'groups') post(group(job.hi, job.lo, job.size, job.radius));
  else {
    const db = new Database(job.dbFile, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    try {
      post(job.kind === 'fingerprints' ? readFingerprints(db) : readVectors(db));
    } finally {
      db.close();
    }
  }
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
