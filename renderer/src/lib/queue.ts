/**
 * The queue as the renderer sees it: every job main reports, the queue's own status, and the
 * actions on them. Main owns the order and the state; this is a cache that events keep current.
 */
import { create } from 'zustand';
import type { Job, QueueStatus } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';
import { isFinished, isWaiting, newer } from './jobs';

export type JobAction = 'cancel' | 'retry' | 'pause' | 'resume' | 'moveUp';

interface QueueState {
  /** By id; `ordered()` gives the display order. */
  jobs: Job[];
  loadError: string | null;
  status: QueueStatus | null;
  /** The job an action is in flight for, so its buttons disable. */
  busy: Record<string, JobAction | undefined>;
  /** The last refused action, shown on its card. */
  actionError: { jobId: string; text: string } | null;
  pausingAll: boolean;
  statusError: string | null;
  /** Finished jobs the user cleared from the panel (they stay in the library and in main's history). */
  cleared: Record<string, true>;

  load(): Promise<void>;
  loadStatus(): Promise<void>;
  /** A job.updated event. */
  upsert(job: Job): void;
  /** A job main returned from a call (generate.start, an action); kept only if it is the newest copy. */
  adopt(job: Job): void;
  applyStatus(status: QueueStatus): void;
  cancel(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  moveUp(id: string): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  clearFinished(): void;
}

/**
 * Main raises a job's revision on every change, so whichever copy arrives — an event, a
 * snapshot, an action's reply — the cache keeps the one with the highest revision.
 */
function put(jobs: Job[], job: Job): Job[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i < 0) return [...jobs, job];
  const kept = newer(jobs[i]!, job);
  if (kept === jobs[i]) return jobs;
  const next = jobs.slice();
  next[i] = kept;
  return next;
}

export const useQueueStore = create<QueueState>()((set, get) => {
  async function act(id: string, action: Exclude<JobAction, 'moveUp'>): Promise<void> {
    if (get().busy[id]) return;
    set((s) => ({ busy: { ...s.busy, [id]: action }, actionError: null }));
    const route = ({ cancel: 'jobs.cancel', retry: 'jobs.retry', pause: 'jobs.pause', resume: 'jobs.resume' } as const)[action];
    const res = await call(route, { id });
    set((s) => ({ busy: { ...s.busy, [id]: undefined } }));
    if (!res.ok) {
      set({ actionError: { jobId: id, text: errorText(res) } });
      return;
    }
    get().adopt(res.data);
  }

  return {
    jobs: [],
    loadError: null,
    cleared: {},
    status: null,
    busy: {},
    actionError: null,
    pausingAll: false,
    statusError: null,

    async load() {
      const res = await call('jobs.list');
      if (!res.ok) {
        set({ loadError: errorText(res) });
        return;
      }
      set((s) => ({ jobs: res.data.reduce(put, s.jobs), loadError: null }));
    },

    async loadStatus() {
      const res = await call('queue.status');
      if (!res.ok) {
        set({ statusError: errorText(res) });
        return;
      }
      set({ status: res.data, statusError: null });
    },

    upsert(job) {
      set((s) => ({ jobs: put(s.jobs, job) }));
    },

    adopt(job) {
      set((s) => ({ jobs: put(s.jobs, job) }));
    },

    applyStatus(status) {
      set({ status, statusError: null });
    },

    cancel: (id) => act(id, 'cancel'),
    retry: (id) => act(id, 'retry'),
    pause: (id) => act(id, 'pause'),
    resume: (id) => act(id, 'resume'),

    async moveUp(id) {
      const s = get();
      if (s.busy[id]) return;
      const waiting = orderWaiting(s.jobs);
      const index = waiting.findIndex((j) => j.id === id);
      const above = waiting[index - 1];
      if (index < 1 || !above) return;
      const job = waiting[index]!;
      set((st) => ({ busy: { ...st.busy, [id]: 'moveUp' }, actionError: null }));
      // Moving before a job of a higher priority only works by taking on its priority.
      const res = await call('jobs.reorder', {
        id,
        beforeId: above.id,
        ...(above.priority !== job.priority ? { priority: above.priority } : {}),
      });
      set((st) => ({ busy: { ...st.busy, [id]: undefined } }));
      if (!res.ok) {
        set({ actionError: { jobId: id, text: errorText(res) } });
        return;
      }
      get().adopt(res.data);
    },

    clearFinished() {
      set((s) => {
        const cleared = { ...s.cleared };
        for (const job of s.jobs) if (isFinished(job)) cleared[job.id] = true;
        return { cleared };
      });
    },

    async pauseAll() {
      set({ pausingAll: true, statusError: null });
      const res = await call('queue.pause');
      set(res.ok ? { pausingAll: false, status: res.data } : { pausingAll: false, statusError: errorText(res) });
    },

    async resumeAll() {
      set({ pausingAll: true, statusError: null });
      const res = await call('queue.resume');
      set(res.ok ? { pausingAll: false, status: res.data } : { pausingAll: false, statusError: errorText(res) });
    },
  };
});

/** Waiting jobs in the order main will start them: higher priority first, then queue position. */
export function orderWaiting(jobs: readonly Job[]): Job[] {
  return jobs.filter(isWaiting).sort((a, b) => b.priority - a.priority || a.position - b.position);
}

/** Running first (oldest start first), then the waiting line, then history newest first (minus what was cleared). */
export function orderForDisplay(jobs: readonly Job[], cleared: Readonly<Record<string, true>> = {}): { running: Job[]; waiting: Job[]; finished: Job[] } {
  return {
    running: jobs.filter((j) => j.state === 'running').sort((a, b) => (a.startedAt ?? a.createdAt) - (b.startedAt ?? b.createdAt)),
    waiting: orderWaiting(jobs),
    finished: jobs.filter((j) => isFinished(j) && !cleared[j.id]).sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt)),
  };
}

/** The drawer header's counts. Failed counts only what is still shown (not cleared). */
export function queueCounts(jobs: readonly Job[], cleared: Readonly<Record<string, true>> = {}): { running: number; waiting: number; failed: number } {
  let running = 0;
  let waiting = 0;
  let failed = 0;
  for (const j of jobs) {
    if (j.state === 'running') running++;
    else if (isWaiting(j)) waiting++;
    else if (j.state === 'failed' && !cleared[j.id]) failed++;
  }
  return { running, waiting, failed };
}
