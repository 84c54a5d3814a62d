import { useId, useState } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

/**
 * Priority is for projects on paid Tier 2 or 3 (Google's priority-inference page). Atelier cannot
 * read the project's tier, so Priority is offered in the forms only once the user says so here.
 * The same switch pattern as Privacy: a native checkbox with role="switch".
 */
export function PrioritySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  const helpId = useId();
  // Shown as clicked at once, then whatever main saved (the old value if it refused). Not keyed
  // on the value in SettingsView: a remount would drop the keyboard focus from the switch.
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? settings.priorityAllowed;
  function onChange(on: boolean) {
    setPending(on);
    void update('priority', { priorityAllowed: on }).finally(() => setPending(null));
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-priority-title">
      <h2 id="settings-priority-title" className="card-title">
        Priority
      </h2>
      <label className="check-row" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={helpId}
          data-testid="settings-priority-allowed"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          My project can use Priority (paid Tier 2 or 3)
          <span id={helpId} className="muted help block">
            Offers Priority beside Standard and Economy: answers fastest, at up to twice the Standard price. Google may serve a Priority request at Standard when busy; Atelier then bills it at Standard.
          </span>
        </span>
      </label>
      <SaveResult section="priority" />
    </section>
  );
}
