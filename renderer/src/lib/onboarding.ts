/**
 * Key status and the "connect your key" dialog. The key itself never lives here: it is passed
 * straight through `test`/`save` to main and exists only in the dialog's input while typing.
 */
import { create } from 'zustand';
import type { KeyStatus } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';

export type KeyMessage = { kind: 'success' | 'error'; text: string };

/** Why the dialog is showing; it changes one line of copy. */
export type DialogReason = 'startup' | 'generate' | 'replace';

interface OnboardingState {
  status: KeyStatus | null;
  statusError: string | null;
  dialogOpen: boolean;
  reason: DialogReason;
  busy: 'test' | 'save' | null;
  message: KeyMessage | null;
  /** An error from "Remove key" in Settings. */
  clearError: string | null;

  load(): Promise<void>;
  applyStatus(status: KeyStatus): void;
  openDialog(reason: DialogReason): void;
  closeDialog(): void;
  testKey(key: string): Promise<void>;
  saveKey(key: string): Promise<boolean>;
  clearKey(): Promise<void>;
}

export const useOnboardingStore = create<OnboardingState>()((set, get) => ({
  status: null,
  statusError: null,
  dialogOpen: false,
  reason: 'startup',
  busy: null,
  message: null,
  clearError: null,

  async load() {
    const res = await call('key.status');
    if (!res.ok) {
      set({ statusError: errorText(res) });
      return;
    }
    set({ status: res.data, statusError: null });
    // Onboarding happens once, at startup, and only when there is no key anywhere.
    if (!res.data.hasKey) get().openDialog('startup');
  },

  applyStatus(status) {
    set({ status, statusError: null, clearError: null });
  },

  openDialog(reason) {
    set({ dialogOpen: true, reason, message: null, busy: null });
  },

  closeDialog() {
    set({ dialogOpen: false, message: null, busy: null });
  },

  async testKey(key) {
    set({ busy: 'test', message: null });
    // An empty field with a stored key checks the stored key (useful when replacing one).
    const trimmed = key.trim();
    const res = await call('key.test', trimmed === '' && get().status?.hasKey ? {} : { key: trimmed });
    if (!get().dialogOpen) return;
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
    set({ status: res.data, statusError: null, dialogOpen: false, busy: null, message: null });
    return true;
  },

  async clearKey() {
    set({ clearError: null });
    const res = await call('key.clear');
    if (!res.ok) {
      set({ clearError: errorText(res) });
      return;
    }
    set({ status: res.data });
  },
}));
