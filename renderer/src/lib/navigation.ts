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
  /** A part of the screen to bring into view on arrival (Usage → Settings' Budget); the screen clears it. */
  section: string | null;
  navigate(view: string, section?: string): void;
  takeSection(): string | null;
}

export function createNavigationStore() {
  return create<NavigationState>()((set, get) => ({
    view: fromHash(),
    section: null,
    navigate(view, section) {
      if (typeof history !== 'undefined') history.replaceState(null, '', `#/${view}`);
      set({ view, section: section ?? null });
    },
    takeSection() {
      const { section } = get();
      if (section !== null) set({ section: null });
      return section;
    },
  }));
}

export const useNavigation = createNavigationStore();
