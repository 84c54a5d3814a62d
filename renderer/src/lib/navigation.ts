/**
 * Which top-level view is showing. A store rather than App state so any feature can send the
 * user somewhere ("Reuse settings" from a chat turn opens the studio). The views themselves are
 * listed once, in app/routes.tsx. The view is mirrored in the URL's hash (#/library), so a reload
 * keeps the screen and a start can open on a given one.
 */
import { create } from 'zustand';

export const FIRST_VIEW = 'studio';

function fromHash(): string {
  if (typeof location === 'undefined') return FIRST_VIEW;
  const m = /^#\/([a-z-]+)$/.exec(location.hash);
  return m?.[1] ?? FIRST_VIEW;
}

interface NavigationState {
  view: string;
  navigate(view: string): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: fromHash(),
  navigate(view) {
    if (typeof history !== 'undefined') history.replaceState(null, '', `#/${view}`);
    set({ view });
  },
}));
