/**
 * What one feature hands another without importing it: "compare these images" from a library
 * selection, "edit this" from any image. The receiving view reads and clears it.
 */
import { create } from 'zustand';
import { useNavigation } from './navigation';

interface HandoffState {
  compareAssetIds: string[] | null;
  editAssetId: string | null;
  comparisonId: string | null;
  compareAssets(ids: string[]): void;
  editAsset(id: string): void;
  showComparison(id: string): void;
  take<K extends 'compareAssetIds' | 'editAssetId' | 'comparisonId'>(key: K): HandoffState[K];
}

export const useHandoff = create<HandoffState>()((set, get) => ({
  compareAssetIds: null,
  editAssetId: null,
  comparisonId: null,
  showComparison(id) {
    set({ comparisonId: id });
    useNavigation.getState().navigate('compare');
  },
  compareAssets(ids) {
    set({ compareAssetIds: ids.slice(0, 4) });
    useNavigation.getState().navigate('compare');
  },
  editAsset(id) {
    set({ editAssetId: id });
    useNavigation.getState().navigate('edit');
  },
  take(key) {
    const value = get()[key];
    if (value !== null) set({ [key]: null } as Partial<HandoffState>);
    return value;
  },
}));
