/**
 * Which top-level view is showing. A store rather than App state so any feature can send the
 * user somewhere ("Reuse settings" from a chat turn opens the studio). The views themselves are
 * listed once, in App.tsx's NAV.
 */
import { create } from 'zustand';

interface NavigationState {
  view: string;
  navigate(view: string): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: 'studio',
  navigate(view) {
    set({ view });
  },
}));
