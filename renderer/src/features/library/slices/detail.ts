import type { GenerationDetail } from '../../../../../shared/ipc/contract';
import { useAssets } from '../../../lib/assets';
import { call } from '../../../lib/bridge';
import { errorText } from '../../../lib/format';
import { indexOfAsset } from '../pageCache';
import type { DetailSlice, SliceContext } from './types';

export function detailSlice({ set, get }: SliceContext): DetailSlice {
  const inFlightGenerations = new Map<string, Promise<GenerationDetail | null>>();

  return {
    selectedId: null,
    detail: null,
    detailError: null,
    generationId: null,
    generations: {},
    generationErrors: {},

    async select(id) {
      const s = get();
      if (!s.selection.has(id) || s.selection.size !== 1) {
        const index = indexOfAsset(s.pages, id);
        set({ selection: new Set([id]), anchorIndex: index >= 0 ? index : s.anchorIndex });
      }
      if (s.selectedId === id && s.detail?.id === id) return;
      set({ selectedId: id, generationId: null, detail: null, detailError: null });
      // Through the one asset cache, so the viewer and a chat read the same details.
      const res = await useAssets.getState().loadDetail(id);
      // The user may have moved on while this was loading.
      if (get().selectedId !== id) return;
      if (!res.ok) {
        set({ detailError: errorText(res) });
        return;
      }
      set({ detail: res.data });
    },

    async openGeneration(id) {
      set({ selectedId: null, detail: null, detailError: null, generationId: id });
      await get().fetchGeneration(id);
    },

    fetchGeneration(id) {
      const have = get().generations[id];
      if (have) return Promise.resolve(have);
      const pending = inFlightGenerations.get(id);
      if (pending) return pending;
      const p = call('generation.get', { id }).then((res) => {
        inFlightGenerations.delete(id);
        if (!res.ok) {
          set((s) => ({ generationErrors: { ...s.generationErrors, [id]: errorText(res) } }));
          return null;
        }
        set((s) => ({ generations: { ...s.generations, [id]: res.data }, generationErrors: { ...s.generationErrors, [id]: undefined } }));
        return res.data;
      });
      inFlightGenerations.set(id, p);
      return p;
    },

    closeDetail() {
      set({ selectedId: null, detail: null, detailError: null, generationId: null });
    },

    async refreshDetail() {
      const id = get().selectedId;
      if (!id) return;
      const res = await useAssets.getState().loadDetail(id);
      if (get().selectedId !== id) return;
      if (res.ok) set({ detail: res.data, detailError: null });
      else if (res.code === 'not_found') get().closeDetail();
    },
  };
}
