/**
 * The "connect your key" dialog's own work: testing and saving a typed key. The key itself never
 * lives here: it is passed straight through to main and exists only in the dialog's input. Whether
 * a key is known, and whether the dialog is open, is lib/keyStatus.ts: every room reads that.
 */
import { create } from 'zustand';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useKeyStatus, type KeyMessage } from '../../lib/keyStatus';

interface KeyDialogState {
  busy: 'test' | 'save' | null;
  message: KeyMessage | null;
  /** A fresh dialog: no message, nothing in flight. */
  reset(): void;
  testKey(key: string): Promise<void>;
  saveKey(key: string): Promise<boolean>;
}

export function createKeyDialogStore(keyStatus = useKeyStatus) {
  return create<KeyDialogState>()((set) => ({
    busy: null,
    message: null,

    reset() {
      set({ busy: null, message: null });
    },

    async testKey(key) {
      set({ busy: 'test', message: null });
      // An empty field with a stored key checks the stored key (useful when replacing one).
      const trimmed = key.trim();
      const res = await call('key.test', trimmed === '' && keyStatus.getState().status?.hasKey ? {} : { key: trimmed });
      if (!keyStatus.getState().dialogOpen) return;
      if (!res.ok) {
        set({ busy: null, message: { kind: 'error', text: errorText(res) } });
        return;
      }
      const n = res.data.imageModels.length;
      set({
        busy: null,
        message: { kind: 'success', text: `Key works — ${n} image ${n === 1 ? 'model' : 'models'} available.` },
      });
    },

    async saveKey(key) {
      set({ busy: 'save', message: null });
      const res = await call('key.save', { key: key.trim() });
      if (!res.ok) {
        set({ busy: null, message: { kind: 'error', text: errorText(res) } });
        return false;
      }
      set({ busy: null, message: null });
      keyStatus.getState().keySaved(res.data);
      return true;
    },
  }));
}

export const useKeyDialog = createKeyDialogStore();
