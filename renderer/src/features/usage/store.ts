/**
 * Spending estimates for the last 30 days. Main computes them from stored usage; this caches
 * the summary and reloads it shortly after jobs succeed (several finishing together cost one reload).
 */
import { create } from 'zustand';
import type { Job, UsageSummary } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

export const USAGE_DAYS = 30;
const RELOAD_AFTER_MS = 1200;

interface UsageState {
  summary: UsageSummary | null;
  loading: boolean;
  error: string | null;

  load(): Promise<void>;
  /** `job.updated` from main. */
  applyJob(job: Job): void;
}

export function createUsageStore() {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let loadSeq = 0;

  return create<UsageState>()((set, get) => ({
    summary: null,
    loading: false,
    error: null,

    async load() {
      const seq = ++loadSeq;
      set({ loading: true });
      const res = await call('usage.summary', { days: USAGE_DAYS });
      if (seq !== loadSeq) return;
      if (!res.ok) {
        set({ loading: false, error: errorText(res) });
        return;
      }
      set({ summary: res.data, loading: false, error: null });
    },

    applyJob(job) {
      // Until the view has been opened there is nothing to keep fresh; it loads when shown.
      if (job.state !== 'succeeded' || get().summary === null) return;
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void get().load();
      }, RELOAD_AFTER_MS);
    },
  }));
}

export const useUsageStore = createUsageStore();
