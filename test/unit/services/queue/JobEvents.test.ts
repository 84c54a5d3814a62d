/** The queue's events without repeats: what is sent again, what is not, and what is forgotten. */
import { describe, expect, it } from 'vitest';
import type { Job, QueueStatus } from '../../../../shared/ipc/contract';
import { EventBus } from '../../../../electron/services/events';
import { JobEvents } from '../../../../electron/services/queue/JobEvents';
import type { JobRow } from '../../../../electron/services/queue/JobStore';

function row(o: Partial<JobRow> = {}): JobRow {
  return { id: 'j1', state: 'queued', wait_reason: 'capacity', next_attempt_at: null, attempt: 0, priority: 0, seq: 1, error_code: null, ...o } as JobRow;
}

function harness() {
  const bus = new EventBus();
  const jobs: Job[] = [];
  const statuses: QueueStatus[] = [];
  bus.onAny((e, p) => {
    if (e === 'job.updated') jobs.push(p as Job);
    if (e === 'queue.status') statuses.push(p as QueueStatus);
  });
  const events = new JobEvents(bus, (r) => ({ id: r.id, state: r.state, waitReason: r.wait_reason }) as unknown as Job);
  return { events, jobs, statuses };
}

describe('JobEvents', () => {
  it('sends a job once per change the window can see', () => {
    const h = harness();
    expect(h.events.job(row())).toMatchObject({ id: 'j1' });
    expect(h.events.job(row())).toBeNull();
    expect(h.events.job(row({ wait_reason: 'rate_limit', next_attempt_at: 5 }))).not.toBeNull();
    expect(h.events.job(row({ wait_reason: 'rate_limit', next_attempt_at: 5 }))).toBeNull();
    expect(h.jobs.map((j) => j.waitReason)).toEqual(['capacity', 'rate_limit']);
  });

  it('forgets an ended job, so a retried one that ends the same way is sent again', () => {
    const h = harness();
    h.events.job(row({ state: 'failed', error_code: 'server' }));
    h.events.job(row({ state: 'failed', error_code: 'server' }));
    expect(h.jobs).toHaveLength(2);
  });

  it('sends the status only when more than the last minute’s counters moved', () => {
    const h = harness();
    const s: QueueStatus = { paused: false, hold: null, offline: false, inFlight: 0, maxInFlight: 2, waiting: 1, models: [{ modelId: 'm', configuredRpm: 10, effectiveRpm: 10, usedInLastMinute: 0, blockedUntil: null }] };
    h.events.status(s);
    h.events.status({ ...s, models: [{ ...s.models[0]!, usedInLastMinute: 3 }] });
    expect(h.statuses).toHaveLength(1);
    h.events.status({ ...s, paused: true, hold: { reason: 'prepaid_depleted', message: 'm', since: 1 } });
    expect(h.statuses.at(-1)?.hold?.reason).toBe('prepaid_depleted');
    expect(h.statuses).toHaveLength(2);
  });
});
