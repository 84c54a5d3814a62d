import { useShallow } from 'zustand/react/shallow';
import { AlertIcon, CheckIcon } from '../../../lib/icons';
import { useSettingsStore, type SettingsSection } from '../store';

/** Each section's result testids; the first two predate the others and tests rely on them. */
const RESULT_IDS: Record<SettingsSection, { error: string; saved: string }> = {
  endpoint: { error: 'settings-error', saved: 'settings-saved' },
  defaults: { error: 'defaults-error', saved: 'defaults-saved' },
  quotas: { error: 'quotas-error', saved: 'quotas-saved' },
  budget: { error: 'budget-error', saved: 'budget-saved' },
  notify: { error: 'notify-error', saved: 'notify-saved' },
  streaming: { error: 'streaming-error', saved: 'streaming-saved' },
  privacy: { error: 'privacy-error', saved: 'privacy-saved' },
  priority: { error: 'priority-error', saved: 'priority-saved' },
  meaning: { error: 'meaning-save-error', saved: 'meaning-saved' },
};

export function SaveResult({ section }: { section: SettingsSection }) {
  const { saveError, savedSection, saving } = useSettingsStore(
    useShallow((s) => ({ saveError: s.saveError, savedSection: s.savedSection, saving: s.saving })),
  );
  if (saving === section) return <span className="muted save-result">Saving…</span>;
  if (saveError?.section === section)
    return (
      <p className="inline-error" role="alert" data-testid={RESULT_IDS[section].error}>
        <AlertIcon />
        <span>{saveError.text}</span>
      </p>
    );
  if (savedSection === section)
    return (
      <span className="save-result is-success" data-testid={RESULT_IDS[section].saved}>
        <CheckIcon /> Saved
      </span>
    );
  return null;
}
