import { AssetDetail } from './AssetDetail';
import { Library } from './Library';

/** The library with the window to itself: filters at the side, the grid in the middle, the details at the other side. */
export function LibraryPage() {
  return (
    <div className="library-page">
      <Library page />
      <AssetDetail wide />
    </div>
  );
}
