/** The queue's offline probing on its own: when a probe may leave, and what ends an offline spell. */
import { describe, expect, it } from 'vitest';
import { OFFLINE_PROBE, OfflineWatch } from '../../../../electron/services/queue/OfflineWatch';
import { memoryLogger } from '../../../support/tmp';

describe('OfflineWatch', () => {
  it('starts online; a network failure makes it offline with a first probe after the first interval', () => {
    const w = new OfflineWatch(memoryLogger());
    expect(w.isOffline).toBe(false);
    expect(w.waitingForProbe(0, 0)).toBe(false);
    w.failed(1000);
    expect(w.isOffline).toBe(true);
    expect(w.probeAt).toBe(1000 + OFFLINE_PROBE.firstMs);
    expect(w.waitingForProbe(1000, 0)).toBe(true);
    expect(w.waitingForProbe(w.probeAt, 0)).toBe(false);
    // One probe at a time: while one is in flight the others wait, even when due.
    expect(w.waitingForProbe(w.probeAt, 1)).toBe(true);
  });

  it('doubles the interval on each failed probe, up to its cap', () => {
    const w = new OfflineWatch(memoryLogger());
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      w.failed(0);
      gaps.push(w.probeAt);
    }
    expect(gaps).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('an answer ends the spell once and says so; a later failure starts from the first interval again', () => {
    const logger = memoryLogger();
    const w = new OfflineWatch(logger);
    expect(w.reached()).toBe(false);
    w.failed(0);
    w.failed(0);
    expect(w.reached()).toBe(true);
    expect(w.reached()).toBe(false);
    expect(w.isOffline).toBe(false);
    w.failed(100);
    expect(w.probeAt).toBe(100 + OFFLINE_PROBE.firstMs);
    expect(logger.lines.filter((l) => l.includes('unreachable'))).toHaveLength(2);
  });

  it('the system coming online moves the next probe to now, and does nothing while online', () => {
    const w = new OfflineWatch(memoryLogger());
    expect(w.wake(50)).toBe(false);
    w.failed(0);
    expect(w.wake(500)).toBe(true);
    expect(w.probeAt).toBe(500);
    expect(w.waitingForProbe(500, 0)).toBe(false);
  });
});
