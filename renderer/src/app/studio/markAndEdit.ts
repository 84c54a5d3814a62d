/**
 * "Mark & edit": the image opens on the edit canvas (mark a region, crop, expand, then say what
 * to change). The same action from the stage, the filmstrip, the viewer (E) and the library.
 */
import { useHandoff } from '../../lib/handoff';
import { closeViewer, isViewerOpen } from '../../features/viewer/store';

export function handOffToCanvas(assetId: string): void {
  if (isViewerOpen()) closeViewer();
  useHandoff.getState().editAsset(assetId);
}
