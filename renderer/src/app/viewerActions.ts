/**
 * What E and R do in the viewer, wherever it was opened: E opens the image on the edit canvas, R
 * re-rolls it through the studio. Lives in app/ because it joins features (the viewer, generating
 * and editing are features). The last registration wins.
 */
import { useGenerateStore } from '../features/generate/store';
import { useAssets } from '../lib/assets';
import { errorText } from '../lib/format';
import { useNotices } from '../lib/notices';
import { registerViewerActions } from '../features/viewer/store';
import { handOffToCanvas } from './studio/markAndEdit';

export function registerDefaultViewerActions(): () => void {
  return registerViewerActions({
    // E: "Mark & edit", the image on the edit canvas (as from the stage, the filmstrip and the library).
    onEdit: handOffToCanvas,
    async onReroll(assetId) {
      const res = await useAssets.getState().loadDetail(assetId);
      if (!res.ok || !res.data.generation) {
        useNotices.getState().push({ kind: 'warning', message: res.ok ? 'This image was not generated here, so there is nothing to re-roll.' : `Could not re-roll: ${errorText(res)}` });
        return;
      }
      const g = res.data.generation;
      await useGenerateStore.getState().reroll({ ...g.params, prompt: g.prompt, tier: g.tier, modelId: g.modelId });
      useNotices.getState().push({ kind: 'info', message: 'Re-roll queued with the same prompt and settings.' });
    },
  });
}
