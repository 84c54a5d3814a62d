/** The queue alone, on an injected clock: what it starts, when, and what it does with each outcome. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JobSchema, type GenerateRequest, type Job } from '../../../../shared/ipc/contract';
import { AppError } from '../../../../electron/services/errors';
import { EventBus } from '../../../../electron/services/events';
import { openDatabase, tx, type Db } from '../../../../electron/services/db/db';
import { JobQueue, type Execution, type QueueSettings } from '../../../../electron/services/queue/JobQueue';
import type { JobRow } from '../../../../electron/services/queue/JobStore';
import { FakeClock, settle } from '../../../support/fakeClock';
import { memoryLogger, tempDir } from '../../../support/tmp';

const FLASH = 'gemini-3.1-flash-image';
const PRO = 'gemini-3-pro-image';

type Behaviour = (job: JobRow, signal: AbortSignal, sent: () => void, answered: () => void) => Promise<Execution>;

const ok = (images = 1): Promise<Execution> => Promise.resolve({ images, commit() {} });
const never = (signal: AbortSignal): Promise<Execution> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

interface Harness {
  queue: JobQueue;
  clock: FakeClock;
  db: Db;
  starts: Array<{ id: string; at: number; prompt: string }>;
  events: Array<Job>;
  notifications: Array<{ title: string; body: string }>;
  settings: QueueSettings;
  setBehaviour(b: Behaviour): void;
  add(prompt: string, o?: { model?: string; priority?: number }): Job;
  job(id: string): Job;
  onlineListeners: Array<() => void>;
  focused: { value: boolean };
}

const open: JobQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

function request(prompt: string, priority = 0): GenerateRequest {
  return { prompt, tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority };
}

function makeQueue(o: { db?: Db; clock?: FakeClock; settings?: Partial<QueueSettings>; behaviour?: Behaviour } = {}): Harness {
  const db = o.db ?? openDatabase(path.join(tempDir(), 'q.sqlite'));
  const clock = o.clock ?? new FakeClock();
  const bus = new EventBus();
  const events: Job[] = [];
  bus.onAny((e, p) => e === 'job.updated' && events.push(p as Job));
  const settings: QueueSettings = {
    maxInFlight: 5,
    quotas: {
      flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
      pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null },
    },
    notifyWhenDone: true,
    ...o.settings,
  };
  let behaviour: Behaviour = o.behaviour ?? (() => ok());
  const starts: Harness['starts'] = [];
  const notifications: Harness['notifications'] = [];
  const onlineListeners: Array<() => void> = [];
  const focused = { value: true };
  const queue = new JobQueue({
    db,
    clock,
    events: bus,
    logger: memoryLogger(),
    settings: () => settings,
    executor: (job, signal, sent, answered) => {
      starts.push({ id: job.id, at: clock.now(), prompt: (JSON.parse(job.request_json) as GenerateRequest).prompt });
      return behaviour(job, signal, sent, answered);
    },
    backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 3 },
    random: () => 0.5,
    connectivity: { onOnline: (l) => (onlineListeners.push(l), () => {}) },
    notifier: { notify: (n) => void notifications.push(n) },
    isWindowFocused: () => focused.value,
  });
  open.push(queue);
  queue.start();
  return {
    queue, clock, db, starts, events, notifications, settings, onlineListeners, focused,
    setBehaviour: (b) => void (behaviour = b),
    add: (prompt, a = {}) => queue.enqueue('generate', request(prompt, a.priority ?? 0), { modelId: a.model ?? FLASH }),
    job: (id) => queue.get(id),
  };
}

describe('JobQueue: quota', () => {
  it('starts no more requests per minute than the model allows, and uses the window fully', async () => {
    const h = makeQueue({ settings: { quotas: { flash: { requestsPerMinute: 3, imagesPerMinute: null, requestsPerDay: null }, pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null } } } });
    for (let i = 0; i < 7; i++) h.add(`p${i}`);
    await settle();
    expect(h.starts).toHaveLength(3);
    const waiting = h.queue.list().filter((j) => j.state === 'queued').sort((a, b) => a.createdAt - b.createdAt);
    expect(waiting.every((j) => j.waitReason === 'rate_limit')).toBe(true);
    // The next job in line shows when it will start; the rest say what they wait for.
    expect(waiting[0]!.nextAttemptAt).toBe(h.starts[0]!.at + 60_000 + 600);
    await h.clock.advance(60_500); // the window plus a 1 % margin for the server's clock
    expect(h.starts).toHaveLength(3);
    await h.clock.advance(200);
    expect(h.starts).toHaveLength(6);
    await h.clock.advance(60_700);
    expect(h.starts).toHaveLength(7);
    // Within any 60 s window there were never more than 3 starts.
    for (const s of h.starts) expect(h.starts.filter((x) => x.at > s.at - 60_000 && x.at <= s.at).length).toBeLessThanOrEqual(3);
  });

  it('keeps each model to its own limit: a waiting Pro job does not hold up Flash', async () => {
    const h = makeQueue({ settings: { quotas: { flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null }, pro: { requestsPerMinute: 1, imagesPerMinute: null, requestsPerDay: null } } } });
    h.add('pro 1', { model: PRO });
    h.add('pro 2', { model: PRO });
    h.add('flash 1');
    await settle();
    expect(h.starts.map((s) => s.prompt)).toEqual(['pro 1', 'flash 1']);
  });

  it('never has more than maxInFlight requests at once', async () => {
    const h = makeQueue({ behaviour: (_j, s) => never(s) });
    for (let i = 0; i < 8; i++) h.add(`p${i}`);
    await settle();
    expect(h.starts).toHaveLength(5);
    expect(h.queue.status()).toMatchObject({ inFlight: 5, maxInFlight: 5, waiting: 3 });
    expect(h.queue.list().filter((j) => j.waitReason === 'capacity')).toHaveLength(3);
  });

  it('frees a request slot once the answer has arrived: storing it does not hold the next request back', async () => {
    // Answers arrive at once; storing them waits until the test lets it finish.
    const stored: Array<() => void> = [];
    const h = makeQueue({
      settings: { maxInFlight: 2 },
      behaviour: (_j, _s, sent, answered) => {
        sent();
        answered();
        return new Promise((resolve) => stored.push(() => resolve({ images: 1, commit() {} })));
      },
    });
    const jobs = Array.from({ length: 6 }, (_, i) => h.add(`p${i}`));
    await settle();
    // Two answered and storing are let off (as many as maxInFlight), so two more requests left.
    expect(h.starts).toHaveLength(4);
    expect(h.queue.status()).toMatchObject({ inFlight: 2, maxInFlight: 2, waiting: 2 });
    expect(jobs.map((j) => h.job(j.id).state)).toEqual(['running', 'running', 'running', 'running', 'queued', 'queued']);
    // The first one stored: its job ends and one more request goes.
    stored.shift()!();
    await settle();
    expect(h.job(jobs[0]!.id).state).toBe('succeeded');
    expect(h.starts).toHaveLength(5);
    while (stored.length) {
      stored.shift()!();
      await settle();
    }
    await h.queue.whenIdle();
    expect(jobs.every((j) => h.job(j.id).state === 'succeeded')).toBe(true);
  });

  it('counts images per minute when an images quota is set', async () => {
    const h = makeQueue({
      behaviour: () => ok(2),
      settings: { quotas: { flash: { requestsPerMinute: 60, imagesPerMinute: 4, requestsPerDay: null }, pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null } } },
    });
    h.add('a');
    await settle();
    h.add('b');
    await settle();
    h.add('c');
    await settle();
    expect(h.starts.map((s) => s.prompt)).toEqual(['a', 'b']);
    await h.clock.advance(60_700);
    expect(h.starts.map((s) => s.prompt)).toEqual(['a', 'b', 'c']);
  });

  it('stops at the daily limit until midnight Pacific', async () => {
    const h = makeQueue({ settings: { quotas: { flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: 2 }, pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null } } } });
    for (const p of ['a', 'b', 'c']) h.add(p);
    await settle();
    expect(h.starts).toHaveLength(2);
    const c = h.queue.list().find((j) => j.request.prompt === 'c')!;
    expect(c.waitReason).toBe('daily_limit');
    const midnightPacific = Date.UTC(2026, 10, 25, 8, 0, 0); // 00:00 PST
    expect(Math.abs(c.nextAttemptAt! - midnightPacific)).toBeLessThan(2_000);
    await h.clock.advance(c.nextAttemptAt! - h.clock.now() + 10);
    expect(h.starts).toHaveLength(3);
  });
});

describe('JobStore.toJob', () => {
  it('carries the prompt, tier and ratio once, in the request main runs', () => {
    const h = makeQueue();
    const job = h.add('a kite over the dunes');
    const listed = h.queue.list().find((j) => j.id === job.id)!;
    for (const copy of [job, listed]) {
      expect(copy.request).toMatchObject({ prompt: 'a kite over the dunes', tier: 'flash', aspectRatio: '1:1' });
      expect(copy).not.toHaveProperty('prompt');
      expect(copy).not.toHaveProperty('tier');
      expect(copy).not.toHaveProperty('aspectRatio');
      // What main sends is what the contract accepts, so the renderer reads the request's own fields.
      expect(JobSchema.strict().parse(copy)).toEqual(copy);
    }
  });
});

describe('JobQueue: outcomes', () => {
  it('on 429 waits at least the server’s retry delay, holds the model, and lowers its rate', async () => {
    let calls = 0;
    const h = makeQueue({
      behaviour: () => (++calls === 1 ? Promise.reject(new AppError('quota', 'rate limit', { retryAfterMs: 47_000 })) : ok()),
    });
    const a = h.add('a');
    await settle();
    const waiting = h.job(a.id);
    expect(waiting).toMatchObject({ state: 'queued', waitReason: 'quota_retry', nextAttemptAt: h.clock.now() + 47_000 });
    expect(waiting.error?.code).toBe('quota');
    h.add('b'); // same model: blocked by the same RetryInfo
    await h.clock.advance(46_900);
    expect(h.starts).toHaveLength(1);
    await h.clock.advance(200);
    expect(h.starts.map((s) => s.prompt)).toEqual(['a', 'a', 'b']);
    expect(h.starts[1]!.at - h.starts[0]!.at).toBeGreaterThanOrEqual(47_000);
    expect(h.job(a.id)).toMatchObject({ state: 'succeeded', error: null });
    expect(h.queue.status().models[0]!.effectiveRpm).toBeLessThan(60);
  });

  it('a permanent quota failure (limit 0) fails at once', async () => {
    const h = makeQueue({ behaviour: () => Promise.reject(new AppError('quota', 'no quota', { permanent: true })) });
    const a = h.add('a');
    await settle();
    expect(h.job(a.id)).toMatchObject({ state: 'failed', attempt: 1, error: { code: 'quota' } });
  });

  it('retries server errors with growing backoff, then fails with the last reason', async () => {
    const h = makeQueue({ behaviour: () => Promise.reject(new AppError('server', 'overloaded (503)')) });
    const a = h.add('a');
    await settle();
    expect(h.job(a.id)).toMatchObject({ state: 'queued', waitReason: 'backoff', attempt: 1 });
    await h.clock.advance(10_000);
    await h.clock.advance(10_000);
    expect(h.starts).toHaveLength(3);
    const gaps = h.starts.slice(1).map((s, i) => s.at - h.starts[i]!.at);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(h.job(a.id)).toMatchObject({ state: 'failed', attempt: 3, error: { code: 'server', message: 'overloaded (503)' } });
  });

  it('fails at once on errors that retrying cannot fix', async () => {
    for (const code of ['bad_request', 'invalid_key', 'model_not_found', 'image_blocked', 'unsupported'] as const) {
      const h = makeQueue({ behaviour: () => Promise.reject(new AppError(code, `${code} happened`)) });
      const a = h.add('a');
      await settle();
      expect(h.job(a.id)).toMatchObject({ state: 'failed', attempt: 1, error: { code } });
    }
  });

  it('waits out an offline period without failing or spending attempts, then resumes on its own', async () => {
    let online = false;
    const h = makeQueue({ behaviour: () => (online ? ok() : Promise.reject(new AppError('network', "Can't reach Gemini"))) });
    const jobs = ['a', 'b', 'c'].map((p) => h.add(p));
    await settle();
    expect(h.queue.status().offline).toBe(true);
    for (const j of jobs) expect(h.job(j.id)).toMatchObject({ state: 'queued', waitReason: 'offline' });
    await h.clock.advance(10 * 60_000); // probes keep failing, one at a time
    expect(h.queue.list().every((j) => j.state === 'queued' && j.attempt === 0)).toBe(true);
    const probes = h.starts.length;
    expect(probes).toBeLessThan(30);
    online = true;
    h.onlineListeners.forEach((l) => l()); // the OS says the network is back
    await settle();
    await h.clock.advance(100);
    expect(h.queue.list().map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(h.queue.status().offline).toBe(false);
  });

  it('cancels a running job by aborting its request, and keeps nothing it returns', async () => {
    let seen: AbortSignal | null = null;
    let committed = false;
    let release!: () => void;
    const h = makeQueue({
      behaviour: (_j, signal) => {
        seen = signal;
        return new Promise((resolve) => (release = () => resolve({ images: 1, commit: () => void (committed = true) })));
      },
    });
    const a = h.add('a');
    await settle();
    expect(h.job(a.id).state).toBe('running');
    h.queue.cancel(a.id);
    expect(seen!.aborted).toBe(true);
    release();
    await settle();
    expect(committed).toBe(false);
    expect(h.job(a.id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
  });

  it('retries a failed job as a fresh attempt', async () => {
    let fail = true;
    const h = makeQueue({ behaviour: () => (fail ? Promise.reject(new AppError('bad_request', 'nope')) : ok()) });
    const a = h.add('a');
    await settle();
    expect(h.job(a.id).state).toBe('failed');
    fail = false;
    h.queue.retry(a.id);
    await settle();
    expect(h.job(a.id)).toMatchObject({ state: 'succeeded', attempt: 1, error: null });
  });

  it('notifies only when a job finishes while the window is in the background', async () => {
    const h = makeQueue();
    h.add('in front');
    await settle();
    expect(h.notifications).toHaveLength(0);
    h.focused.value = false;
    h.add('behind the window');
    await settle();
    expect(h.notifications).toEqual([{ title: 'Image ready', body: 'behind the window' }]);
    h.settings.notifyWhenDone = false;
    h.add('muted');
    await settle();
    expect(h.notifications).toHaveLength(1);
  });
});

describe('JobQueue: control', () => {
  it('runs higher priority first, then in order; reorder and pause change what runs next', async () => {
    const h = makeQueue({ settings: { maxInFlight: 1 }, behaviour: (_j, s) => never(s) });
    const blocker = h.add('blocker');
    await settle();
    const a = h.add('a');
    const b = h.add('b');
    const c = h.add('c');
    h.add('urgent', { priority: 5 });
    h.queue.reorder(c.id, a.id, undefined); // c before a
    h.queue.pauseJob(b.id);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.queue.cancel(h.starts.at(-1)!.id);
      await settle();
      order.push(h.starts.at(-1)!.prompt);
    }
    expect(order).toEqual(['urgent', 'c', 'a']);
    expect(h.job(b.id).state).toBe('paused');
    h.queue.resumeJob(b.id);
    h.queue.cancel(h.starts.at(-1)!.id);
    await settle();
    expect(h.starts.at(-1)!.prompt).toBe('b');
    expect(h.job(blocker.id).state).toBe('cancelled');
  });

  it('pausing the queue lets running jobs finish but starts nothing new', async () => {
    const h = makeQueue();
    h.queue.pauseAll();
    const a = h.add('a');
    await settle();
    expect(h.job(a.id)).toMatchObject({ state: 'queued', waitReason: 'queue_paused' });
    expect(h.queue.status().paused).toBe(true);
    h.queue.resumeAll();
    await settle();
    expect(h.job(a.id).state).toBe('succeeded');
  });

  it('survives a restart: a job in flight with no stored result is re-sent and marked', async () => {
    const db = openDatabase(path.join(tempDir(), 'restart.sqlite'));
    // The request leaves (the fetch hook reports it), then Atelier stops before the answer.
    const first = makeQueue({ db, settings: { maxInFlight: 1 }, behaviour: (_j, s, sent) => (sent(), never(s)) });
    const a = first.add('interrupted');
    const b = first.add('waiting');
    first.queue.pauseJob(b.id);
    await settle();
    await first.queue.dispose();
    open.splice(open.indexOf(first.queue), 1);
    expect(first.job(a.id).state).toBe('running');

    const second = makeQueue({ db });
    await settle();
    expect(second.job(a.id)).toMatchObject({ state: 'succeeded', resent: true });
    expect(second.job(b.id).state).toBe('paused');
  });

  it('after a crash, marks "may be billed twice" only the jobs whose request had left', async () => {
    const db = openDatabase(path.join(tempDir(), 'crash.sqlite'));
    const sends = new Map<string, () => void>();
    const first = makeQueue({ db, settings: { maxInFlight: 2 }, behaviour: (j, s, sent) => (sends.set(j.id, sent), never(s)) });
    const left = first.add('request left');
    const building = first.add('still reading its references');
    await settle();
    sends.get(left.id)!();
    expect(first.db.prepare('SELECT sent_at FROM jobs WHERE id = ?').pluck().get(left.id)).toBe(first.clock.now());
    await first.queue.dispose(); // rows stay 'running', as after kill -9
    open.splice(open.indexOf(first.queue), 1);

    const second = makeQueue({ db });
    await settle();
    expect(second.job(left.id)).toMatchObject({ state: 'succeeded', resent: true });
    expect(second.job(building.id)).toMatchObject({ state: 'succeeded', resent: false });
  });
});

describe('JobQueue: a long line', () => {
  it('a pass over 3,000 waiting jobs reads none of them from the database', async () => {
    const file = path.join(tempDir(), 'long.sqlite');
    openDatabase(file).close();
    const statements: string[] = [];
    const db = new Database(file, { verbose: (sql) => void statements.push(String(sql)) });
    const h = makeQueue({ db, behaviour: (_j, s) => never(s) });
    tx(db, () => {
      for (let i = 0; i < 3000; i++) h.add(`p${i}`, { model: i % 3 ? FLASH : PRO });
    });
    await settle();
    expect(h.starts).toHaveLength(5);
    statements.length = 0;
    h.queue.pump();
    expect(h.queue.status()).toMatchObject({ inFlight: 5, waiting: 2995 });
    expect(statements).toEqual([]);
  });

  it('starts the best job across models as running ones finish, with thousands waiting', async () => {
    const releases: Array<() => void> = [];
    const h = makeQueue({ settings: { maxInFlight: 2 }, behaviour: (_j, signal) =>
        new Promise((resolve, reject) => {
          releases.push(() => resolve({ images: 1, commit() {} }));
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    for (let i = 0; i < 2000; i++) h.add(`low ${i}`, { model: i % 2 ? FLASH : PRO });
    await settle();
    const urgent = h.add('urgent', { model: PRO, priority: 3 });
    const next = h.add('next', { model: FLASH, priority: 1 });
    expect(next.waitReason).toBe('capacity');
    releases.shift()!();
    releases.shift()!();
    await settle();
    expect(h.starts.slice(2).map((s) => s.prompt)).toEqual(['urgent', 'next']);
    expect(h.job(urgent.id).state).toBe('running');
    // The head of the line says what it waits for; a job far back keeps the reason it came with.
    const waiting = h.queue.list(500).filter((j) => j.state === 'queued');
    expect(waiting.every((j) => j.waitReason === 'capacity')).toBe(true);
  });
});

describe('JobQueue: revisions', () => {
  it('every change to a job raises its revision, even when the job goes backwards', async () => {
    let calls = 0;
    const h = makeQueue({ behaviour: () => (++calls === 1 ? Promise.reject(new AppError('quota', 'rate limit', { retryAfterMs: 5_000 })) : ok()) });
    const a = h.add('a');
    await settle();
    await h.clock.advance(6_000);
    const copies = h.events.filter((e) => e.id === a.id);
    expect(copies.map((c) => c.state)).toEqual(['queued', 'running', 'queued', 'running', 'succeeded']);
    // The 429 sent it back to attempt 0: neither attempt nor state orders these copies; revision does.
    expect(copies[2]!.attempt).toBeLessThan(copies[1]!.attempt);
    for (let i = 1; i < copies.length; i++) expect(copies[i]!.revision).toBeGreaterThan(copies[i - 1]!.revision);
    expect(h.job(a.id).revision).toBe(copies.at(-1)!.revision);
  });

  it('a set of variations is written in one transaction: a failure part-way leaves no job', () => {
    const h = makeQueue();
    h.db.exec(`CREATE TEMP TRIGGER third_fails BEFORE INSERT ON jobs
      WHEN (SELECT count(*) FROM jobs WHERE set_id = NEW.set_id) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => h.queue.enqueueSet('generate', request('three of these'), 3, { modelId: FLASH })).toThrow(/disk full/);
    expect(h.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    expect(h.queue.status().waiting).toBe(0);
  });
});

describe('JobQueue: the typed hook for main’s own services (issue 17 §6)', () => {
  it('onJobUpdated hears every update the window hears, as a Job, until unsubscribed', async () => {
    const h = makeQueue();
    const heard: Job[] = [];
    const stop = h.queue.onJobUpdated((job) => heard.push(job));
    const a = h.add('a fox');
    await h.queue.whenIdle();
    expect(heard.map((j) => [j.id, j.state])).toEqual(h.events.map((j) => [j.id, j.state]));
    expect(heard.filter((j) => j.id === a.id).map((j) => j.state)).toEqual(['queued', 'running', 'succeeded']);
    stop();
    h.add('a hare');
    await h.queue.whenIdle();
    expect(heard).toHaveLength(3);
  });
});
