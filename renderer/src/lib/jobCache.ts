/**
 * The one cache of jobs in the renderer. Every copy of a job — a `job.updated` event, the
 * `jobs.list` snapshot, the reply to an action or to `generate.start` — goes through `put`,
 * which keeps the copy with the highest revision (main raises it on every change). The queue,
 * the studio, batch and chat read it through selectors instead of keeping copies of their own.
 */
import { create } from 'zustand';
import type { Job } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';
import { newer } from './jobs';

export interface JobCacheState {
  /** In arrival order; views sort for display. */
  jobs: Job[];
  loadError: string | null;
  /** The newest `limit` jobs main keeps (its default when omitted). Resolves to the error, in words, or null. */
  load(limit?: number): Promise<string | null>;
  /** Keeps `job` if it is the newest copy. Returns the copy held before, and the one held now. */
  put(job: Job): { before: Job | undefined; kept: Job };
}

function putOne(jobs: Job[], job: Job): Job[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i < 0) return [...jobs, job];
  const kept = newer(jobs[i]!, job);
  if (kept === jobs[i]) return jobs;
  const next = jobs.slice();
  next[i] = kept;
  return next;
}

export function createJobCache() {
  return create<JobCacheState>()((set, get) => ({
    jobs: [],
    loadError: null,
    async load(limit) {
      const res = await call('jobs.list', limit === undefined ? undefined : { limit });
      if (!res.ok) {
        set({ loadError: errorText(res) });
        return errorText(res);
      }
      set((s) => ({ jobs: res.data.reduce(putOne, s.jobs), loadError: null }));
      return null;
    },
    put(job) {
      const before = get().jobs.find((j) => j.id === job.id);
      const jobs = putOne(get().jobs, job);
      if (jobs !== get().jobs) set({ jobs });
      return { before, kept: before ? newer(before, job) : job };
    },
  }));
}

export const useJobs = createJobCache();

/** The cached copy of one job, or undefined. */
export function jobById(jobs: readonly Job[], id: string): Job | undefined {
  return jobs.find((j) => j.id === id);
}
