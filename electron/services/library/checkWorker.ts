/**
 * The self-check's worker thread: its own read-only connection, so `PRAGMA quick_check` and the
 * walk over every row and file never hold main's event loop (seconds at 250,000 images).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkLibrary } from './check';
import { libraryLayout } from './layout';
import type { CheckJob } from './checkInWorker';

const job = workerData as CheckJob;
const db = new Database(job.dbFile, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
checkLibrary(db, libraryLayout(job.root), job.before)
  .then(
    (report) => parentPort!.postMessage({ report }),
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  )
  .finally(() => db.close());
