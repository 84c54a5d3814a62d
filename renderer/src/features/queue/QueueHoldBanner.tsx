/**
 * The queue paused by Gemini's billing (issue 17 §4): Google refuses every request because the
 * prepaid credit is used up or the billing account reached its tier's cap. Mounted once by the
 * shell so it shows on every screen while the queue is held — the jobs waiting behind it may come
 * from the studio, a chat or a comparison. It says why in plain words, links to billing, and
 * "Resume queue" lifts the hold once the user has settled it.
 */
import { useId, useState } from 'react';
import type { QueueHold } from '../../../../shared/ipc/contract';
import { BILLING_URL } from '../../../../shared/urls';
import { ExternalIcon, WarningIcon } from '../../lib/icons';
import { useLinks } from '../../lib/links';
import { useQueueStore } from './store';
import './queueHold.css';

const WORDS: Record<QueueHold['reason'], { title: string; body: string }> = {
  prepaid_depleted: {
    title: 'Google refused: your prepaid credit is used up',
    body: 'Your Gemini project has no prepaid credit left, so Google turns down every request. Atelier paused the queue instead of retrying in vain. Add credit in AI Studio, then resume the queue.',
  },
  tier_cap: {
    title: 'Google refused: your billing tier’s cap is reached',
    body: 'Your billing account reached the spending cap of its tier, so Google turns down every request until the cap is raised or the period ends. Atelier paused the queue instead of retrying in vain. Check billing in AI Studio, then resume the queue.',
  },
  // Not causes that hold the queue today; worded all the same so a hold never shows blank.
  spend_window: {
    title: 'Google refused: the 10-minute spend limit is reached',
    body: 'Your project reached its spend limit for the last 10 minutes. Atelier paused the queue; resume it when you are ready.',
  },
  tier_drop: {
    title: 'Google moved your project to a lower tier',
    body: 'Your project’s limits are lower than before. Atelier paused the queue; check billing in AI Studio, then resume it.',
  },
};

export function QueueHoldBanner() {
  const hold = useQueueStore((s) => s.status?.hold ?? null);
  const resuming = useQueueStore((s) => s.pausingAll);
  const statusError = useQueueStore((s) => s.statusError);
  const resumeAll = useQueueStore((s) => s.resumeAll);
  const openLink = useLinks((s) => s.open);
  const [linkError, setLinkError] = useState<string | null>(null);
  const headingId = useId();
  if (!hold) return null;
  const words = WORDS[hold.reason];
  const error = linkError ?? statusError;
  return (
    <section className="queue-hold" role="region" aria-labelledby={headingId} data-testid="queue-hold" data-reason={hold.reason}>
      <WarningIcon />
      <div className="queue-hold-body">
        <h2 id={headingId}>{words.title}</h2>
        <p>{words.body}</p>
        {error && (
          <p className="queue-hold-error" role="alert" data-testid="queue-hold-error">
            {error}
          </p>
        )}
      </div>
      <div className="queue-hold-actions">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          data-testid="queue-hold-billing"
          onClick={() => {
            setLinkError(null);
            void openLink(BILLING_URL).then(setLinkError);
          }}
        >
          <ExternalIcon />
          Open billing in AI Studio
        </button>
        <button type="button" className="btn btn-primary btn-sm" data-testid="queue-hold-resume" disabled={resuming} onClick={() => void resumeAll().then(focusWorkspaceIfGone)}>
          {resuming ? 'Resuming…' : 'Resume queue'}
        </button>
      </div>
    </section>
  );
}

/** The banner leaves with the hold, taking the focused button with it: focus goes to the screen below, not to <body>. */
function focusWorkspaceIfGone(): void {
  if (useQueueStore.getState().status?.hold) return;
  document.querySelector<HTMLElement>('main.workspace')?.focus();
}
