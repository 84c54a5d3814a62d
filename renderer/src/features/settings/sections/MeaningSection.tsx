import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MeaningStatus, Settings } from '../../../../../shared/ipc/contract';
import { formatCount } from '../../../lib/format';
import { InlineError } from '../../../lib/InlineError';
import { formatUsd, useMeaning } from '../../../lib/meaning';
import { SwitchSection } from './SwitchSection';

/** What turning it on costs (before anything is sent), or how far the pictures are. */
function priceText(status: MeaningStatus, on: boolean): string {
  const remaining = status.total - status.embedded;
  if (!on) {
    return status.total === 0
      ? 'Your library is empty, so turning it on costs nothing now; new pictures cost about $0.00012 each.'
      : `Turning it on sends your ${formatCount(status.total)} ${status.total === 1 ? 'picture' : 'pictures'} once, for about ${formatUsd(status.remainingUsd)}; new pictures cost about $0.00012 each.`;
  }
  return remaining > 0
    ? `${formatCount(status.embedded)} of ${formatCount(status.total)} pictures ready; the other ${formatCount(remaining)} cost about ${formatUsd(status.remainingUsd)}.`
    : `All ${formatCount(status.total)} pictures are ready to search by meaning.`;
}

/**
 * Settings → Library → "Search by meaning": a setting like the others (settings.json keeps it),
 * with the price of embedding the current library shown before the switch sends anything.
 */
export function MeaningSection({ settings }: { settings: Settings }) {
  const { status, error, load } = useMeaning(useShallow((s) => ({ status: s.status, error: s.error, load: s.load })));
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <SwitchSection
      settings={settings}
      section="meaning"
      setting="searchByMeaning"
      title="Search by meaning"
      label="Search the library by what pictures show"
      testId="meaning-toggle"
      cardTestId="settings-meaning"
      help={
        <>
          Find pictures by what they show — “a red car at night” — not only by the words you typed. Each picture is sent to Google once to be described as numbers (the gemini-embedding-2 model); searches send only your words. Off, nothing is sent and the library searches words alone.
        </>
      }
    >
      {status && (
        <p className="help" data-testid="meaning-price">
          {priceText(status, settings.searchByMeaning)}
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
      <InlineError message={error} testId="meaning-error" />
    </SwitchSection>
  );
}
