/** The compare room: start a comparison, watch it arrive and vote; or compare library images. */
import { AssetsCompare } from './AssetsCompare';
import { CompareForm } from './CompareForm';
import { ComparisonScreen } from './ComparisonScreen';
import { ComparisonsList } from './ComparisonsList';
import { useCompareStore } from './store';

export function CompareView() {
  const current = useCompareStore((s) => (s.currentId ? s.byId[s.currentId] : null));
  const assets = useCompareStore((s) => s.assets);

  return (
    <div className="workspace-scroll compare-room" data-testid="compare-view">
      {assets ? (
        <>
          <h1 className="sr-only">Compare images</h1>
          <AssetsCompare assets={assets} />
        </>
      ) : current ? (
        <>
          <h1 className="sr-only">Comparison</h1>
          <ComparisonScreen comparison={current} />
        </>
      ) : (
        <>
          <h1 className="room-title">Compare models</h1>
          <CompareForm />
          <h3 className="room-subtitle">Comparisons</h3>
          <ComparisonsList />
        </>
      )}
    </div>
  );
}
