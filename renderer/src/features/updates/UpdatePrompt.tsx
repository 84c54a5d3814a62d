/**
 * "Restart to update": shown once a new version has downloaded in the background. Never forced —
 * "Later" puts it away, and the update installs by itself the next time the user quits.
 */
import { useEffect, useId } from 'react';
import { SparkIcon } from '../../lib/icons';
import { useUpdatesStore } from './store';
import './updates.css';

export function UpdatePrompt() {
  const status = useUpdatesStore((s) => s.status);
  const dismissedVersion = useUpdatesStore((s) => s.dismissedVersion);
  const restarting = useUpdatesStore((s) => s.restarting);
  const error = useUpdatesStore((s) => s.error);
  const restart = useUpdatesStore((s) => s.restart);
  const dismiss = useUpdatesStore((s) => s.dismiss);
  const load = useUpdatesStore((s) => s.load);
  const headingId = useId();

  // Self-loading: the one line that mounts this in App.tsx is all the wiring it needs.
  useEffect(() => {
    void load();
  }, [load]);

  if (status?.state !== 'ready' || dismissedVersion === status.version) return null;
  return (
    <section className="update-prompt" role="region" aria-labelledby={headingId} data-testid="update-prompt">
      <SparkIcon />
      <div className="update-prompt-body">
        <h2 id={headingId}>Atelier {status.version} is ready</h2>
        <p>Restart to use it now; otherwise it installs the next time you quit.</p>
        {error && (
          <p className="update-prompt-error" role="alert">
            {error}
          </p>
        )}
        <div className="update-prompt-actions">
          <button type="button" className="btn btn-primary btn-sm" data-testid="update-restart" disabled={restarting} onClick={() => void restart()}>
            {restarting ? 'Restarting…' : 'Restart to update'}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" data-testid="update-later" onClick={dismiss}>
            Later
          </button>
        </div>
      </div>
    </section>
  );
}
