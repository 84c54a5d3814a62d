/**
 * Toasts for `notice` events from main ("a retired model was replaced") and the odd thing the
 * renderer itself must say once. They dismiss themselves after a while; nothing here is an error
 * the user has to act on — those stay next to the control that caused them.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { EventPayload } from '../../../shared/ipc/contract';
import { call } from './bridge';
import { AlertIcon, CloseIcon, InfoIcon } from './icons';
import './notices.css';

const SHOW_MS = 8000;
/** More than this at once is noise; the oldest go first. */
const MAX_SHOWN = 4;

/** One thing the user can do about a notice ("Undo"); the toast dismisses itself after. */
export interface NoticeAction {
  label: string;
  testId?: string;
  run(): void;
}

type NoticeInput = EventPayload<'notice'> & { action?: NoticeAction };
type Notice = NoticeInput & { id: number };

interface NoticesState {
  notices: Notice[];
  /** The id the next notice takes. */
  nextId: number;
  push(notice: NoticeInput): void;
  dismiss(id: number): void;
  /** What main had to tell before this window was listening (e.g. retired models it replaced). */
  loadPending(): Promise<void>;
}

export function createNoticesStore() {
  return create<NoticesState>()((set, get) => ({
    notices: [],
    nextId: 1,
    push(notice) {
      set((s) => ({ nextId: s.nextId + 1, notices: [...s.notices, { ...notice, id: s.nextId }].slice(-MAX_SHOWN) }));
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    async loadPending() {
      const res = await call('app.notices');
      if (res.ok) for (const n of res.data) get().push(n);
    },
  }));
}

export const useNotices = createNoticesStore();

function Toast({ notice }: { notice: Notice }) {
  const dismiss = useNotices((s) => s.dismiss);
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(notice.id), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [notice.id, dismiss]);
  return (
    <li className={`toast is-${notice.kind}`} data-testid="notice" data-kind={notice.kind} role={notice.kind === 'warning' ? 'alert' : 'status'}>
      {notice.kind === 'warning' ? <AlertIcon /> : <InfoIcon />}
      <p>{notice.message}</p>
      {notice.action && (
        <button
          type="button"
          className="btn btn-secondary btn-sm toast-action"
          data-testid={notice.action.testId ?? 'notice-action'}
          onClick={() => {
            notice.action?.run();
            dismiss(notice.id);
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" className="btn btn-icon toast-close" data-testid="notice-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        <CloseIcon />
      </button>
    </li>
  );
}

export function Notices() {
  const notices = useNotices((s) => s.notices);
  // Always in the page: a live region only announces what changes inside it after it exists.
  return (
    <ul className="toasts" aria-label="Notifications" aria-live="polite">
      {notices.map((n) => (
        <Toast key={n.id} notice={n} />
      ))}
    </ul>
  );
}
