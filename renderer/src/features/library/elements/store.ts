/** Whether the library shows its Elements view instead of the grid. */
import { create } from 'zustand';
import { useElements } from '../../../lib/elements';

export const useElementsView = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen(open) {
    set({ open });
    if (open) void useElements.getState().load();
  },
}));
