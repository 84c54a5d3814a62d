import { useId, useState, type ReactNode } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore, type SettingsSection } from '../store';
import { SaveResult } from './SaveResult';

/** The settings that are one on/off switch each. */
type SwitchKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/**
 * A settings card that is a single switch: a native checkbox with role="switch" (Space toggles it,
 * screen readers announce on/off), its sentence of help, and the section's save result.
 */
export function SwitchSection({
  settings,
  section,
  setting,
  title,
  label,
  help,
  testId,
  children,
  cardTestId,
}: {
  settings: Settings;
  section: SettingsSection;
  setting: SwitchKey;
  title: string;
  label: string;
  help: ReactNode;
  testId: string;
  /** What the switch would do, shown under it (a price, progress). */
  children?: ReactNode;
  cardTestId?: string;
}) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  const helpId = useId();
  // Shown as clicked at once, then whatever main saved (the old value if it refused). Not keyed
  // on the value in SettingsView: a remount would drop the keyboard focus from the switch.
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? settings[setting];
  function onChange(on: boolean) {
    setPending(on);
    void update(section, { [setting]: on }).finally(() => setPending(null));
  }
  return (
    <section className="panel settings-card" aria-labelledby={`settings-${section}-title`} data-testid={cardTestId}>
      <h2 id={`settings-${section}-title`} className="card-title">
        {title}
      </h2>
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" role="switch" aria-describedby={helpId} data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>
          {label}
          <span id={helpId} className="muted help block">
            {help}
          </span>
        </span>
      </label>
      {children}
      <SaveResult section={section} />
    </section>
  );
}
