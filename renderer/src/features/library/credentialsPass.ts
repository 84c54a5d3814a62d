/** The renderer's copy of main's background reading of older images' content credentials. */
import { create } from 'zustand';
import type { BackgroundProgress } from '../../../../shared/domain';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useNotices } from '../../lib/notices';

export interface CredentialsPassState {
  progress: BackgroundProgress | null;
  load(): Promise<void>;
  toggle(action: 'pause' | 'resume'): Promise<void>;
  apply(p: BackgroundProgress): void;
}

export function createCredentialsPassStore() {
  return create<CredentialsPassState>()((set) => ({
    progress: null,
    async load() {
      const res = await call('library.credentialsPass', { action: 'status' });
      if (res.ok) set({ progress: res.data });
    },
    async toggle(action) {
      const res = await call('library.credentialsPass', { action });
      if (res.ok) set({ progress: res.data });
      else useNotices.getState().push({ kind: 'warning', message: `Could not ${action} the reading of content credentials: ${errorText(res)}` });
    },
    apply(p) {
      set({ progress: p });
    },
  }));
}

export const useCredentialsPass = createCredentialsPassStore();
