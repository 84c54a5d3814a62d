import { useId, useState } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

/**
 * Google keeps requests in the project's AI Studio logs unless told `store: false` (projects made
 * from 2026-10-26 on); Atelier says false unless the user opts in here. A native checkbox with
 * role="switch": Space toggles it and screen readers announce it as on/off.
 */
export function PrivacySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  const helpId = useId();
  // Shown as clicked at once, then whatever main saved (the old value if it refused). Not keyed
  // on the value in SettingsView: a remount would drop the keyboard focus from the switch.
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? settings.letGoogleKeepRequests;
  function onChange(on: boolean) {
    setPending(on);
    void update('privacy', { letGoogleKeepRequests: on }).finally(() => setPending(null));
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-privacy-title">
      <h2 id="settings-privacy-title" className="card-title">
        Privacy
      </h2>
      <label className="check-row" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={helpId}
          data-testid="settings-keep-requests"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          Let Google keep my requests (AI Studio logs)
          <span id={helpId} className="muted help block">
            When on, Google stores your prompts and photos in your project’s AI Studio logs, where you can review them; when off, Atelier sends <code>store: false</code> with every request so they are not logged.
          </span>
        </span>
      </label>
      <SaveResult section="privacy" />
    </section>
  );
}
