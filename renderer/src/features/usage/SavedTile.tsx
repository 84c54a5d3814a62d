import type { UsageSummary } from '../../../../shared/ipc/contract';
import { formatUsdPrecise } from '../../lib/format';
import { USAGE_DAYS } from './store';

/**
 * What Economy (Flex) and Batch saved over the period: the same results at Standard, less what
 * they cost. Shown as a fourth tile so it sits beside what was spent, in the same money.
 */
export function SavedTile({ saved }: { saved: UsageSummary['savedUsd'] }) {
  const flex = saved?.flex ?? 0;
  const batch = saved?.batch ?? 0;
  return (
    <div className="panel usage-tile" data-testid="usage-saved">
      <span className="section-title">Saved in {USAGE_DAYS} days</span>
      <span className="usage-tile-value">{formatUsdPrecise(flex + batch)}</span>
      <span className="usage-tile-sub">
        <span data-testid="usage-saved-flex">Economy (Flex) {formatUsdPrecise(flex)}</span> · <span data-testid="usage-saved-batch">Batch {formatUsdPrecise(batch)}</span>
      </span>
    </div>
  );
}
