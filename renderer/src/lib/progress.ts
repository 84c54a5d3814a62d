/**
 * Live progress of streamed jobs (`job.progress`): the thought text so far and small draft
 * previews, per job. Kept only while the job runs; a job's next update that is not `running`
 * drops it, so a finished job never shows stale drafts. Several features show it (queue, studio),
 * so it lives here.
 */
import { create } from 'zustand';
import type { Job, JobProgress } from '../../../shared/ipc/contract';

interface ProgressState {
  byJob: Record<string, JobProgress | undefined>;
  apply(p: JobProgress): void;
  /** A job.updated event: forget progress of jobs that are no longer running. */
  applyJob(job: Job): void;
}

export const useJobProgress = create<ProgressState>()((set) => ({
  byJob: {},
  apply(p) {
    set((s) => {
      const prev = s.byJob[p.jobId];
      // Cumulative payloads: an older attempt's or an earlier event never replaces a newer one.
      if (prev && (prev.attempt > p.attempt || (prev.attempt === p.attempt && prev.at > p.at))) return s;
      return { byJob: { ...s.byJob, [p.jobId]: p } };
    });
  },
  applyJob(job) {
    set((s) => {
      const prev = s.byJob[job.id];
      if (!prev) return s;
      if (job.state === 'running' && job.attempt === prev.attempt) return s;
      const next = { ...s.byJob };
      delete next[job.id];
      return { byJob: next };
    });
  },
}));
