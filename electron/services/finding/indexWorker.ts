/**
 * The index loader's worker thread: its own read-only connection reads every fingerprint or
 * vector into typed arrays and hands their memory to main (a transfer, not a copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { readFingerprints, readVectors } from './indexRead';
import type { IndexJob } from './indexLoader';

const job = workerData as IndexJob;
try {
  const db = new Database(job.dbFile, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  try {
    const arrays = job.kind === 'fingerprints' ? readFingerprints(db) : readVectors(db);
    const buffers = Object.values(arrays).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer);
    parentPort!.postMessage({ arrays }, buffers);
  } finally {
    db.close();
  }
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
