/**
 * Whether a Gemini key is known, and whether the "connect your key" dialog is asked for: every room
 * reads this (generate, chat and batch ask for a key before sending). The dialog's own work —
 * testing and saving a typed key — is features/onboarding.
 */
import { create } from 'zustand';
import type { KeyStatus } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { errorText } from './format';

export type KeyMessage = { kind: 'success' | 'error'; text: string };

/** Why the dialog is showing; it changes one line of copy. */
export type DialogReason = 'startup' | 'generate' | 'replace';

interface KeyStatusState {
  status: KeyStatus | null;
  statusError: string | null;
  dialogOpen: boolean;
  reason: DialogReason;
  /** An error from "Remove key" in Settings. */
  clearError: string | null;

  load(): Promise<void>;
  applyStatus(status: KeyStatus): void;
  openDialog(reason: DialogReason): void;
  closeDialog(): void;
  /** The dialog saved a key: main's new status, and the dialog closes. */
  keySaved(status: KeyStatus): void;
  clearKey(): Promise<void>;
}

export function createKeyStatusStore() {
  return create<KeyStatusState>()((set, get) => ({
    status: null,
    statusError: null,
    dialogOpen: false,
    reason: 'startup',
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
      set({ dialogOpen: true, reason });
    },

    closeDialog() {
      set({ dialogOpen: false });
    },

    keySaved(status) {
      set({ status, statusError: null, dialogOpen: false });
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
}

export const useKeyStatus = createKeyStatusStore();
