/** Which reason a waiting job shows, and which jobs carry the countdown. */
import { describe, expect, it } from 'vitest';
import { assignWaits, DETAILED_WAITING, lineWait, type LineFacts } from '../../../../electron/services/queue/waitReasons';
import type { Waiting } from '../../../../electron/services/queue/WaitingLine';

const facts = (o: Partial<LineFacts> = {}): LineFacts => ({ paused: false, probeAt: null, room: true, slot: () => ({ at: 0, reason: null }), spendWaitUntil: null, ...o });

function entries(n: number, o: Partial<Waiting> = {}): Waiting[] {
  return Array.from({ length: n }, (_, i) => ({ id: `j${i}`, modelId: 'm', priority: 0, seq: i, ord: i, notBefore: null, wait: null, until: null, ...o }));
}

describe('lineWait', () => {
  it('puts a pause before being offline, offline before the in-flight cap, the cap before the quota, the quota before the spend limit', () => {
    let asked = 0;
    const slot = () => (asked++, { at: 900, reason: 'rate_limit' as const });
    expect(lineWait(facts({ paused: true, probeAt: 5, room: false, slot }))).toEqual({ wait: 'queue_paused', until: null });
    expect(lineWait(facts({ probeAt: 5, room: false, slot }))).toEqual({ wait: 'offline', until: 5 });
    expect(lineWait(facts({ room: false, slot }))).toEqual({ wait: 'capacity', until: null });
    // The quota is asked only when nothing before it explains the wait (asking makes the model's limiter).
    expect(asked).toBe(0);
    expect(lineWait(facts({ slot, spendWaitUntil: 50 }))).toEqual({ wait: 'rate_limit', until: 900 });
    expect(asked).toBe(1);
    expect(lineWait(facts({ spendWaitUntil: 50 }))).toEqual({ wait: 'spend_limit', until: 50 });
    expect(lineWait(facts({ spendWaitUntil: Infinity }))).toEqual({ wait: 'spend_limit', until: null });
    expect(lineWait(facts())).toEqual({ wait: 'capacity', until: null });
  });
});

describe('assignWaits', () => {
  it('gives the countdown to the first job only, except for a daily limit or an offline spell', () => {
    const line = entries(3);
    assignWaits(line, { wait: 'rate_limit', until: 100 }, () => {});
    expect(line.map((e) => e.until)).toEqual([100, null, null]);
    assignWaits(line, { wait: 'daily_limit', until: 200 }, () => {});
    expect(line.map((e) => e.until)).toEqual([200, 200, 200]);
  });

  it('reports only what changed, leaves a job with its own wait alone, and stops after the detailed stretch', () => {
    const line = entries(DETAILED_WAITING + 5);
    line[1]!.notBefore = 42;
    const changed: string[] = [];
    assignWaits(line, { wait: 'capacity', until: null }, (e) => changed.push(e.id));
    expect(changed).toHaveLength(DETAILED_WAITING - 1);
    expect(changed).not.toContain('j1');
    expect(line.at(-1)!.wait).toBeNull();
    changed.length = 0;
    assignWaits(line, { wait: 'capacity', until: null }, (e) => changed.push(e.id));
    expect(changed).toEqual([]);
  });
});
