import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EXIT, quitOnceLoaded, quitWhenLoadedRequested, reportStartupFailure, type LoadingContents } from '../../../../electron/services/shell/quitWhenLoaded';

function watch() {
  const contents = new EventEmitter();
  const quits: Array<[number, string]> = [];
  let fire: (() => void) | null = null;
  let cancelled = false;
  quitOnceLoaded({
    contents: contents as unknown as LoadingContents,
    quit: (code, why) => void quits.push([code, why]),
    setTimer: (fn) => ((fire = fn), { cancel: () => void (cancelled = true) }),
    timeoutMs: 90_000,
  });
  return { contents, quits, fireTimer: () => fire!(), cancelled: () => cancelled };
}

describe('ATELIER_QUIT_WHEN_LOADED (CI\'s development-path job)', () => {
  it('is on only for "1"', () => {
    expect(quitWhenLoadedRequested({ ATELIER_QUIT_WHEN_LOADED: '1' })).toBe(true);
    expect(quitWhenLoadedRequested({ ATELIER_QUIT_WHEN_LOADED: '0' })).toBe(false);
    expect(quitWhenLoadedRequested({})).toBe(false);
  });

  it('quits with 0 once the window has loaded, once, and stops its timer', () => {
    const w = watch();
    w.contents.emit('did-fail-load', {}, -3, 'ABORTED', 'https://sub.frame/', false);
    expect(w.quits).toEqual([]);
    w.contents.emit('did-finish-load');
    w.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(w.quits).toEqual([[EXIT.loaded, 'the window loaded']]);
    expect(w.cancelled()).toBe(true);
  });

  it('fails with a non-zero code when the page fails to load, its renderer dies, or nothing happens in time', () => {
    const failed = watch();
    failed.contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://atelier/', true);
    expect(failed.quits).toEqual([[EXIT.loadFailed, 'the window failed to load app://atelier/: ERR_FILE_NOT_FOUND (-6)']]);
    const gone = watch();
    gone.contents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(gone.quits[0]![0]).toBe(EXIT.rendererGone);
    const slow = watch();
    slow.fireTimer();
    expect(slow.quits).toEqual([[EXIT.timedOut, 'the window did not load within 90 s']]);
    for (const w of [failed, gone, slow]) expect(w.quits[0]![0]).not.toBe(0);
  });

  it('a failed start exits non-zero: with a dialog for a person, with a line on stderr (no modal) under the switch', () => {
    const seen: string[] = [];
    const deps = (quitWhenLoaded: boolean) => ({
      quitWhenLoaded,
      showErrorBox: (t: string, m: string) => void seen.push(`box:${t}: ${m}`),
      writeError: (l: string) => void seen.push(`stderr:${l}`),
      exit: (c: number) => void seen.push(`exit:${c}`),
    });
    reportStartupFailure(new Error('The library is from a newer Atelier.'), deps(true));
    reportStartupFailure(new Error('disk full'), deps(false));
    expect(seen).toEqual([
      'stderr:Atelier could not start: The library is from a newer Atelier.',
      `exit:${EXIT.servicesFailed}`,
      'box:Atelier could not start: disk full',
      `exit:${EXIT.servicesFailed}`,
    ]);
  });
});
