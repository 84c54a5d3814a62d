import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CloseIcon, StackIcon } from '../../lib/icons';
import { QueuePanel } from './QueuePanel';
import { queueCounts, useQueueStore } from './store';
import { useJobs } from '../../lib/jobCache';

/**
 * The queue as a drawer over the side of the stage: it never takes space from the stage, and its
 * toggle shows the counts that matter (running, waiting, failed) while it is closed.
 */
export function QueueToggle({ open, onToggle }: { open: boolean; onToggle(): void }) {
  const cleared = useQueueStore((s) => s.cleared);
  const counts = useJobs(useShallow((s) => queueCounts(s.jobs, cleared)));
  return (
    <button
      type="button"
      className={`queue-toggle${open ? ' is-open' : ''}`}
      data-testid="queue-toggle"
      aria-expanded={open}
      aria-controls="queue-drawer"
      onClick={onToggle}
      title="Show or hide the queue (Q)"
    >
      <StackIcon />
      <span>Queue</span>
      <span className="queue-count is-running" data-testid="queue-count-running">
        {counts.running} running
      </span>
      <span className="queue-count" data-testid="queue-count-waiting">
        {counts.waiting} waiting
      </span>
      <span className={`queue-count${counts.failed > 0 ? ' is-failed' : ''}`} data-testid="queue-count-failed">
        {counts.failed} failed
      </span>
    </button>
  );
}

export function QueueDrawer({ open, onClose }: { open: boolean; onClose(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  // Opening moves focus into the drawer; closing gives it back to where it was.
  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => {
      const back = returnTo.current;
      if (back?.isConnected) back.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <aside
      id="queue-drawer"
      className="queue-drawer"
      data-testid="queue-drawer"
      aria-label="Queue"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <button type="button" className="btn btn-icon btn-sm queue-drawer-close" aria-label="Close the queue" onClick={onClose}>
        <CloseIcon />
      </button>
      <QueuePanel headingRef={headingRef} />
    </aside>
  );
}
