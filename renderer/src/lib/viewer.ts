/**
 * Which images the viewer shows. Any room (studio, library, chat, compare) opens it with
 * `openViewer(assetIds, index)`; the Viewer component renders from this store. It lives in lib/
 * because features may not import each other.
 */
import { create } from 'zustand';

export interface ViewerState {
  /** Empty when the viewer is closed. */
  assetIds: string[];
  index: number;
  /** The element that had focus when the viewer opened; focus goes back there on close. */
  returnFocus: HTMLElement | null;
  open(assetIds: string[], index: number): void;
  close(): void;
  /** Moves by `delta`, stopping at either end (a wrap would hide where the set ends). */
  move(delta: number): void;
}

export const useViewer = create<ViewerState>()((set, get) => ({
  assetIds: [],
  index: 0,
  returnFocus: null,
  open(assetIds, index) {
    if (assetIds.length === 0) return;
    const active = typeof document === 'undefined' ? null : document.activeElement;
    set({
      assetIds: [...assetIds],
      index: Math.min(Math.max(0, index), assetIds.length - 1),
      returnFocus: active instanceof HTMLElement ? active : null,
    });
  },
  close() {
    const { returnFocus } = get();
    set({ assetIds: [], index: 0, returnFocus: null });
    if (returnFocus?.isConnected) returnFocus.focus();
  },
  move(delta) {
    const { assetIds, index } = get();
    if (assetIds.length === 0) return;
    set({ index: Math.min(Math.max(0, index + delta), assetIds.length - 1) });
  },
}));

export function openViewer(assetIds: string[], index = 0): void {
  useViewer.getState().open(assetIds, index);
}

export function closeViewer(): void {
  useViewer.getState().close();
}

export function isViewerOpen(): boolean {
  return useViewer.getState().assetIds.length > 0;
}
