/**
 * A result's lineage line: "Compared in: <prompt> (won)", with a way back to that comparison.
 * Mounted beside an image's versions wherever its details are shown; renders nothing for an
 * image that was never a comparison's result.
 */
import { useEffect } from 'react';
import type { AssetComparison } from '../../../../shared/ipc/contract';
import { intents } from '../../lib/intents';
import { CompareIcon } from '../../lib/icons';
import { useCompareStore } from './store';

const OUTCOME: Record<AssetComparison['outcome'], string> = {
  won: 'won',
  lost: 'lost',
  tie: 'tie',
  all_bad: 'all bad',
  no_vote: 'no vote',
};

export function ComparedIn({ assetId }: { assetId: string }) {
  const c = useCompareStore((s) => s.comparedIn[assetId] ?? null);
  const loadComparedIn = useCompareStore((s) => s.loadComparedIn);
  const comparisonId = c?.id ?? null;
  // A vote cast in the compare room changes how this image did; the store hears of it first.
  const votedAt = useCompareStore((s) => (comparisonId ? (s.byId[comparisonId]?.vote?.at ?? null) : null));
  useEffect(() => {
    void loadComparedIn(assetId);
  }, [assetId, votedAt, loadComparedIn]);

  if (!c) return null;
  return (
    <p className="compared-in" data-testid="compared-in" data-outcome={c.outcome}>
      <CompareIcon />
      <span className="compared-in-label">Compared in:</span>{' '}
      <button type="button" className="link-button compared-in-link" title={`Open the comparison “${c.prompt}”`} onClick={() => intents.showComparison(c.id)}>
        {c.prompt}
      </button>{' '}
      <span className="compared-in-outcome">({OUTCOME[c.outcome]})</span>
    </p>
  );
}
