import { GeneratePanel } from '../generate/GeneratePanel';
import { QueuePanel } from '../queue/QueuePanel';
import { AssetDetail } from './AssetDetail';
import { Library } from './Library';

/** The studio: what to make, what is being made, what was made — and the details of one of them. */
export function LibraryView() {
  return (
    <>
      <div className="workspace-scroll">
        <GeneratePanel />
        <QueuePanel />
        <Library />
      </div>
      <AssetDetail />
    </>
  );
}
