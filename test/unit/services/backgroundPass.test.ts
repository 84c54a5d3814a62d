/** The runner both background passes stand on (fingerprints, content credentials). */
import { describe, expect, it } from 'vitest';
import { BackgroundPass } from '../../../electron/services/backgroundPass';
import { FakeClock, settle } from '../../support/fakeClock';

/** A pass over a list that shrinks as items are done, like a table of rows still missing something. */
function listPass(items: number[], o: { busyFor?: () => number; clock?: FakeClock } = {}) {
  const done: number[] = [];
  const errors: unknown[] = [];
  let reports = 0;
  const pass = new BackgroundPass<number>({
    chunks: () => () => {
      const next = items.filter((i) => !done.includes(i)).slice(0, 2);
      return next.length ? next : null;
    },
    one: async (i) => {
      done.push(i);
    },
    report: () => void reports++,
    onError: (err) => void errors.push(err),
    concurrency: 1,
    ...o,
  });
  return { pass, done, errors, reports: () => reports };
}

describe('BackgroundPass', () => {
  it('does every item in chunks, and tells the progress when it ends', async () => {
    const p = listPass([1, 2, 3, 4, 5]);
    p.pass.resume();
    expect(p.pass.state).toBe('running');
    await p.pass.whenIdle();
    expect(p.done).toEqual([1, 2, 3, 4, 5]);
    expect(p.pass.state).toBe('idle');
    expect(p.reports()).toBeGreaterThanOrEqual(1);
  });

  it('waits while the queue is busy, starts when it is quiet, and a pause ends the wait at once', async () => {
    const clock = new FakeClock();
    let busy = 1000;
    const p = listPass([1, 2, 3], { clock, busyFor: () => busy });
    p.pass.resume();
    await settle();
    expect(clock.pending).toBe(1);
    await clock.advance(999);
    expect(p.done).toEqual([]);
    busy = 0;
    await clock.advance(1);
    await p.pass.whenIdle();
    expect(p.done).toEqual([1, 2, 3]);

    const q = listPass([7, 8], { clock, busyFor: () => 60_000 });
    q.pass.resume();
    await settle();
    q.pass.pause();
    await q.pass.whenIdle();
    expect(q.pass.state).toBe('paused');
    expect(q.done).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('a run that fails outside an item is reported and ends; the next wake starts again', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const pass = new BackgroundPass<number>({
      chunks: () => () => {
        if (fail) throw new Error('database is locked');
        return null;
      },
      one: async () => {},
      report: () => {},
      onError: (err) => void errors.push(err),
    });
    pass.resume();
    await pass.whenIdle();
    expect(errors).toHaveLength(1);
    expect(pass.state).toBe('idle');
    fail = false;
    pass.resume(false);
    await pass.whenIdle();
    expect(errors).toHaveLength(1);
  });
});
