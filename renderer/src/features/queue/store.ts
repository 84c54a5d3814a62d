import { create } from 'zustand';
import type { Job } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

// A job only moves forward. When the jobs.list snapshot and a job.updated event disagree
// (the snapshot can be older than an event that arrived while it was in flight), the
// further-along copy wins.
const PROGRESS: Record<Job['state'], number> = { queued: 0, running: 1, succeeded: 2, failed: 2 };

function newer(a: Job, b: Job): Job {
  if (PROGRESS[b.state] !== PROGRESS[a.state]) return PROGRESS[b.state] > PROGRESS[a.state] ? b : a;
  return b;
}

function merge(current: Job[], incoming: Job[], incomingIsNewest: boolean): Job[] {
  const byId = new Map(current.map((j) => [j.id, j]));
  for (const job of incoming) {
    const have = byId.get(job.id);
    byId.set(job.id, !have ? job : incomingIsNewest ? newer(have, job) : newer(job, have));
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

interface JobsState {
  /** Newest first. */
  jobs: Job[];
  loadError: string | null;

  load(): Promise<void>;
  upsert(job: Job): void;
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: [],
  loadError: null,

  async load() {
    const res = await call('jobs.list');
    if (!res.ok) {
      set({ loadError: errorText(res) });
      return;
    }
    set((s) => ({ jobs: merge(s.jobs, res.data, false), loadError: null }));
  },

  upsert(job) {
    set((s) => ({ jobs: merge(s.jobs, [job], true) }));
  },
}));
