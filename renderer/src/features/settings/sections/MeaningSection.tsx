import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../../lib/format';
import { InlineError } from '../../../lib/InlineError';
import { formatUsd, useMeaning } from '../../../lib/meaning';

/**
 * Settings → Library → "Search by meaning": off until the user turns it on, and the price of
 * embedding the current library is shown before anything is sent.
 */
export function MeaningSection() {
  const { status, error, load, setEnabled } = useMeaning(useShallow((s) => ({ status: s.status, error: s.error, load: s.load, setEnabled: s.setEnabled })));
  useEffect(() => {
    void load();
  }, [load]);
  const remaining = status ? status.total - status.embedded : 0;
  return (
    <section className="panel settings-card" aria-labelledby="settings-meaning" data-testid="settings-meaning">
      <h2 id="settings-meaning" className="card-title">
        Search by meaning
      </h2>
      <p className="muted help">
        Find pictures by what they show — “a red car at night” — not only by the words you typed. Each picture is sent to Google
        once to be described as numbers (the gemini-embedding-2 model); searches send only your words. Off, nothing is sent and the
        library searches words alone.
      </p>
      {status && (
        <p data-testid="meaning-price">
          {status.enabled
            ? remaining > 0
              ? `${formatCount(status.embedded)} of ${formatCount(status.total)} pictures ready; the other ${formatCount(remaining)} cost about ${formatUsd(status.remainingUsd)}.`
              : `All ${formatCount(status.total)} pictures are ready to search by meaning.`
            : `Turning it on sends your ${formatCount(status.total)} ${status.total === 1 ? 'picture' : 'pictures'} once, for about ${formatUsd(status.remainingUsd)}; new pictures cost about $0.00012 each.`}
        </p>
      )}
      {status?.state === 'running' && (
        <progress max={Math.max(1, status.total)} value={status.embedded} aria-label="Pictures ready to search by meaning" data-testid="meaning-progress" />
      )}
      {status?.message && (
        <p className="muted help" role="status" data-testid="meaning-stopped">
          {status.message}
        </p>
      )}
      <div className="field-row">
        <button type="button" className={`btn${status?.enabled ? '' : ' btn-primary'}`} data-testid="meaning-toggle" disabled={!status} onClick={() => void setEnabled(!status?.enabled)}>
          {status?.enabled ? 'Turn off' : `Turn on for ${status ? formatUsd(status.remainingUsd) : '…'}`}
        </button>
      </div>
      <InlineError message={error} testId="meaning-error" />
    </section>
  );
}
