/**
 * ATELIER_QUIT_WHEN_LOADED=1: CI's "development path" job runs `npm start` with it to prove the
 * app starts. Main quits with exit code 0 once the window's page has loaded, and with a non-zero
 * code when the services fail to start, the page fails to load, its renderer dies, or nothing
 * happens for too long. No dialog is shown on that path: a modal box would hang the job.
 */
export function quitWhenLoadedRequested(env: { ATELIER_QUIT_WHEN_LOADED?: string | undefined }): boolean {
  return env.ATELIER_QUIT_WHEN_LOADED === '1';
}

export const EXIT = { loaded: 0, servicesFailed: 1, loadFailed: 2, rendererGone: 3, timedOut: 4 } as const;

/** The part of a webContents watched (an EventEmitter in tests). */
export interface LoadingContents {
  once(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'did-fail-load', listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
}

export interface QuitWatch {
  contents: LoadingContents;
  /** Called once: code 0 quits normally (services close as on any quit); others exit at once. */
  quit(code: number, why: string): void;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  timeoutMs?: number;
}

export function quitOnceLoaded(w: QuitWatch): void {
  let done = false;
  const finish = (code: number, why: string) => {
    if (done) return;
    done = true;
    timer.cancel();
    w.quit(code, why);
  };
  const timer = w.setTimer(() => finish(EXIT.timedOut, `the window did not load within ${Math.round((w.timeoutMs ?? 120_000) / 1000)} s`), w.timeoutMs ?? 120_000);
  w.contents.once('did-finish-load', () => finish(EXIT.loaded, 'the window loaded'));
  w.contents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (isMainFrame) finish(EXIT.loadFailed, `the window failed to load ${url}: ${description} (${code})`);
  });
  w.contents.on('render-process-gone', (_e, details) => finish(EXIT.rendererGone, `the window's renderer stopped (${details.reason})`));
}

/** What main does when createAtelier throws: a dialog for a person, or a line and an exit code for CI. */
export function reportStartupFailure(
  err: unknown,
  o: { quitWhenLoaded: boolean; showErrorBox(title: string, message: string): void; writeError(line: string): void; exit(code: number): void },
): void {
  const message = err instanceof Error ? err.message : String(err);
  if (o.quitWhenLoaded) o.writeError(`Atelier could not start: ${message}`);
  else o.showErrorBox('Atelier could not start', message);
  o.exit(EXIT.servicesFailed);
}
