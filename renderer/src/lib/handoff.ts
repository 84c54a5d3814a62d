/**
 * "Mark & edit" from any image: the edit room reads and clears it when it shows. (Other requests
 * between rooms are intents, answered in app/connect.ts.)
 */
import { create } from 'zustand';
import { useNavigation } from './navigation';

interface HandoffState {
  editAssetId: string | null;
  editAsset(id: string): void;
  take<K extends 'editAssetId'>(key: K): HandoffState[K];
}

/** "Mark & edit"'s mailbox; made by a factory so each test builds a fresh one. */
export function createHandoffStore() {
  return create<HandoffState>()((set, get) => ({
    editAssetId: null,
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
}

export const useHandoff = createHandoffStore();
