import type { ReactNode } from 'react';
import { AssetDetail } from './AssetDetail';
import { Library } from './Library';

/**
 * The library with the window to itself: filters at the side, the grid in the middle, the details
 * at the other side. `aboutAsset` adds what other rooms know of an image (app/ fills it: a feature
 * does not import another).
 */
export function LibraryPage({ aboutAsset }: { aboutAsset?: (assetId: string) => ReactNode } = {}) {
  return (
    <div className="library-page">
      <Library page />
      <AssetDetail wide aboutAsset={aboutAsset} />
    </div>
  );
}
