/** The app's own updates: what main's UpdateService says, and the user's "Later". */
import { create } from 'zustand';
import type { UpdateStatus } from '../../../../shared/ipc/contract';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';

interface UpdatesState {
  status: UpdateStatus | null;
  /** "Later" hides the offer for this version until the next start; it still installs at quit. */
  dismissedVersion: string | null;
  restarting: boolean;
  error: string | null;
  load(): Promise<void>;
  apply(status: UpdateStatus): void;
  restart(): Promise<void>;
  dismiss(): void;
}

export function createUpdatesStore() {
  return create<UpdatesState>()((set, get) => ({
    status: null,
    dismissedVersion: null,
    restarting: false,
    error: null,
    async load() {
      const res = await call('updates.status');
      if (res.ok) set({ status: res.data });
    },
    apply(status) {
      set({ status, error: null });
    },
    async restart() {
      if (get().restarting) return;
      set({ restarting: true, error: null });
      const res = await call('updates.restart');
      // On success the app quits; anything that comes back is a failure to say.
      if (!res.ok) set({ restarting: false, error: errorText(res) });
    },
    dismiss() {
      const s = get().status;
      if (s?.state === 'ready') set({ dismissedVersion: s.version });
    },
  }));
}

export const useUpdatesStore = createUpdatesStore();
