import { useId, useState } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

export function NotifySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  // Shown as clicked at once; put back if main refuses the change.
  const [checked, setChecked] = useState(settings.notifyWhenDone);
  function onChange(on: boolean) {
    setChecked(on);
    void update('notify', { notifyWhenDone: on }).then((saved) => {
      if (!saved) setChecked(!on);
    });
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-notify-title">
      <h2 id="settings-notify-title" className="card-title">
        Notifications
      </h2>
      <label className="check-row" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          data-testid="settings-notify"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          Notify me when a job finishes in the background
          <span className="muted help block">A system notification, only while Atelier’s window is not in front.</span>
        </span>
      </label>
      <SaveResult section="notify" />
    </section>
  );
}
