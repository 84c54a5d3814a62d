import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Credits, type FromWorker, type ResultLine, type ResultsJob } from './results';

/**
 * The worker's entry, found as the library check finds its own (library/checkInWorker.ts): from
 * source (tests, benchmarks) it is TypeScript loaded through tsx; in the app, build-electron.mjs
 * bundles it beside main.cjs under this name.
 */
function workerSource(): string {
  if (__filename.endsWith('.ts')) return `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'resultsWorker.ts'))});`;
  return `require(${JSON.stringify(path.join(__dirname, 'batch-results-worker.cjs'))});`;
}

/**
 * A results file's verdicts, line by line, from a worker thread. `credit` lines at most are
 * decoded ahead of the caller: lines taken give the worker leave for as many more. Stopping (the
 * signal, or leaving the loop) ends the thread; a signal stop throws its AbortError.
 */
export async function* readResults(job: Omit<ResultsJob, 'credits'>, { credit, signal }: { credit: number; signal: AbortSignal }): AsyncGenerator<ResultLine> {
  signal.throwIfAborted();
  const credits = new Credits();
  // A small young generation: each line's garbage dies within the line, and the thread's RSS is
  // main's process's RSS (V8's default let it grow by tens of MB for nothing).
  const worker = new Worker(workerSource(), { eval: true, workerData: { ...job, credits: credits.shared } satisfies ResultsJob, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let closing = false;
  let wake: (() => void) | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: FromWorker) => {
    inbox.push(m);
    nudge();
  });
  worker.on('error', (err) => {
    failure ??= err;
    nudge();
  });
  worker.on('exit', (code) => {
    if (!closing) failure ??= new Error(`Reading the results file stopped unexpectedly (exit ${code}).`);
    nudge();
  });
  signal.addEventListener('abort', nudge);
  credits.give(credit);
  const lump = Math.max(1, Math.floor(credit / 2));
  let owed = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const m = inbox.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.kind === 'done') return;
      if (m.kind === 'error') throw Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
      // Credits go back in lumps of half the window: each gift wakes the worker's thread, and on
      // a busy machine a woken thread can take main's core (one gift per line cost main more
      // than the lines' parsing). Given before the caller works on the line, so the worker reads on meanwhile.
      if (++owed >= lump) {
        credits.give(owed);
        owed = 0;
      }
      yield m.line;
    }
  } finally {
    closing = true;
    signal.removeEventListener('abort', nudge);
    await worker.terminate();
  }
}
