/**
 * Search by meaning's status, read by Settings (the price, progress) and the library (whether its
 * search asks for meaning too). Main owns it; this is a cache updated by `meaning.status`. Turning
 * it on or off is the setting `searchByMeaning` (Settings' store), which makes main send a new status.
 */
import { create } from 'zustand';
import type { MeaningStatus } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';

interface MeaningState {
  status: MeaningStatus | null;
  error: string | null;
  load(): Promise<void>;
  apply(status: MeaningStatus): void;
}

export function createMeaningStore() {
  return create<MeaningState>()((set) => ({
    status: null,
    error: null,
    async load() {
      const res = await call('meaning.status', {});
      set(res.ok ? { status: res.data, error: null } : { error: `Could not read the search settings: ${errorText(res)}` });
    },
    apply(status) {
      set({ status });
    },
  }));
}

export const useMeaning = createMeaningStore();

/** "$0.0012", "$1.20": small sums keep their cents' fractions, as a price for a few pictures is. */
export function formatUsd(usd: number): string {
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(usd >= 0.01 ? 3 : 4)}`;
}
