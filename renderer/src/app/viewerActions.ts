/**
 * What E and R do in the viewer, wherever it was opened: the studio's generate panel takes the
 * image. Lives in app/ because it joins two features (the viewer and generating are two
 * features). The studio may register richer versions; the last registration wins.
 */
import { useGenerateStore } from '../features/generate/store';
import { useAssets } from '../lib/assets';
import { errorText } from '../lib/format';
import { useNavigation } from '../lib/navigation';
import { useNotices } from '../lib/notices';
import { registerViewerActions } from '../features/viewer/store';

export function registerDefaultViewerActions(): () => void {
  return registerViewerActions({
    onEdit(assetId) {
      // "Edit this": the image is the base of a new request — empty prompt, its own ratio.
      useGenerateStore.getState().editFrom(assetId);
      useNavigation.getState().navigate('studio');
    },
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
