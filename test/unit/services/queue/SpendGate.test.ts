/** The 10-minute spend limit: the gate alone on numbers, then the queue consulting it on an injected clock. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerateRequest, Job } from '../../../../shared/ipc/contract';
import { EventBus } from '../../../../electron/services/events';
import { openDatabase } from '../../../../electron/services/db/db';
import { JobQueue, type Execution } from '../../../../electron/services/queue/JobQueue';
import type { JobRow } from '../../../../electron/services/queue/JobStore';
import { SPEND_WINDOW_MS, SpendGate } from '../../../../electron/services/queue/SpendGate';
import { FakeClock, settle } from '../../../support/fakeClock';
import { memoryLogger, tempDir } from '../../../support/tmp';

const row = (id: string) => ({ id }) as JobRow;

describe('SpendGate', () => {
  it('lets spend through up to the limit, then waits until the oldest spend leaves the window', () => {
    const gate = new SpendGate(() => 0.1, () => 0.04);
    expect(gate.wait(row('a'), 0)).toBeNull();
    gate.started(row('a'), 0);
    gate.finished(row('a'), 1_000, 0.04);
    gate.started(row('b'), 2_000);
    // a (spent) + b (in flight at its estimate) + c = 0.12 > 0.10: c waits for a to leave the window.
    expect(gate.wait(row('c'), 3_000)).toBe(1_000 + SPEND_WINDOW_MS);
    gate.finished(row('b'), 4_000, undefined); // b failed: nothing billed
    expect(gate.wait(row('c'), 5_000)).toBeNull();
    expect(gate.spentInWindow(1_000 + SPEND_WINDOW_MS)).toBe(0);
  });

  it('waits for requests in flight when nothing spent can leave the window, and never blocks a lone request', () => {
    const gate = new SpendGate(() => 0.05, () => 0.04);
    gate.started(row('a'), 0);
    expect(gate.wait(row('b'), 0)).toBe(Infinity);
    const dear = new SpendGate(() => 0.01, () => 0.04);
    expect(dear.wait(row('x'), 0)).toBeNull();
    expect(new SpendGate(() => null, () => 1).wait(row('y'), 0)).toBeNull();
  });
});

describe('JobQueue with the spend limit', () => {
  const open: JobQueue[] = [];
  afterEach(async () => {
    for (const q of open.splice(0)) await q.dispose();
  });

  it('keeps the estimated spend of any 10 minutes under the limit; the waiting job says why', async () => {
    const clock = new FakeClock();
    const events: Job[] = [];
    const bus = new EventBus();
    bus.onAny((e, p) => e === 'job.updated' && events.push(p as Job));
    const starts: number[] = [];
    const queue = new JobQueue({
      db: openDatabase(path.join(tempDir(), 'q.sqlite')),
      clock,
      events: bus,
      logger: memoryLogger(),
      settings: () => ({ maxInFlight: 5, quotas: { flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null } }, notifyWhenDone: false }),
      executor: (): Promise<Execution> => {
        starts.push(clock.now());
        return Promise.resolve({ images: 1, costUsd: 0.04, commit() {} });
      },
      gate: new SpendGate(() => 0.1, () => 0.04),
    });
    open.push(queue);
    queue.start();
    const request: GenerateRequest = { prompt: 'p', tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 };
    const jobs = [0, 1, 2, 3].map(() => queue.enqueue('generate', request, { modelId: 'gemini-nano-banana-2.1' }));
    await settle();
    expect(starts).toHaveLength(2);
    const waiting = queue.get(jobs[2]!.id);
    expect(waiting).toMatchObject({ state: 'queued', waitReason: 'spend_limit' });
    expect(waiting.nextAttemptAt).toBe(starts[0]! + SPEND_WINDOW_MS);
    await clock.advance(SPEND_WINDOW_MS - 1);
    expect(starts).toHaveLength(2);
    await clock.advance(1);
    expect(starts).toHaveLength(4);
    expect(jobs.map((j) => queue.get(j.id).state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });
});
