/**
 * The queue as the renderer sees it: the queue's own status and the actions on its jobs. The jobs
 * themselves live in the one job cache (lib/jobCache.ts); main owns the order and the state.
 */
import { create } from 'zustand';
import type { Job, QueueStatus } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { excerptOf } from '../../lib/safeText';
import { isFinished, isWaiting } from '../../lib/jobs';
import { useJobs } from '../../lib/jobCache';

export type JobAction = 'cancel' | 'retry' | 'pause' | 'resume' | 'moveUp';

interface QueueState {
  status: QueueStatus | null;
  /** The job an action is in flight for, so its buttons disable. */
  busy: Record<string, JobAction | undefined>;
  /** The last refused action, shown on its card. */
  actionError: { jobId: string; text: string } | null;
  pausingAll: boolean;
  statusError: string | null;
  /** Finished jobs the user cleared from the panel (they stay in the library and in main's history). */
  cleared: Record<string, true>;

  loadStatus(): Promise<void>;
  applyStatus(status: QueueStatus): void;
  cancel(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  moveUp(id: string): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  clearFinished(): void;
  /** Text-only answers by generation id, fetched once for their cards. */
  answers: Record<string, { text: string } | { error: string } | undefined>;
  loadAnswer(generationId: string): Promise<void>;
  /** Moves every waiting job pinned to `fromModelId` onto its successor; resolves to null or why not. */
  switchModel(fromModelId: string, toModelId: string): Promise<string | null>;
}

export function createQueueStore(jobs = useJobs) {
  return create<QueueState>()((set, get) => {
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
      jobs.getState().put(res.data);
    }

    return {
      cleared: {},
      answers: {},
      status: null,
      busy: {},
      actionError: null,
      pausingAll: false,
      statusError: null,

      async loadAnswer(generationId) {
        if (get().answers[generationId]) return;
        const res = await call('generation.get', { id: generationId });
        const answer = res.ok ? { text: excerptOf(res.data.text) || 'Gemini answered without text.' } : { error: errorText(res) };
        set((s) => ({ answers: { ...s.answers, [generationId]: answer } }));
      },

      async switchModel(fromModelId, toModelId) {
        const res = await call('queue.switchModel', { fromModelId, toModelId });
        return res.ok ? null : errorText(res);
      },

      async loadStatus() {
        const res = await call('queue.status');
        if (!res.ok) {
          set({ statusError: errorText(res) });
          return;
        }
        set({ status: res.data, statusError: null });
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
        const waiting = orderWaiting(jobs.getState().jobs);
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
        jobs.getState().put(res.data);
      },

      clearFinished() {
        set((s) => {
          const cleared = { ...s.cleared };
          for (const job of jobs.getState().jobs) if (isFinished(job)) cleared[job.id] = true;
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
}

export const useQueueStore = createQueueStore();

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
