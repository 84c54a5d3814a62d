import type { ReactNode } from 'react';
import { AssetDetail } from './AssetDetail';
import { Library } from './Library';

/**
 * The library: the grid and the details of one image. `before` is what the page puts above the
 * grid (app/ composes it; a feature does not import another).
 */
export function LibraryView({ before }: { before?: ReactNode } = {}) {
  return (
    <>
      <div className="workspace-scroll">
        {before}
        <Library />
      </div>
      <AssetDetail />
    </>
  );
}
