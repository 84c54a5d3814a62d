/**
 * The results worker's thread: reads a batch's results file and sends main one verdict per line
 * as main gives credit for it (results.ts says why this is not done on main).
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { fileLines } from './lines';
import { Credits, pumpResults, transferOf, type FromWorker, type ResultsJob } from './results';

// Below main: when the cores are busy, this thread's wake-up would otherwise take main's core for
// the lines it decodes (seen in profiles as main stalled in the credit it had just given). Linux
// only: there a nice value belongs to the thread (setpriority(2), NOTES), elsewhere to the whole
// process, main included.
if (process.platform === 'linux') {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    /* a courtesy: reading works at any priority */
  }
}

const job = workerData as ResultsJob;
const port = parentPort!;
const credits = new Credits(job.credits);
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
// A pending Atomics.waitAsync does not keep a thread alive; a listened port does, until main ends it.
port.on('message', () => undefined);

pumpResults(fileLines(job.file, job.chunkBytes ? { chunkBytes: job.chunkBytes } : {}), job.from, credits, (line) => send({ kind: 'line', line }, transferOf(line)))
  .then(
    () => send({ kind: 'done' }),
    (err: unknown) => send({ kind: 'error', message: err instanceof Error ? err.message : String(err), code: (err as { code?: string } | null)?.code }),
  )
  .catch(() => undefined);
