/**
 * Live progress of running jobs: Gemini's thought text and draft images, from main's
 * `job.progress` event. This file is the one adapter for that payload; if its shape changes,
 * only `parseProgress` changes.
 */
import { create } from 'zustand';
import type { Job } from '../../../shared/ipc/contract';

export interface Draft {
  dataUrl: string;
  width: number;
  height: number;
}

export interface JobProgress {
  jobId: string;
  /** Main increments it; a copy with a lower revision than the one kept is old news. */
  revision: number | null;
  thoughtText: string;
  /** True when main cut the start of the thought text to fit. */
  thoughtTruncated?: boolean;
  drafts: Draft[];
}

function toDraft(d: unknown): Draft | null {
  // Main sends each preview as a `data:image/jpeg;base64,…` URL (contract: JobProgressSchema).
  if (typeof d === 'string') return d.startsWith('data:image/') ? { dataUrl: d, width: 0, height: 0 } : null;
  if (!d || typeof d !== 'object') return null;
  const o = d as Record<string, unknown>;
  return typeof o.dataUrl === 'string' && o.dataUrl.startsWith('data:image/') && typeof o.width === 'number' && typeof o.height === 'number'
    ? { dataUrl: o.dataUrl, width: o.width, height: o.height }
    : null;
}

/** The event's payload, or null for something that is not one (the window trusts shapes, not senders). */
export function parseProgress(payload: unknown): JobProgress | null {
  if (!payload || typeof payload !== 'object') return null;
  const o = payload as Record<string, unknown>;
  if (typeof o.jobId !== 'string') return null;
  return {
    jobId: o.jobId,
    // Events carry the totals so far; a later attempt or a later event of the same attempt is newer.
    revision: typeof o.revision === 'number' ? o.revision : typeof o.at === 'number' ? (typeof o.attempt === 'number' ? o.attempt : 0) * 1e13 + o.at : null,
    thoughtText: typeof o.thoughtText === 'string' ? o.thoughtText : '',
    ...(o.thoughtTruncated === true ? { thoughtTruncated: true } : {}),
    drafts: Array.isArray(o.drafts) ? o.drafts.map(toDraft).filter((d): d is Draft => d !== null) : [],
  };
}

/** Keeps the newer of two copies: by revision when both have one, else the one that arrived last. */
export function newerProgress(kept: JobProgress | undefined, next: JobProgress): JobProgress {
  if (kept && kept.revision !== null && next.revision !== null && next.revision < kept.revision) return kept;
  return next;
}

interface ProgressState {
  byJob: Record<string, JobProgress>;
  apply(payload: unknown): void;
  forget(jobId: string): void;
  /** A job.updated event: progress of a job that is no longer running is dropped. */
  applyJob(job: Job): void;
}

export function createJobProgressStore() {
  return create<ProgressState>()((set) => ({
    byJob: {},
    apply(payload) {
      const next = parseProgress(payload);
      if (!next) return;
      set((s) => {
        const kept = s.byJob[next.jobId];
        const chosen = newerProgress(kept, next);
        return chosen === kept ? s : { byJob: { ...s.byJob, [next.jobId]: chosen } };
      });
    },
    applyJob(job) {
      if (job.state !== 'running') useJobProgress.getState().forget(job.id);
    },
    forget(jobId) {
      set((s) => {
        if (!(jobId in s.byJob)) return s;
        const { [jobId]: _gone, ...rest } = s.byJob;
        return { byJob: rest };
      });
    },
  }));
}

export const useJobProgress = createJobProgressStore();
