/**
 * The finding indexes' worker thread (see IndexLoader): reads an index with its own read-only
 * connection, or groups a snapshot of the hashes, and hands the typed arrays' memory to main (a
 * transfer, not a copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { HammingIndex } from './HammingIndex';
import { liveCounts, liveGroups, meaningCounts, readFingerprints, readVectors } from './indexRead';
import type { FlatGroups, IndexJob } from './indexLoader';
import { ShaTable } from './ShaTable';

function post(result: object): void {
  const buffers = Object.values(result).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)).map((v) => v.buffer as ArrayBuffer);
  parentPort!.postMessage({ result }, buffers);
}

function openLibrary(job: { dbFile: string; nativeBinding?: string | undefined }): Database.Database {
  const db = new Database(job.dbFile, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  return db;
}

function group(job: Extract<IndexJob, { kind: 'groups' }>): FlatGroups {
  const index = new HammingIndex();
  index.adopt(job.hi, job.lo, job.size);
  const shas = new ShaTable();
  shas.adopt(job.shaBytes, job.size);
  const db = openLibrary(job);
  let kept: { shown: number[][]; total: number };
  try {
    kept = liveGroups(index.groups(job.radius), liveCounts(db, shas, job.size), job.max);
  } finally {
    db.close();
  }
  const groups = kept.shown;
  const ends = new Int32Array(groups.length);
  let n = 0;
  groups.forEach((g, i) => (ends[i] = n += g.length));
  const members = new Int32Array(n);
  n = 0;
  for (const g of groups) for (const item of g) members[n++] = item;
  return { members, ends, total: kept.total };
}

const job = workerData as IndexJob;
try {
  if (job.kind === 'groups') post(group(job));
  else {
    const db = openLibrary(job);
    try {
      post(job.kind === 'fingerprints' ? readFingerprints(db) : job.kind === 'vectors' ? readVectors(db) : meaningCounts(db));
    } finally {
      db.close();
    }
  }
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
