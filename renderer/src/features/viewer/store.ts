/**
 * Which images the viewer shows, and what "edit" and "re-roll" mean. Any screen opens it with
 * the images it has on screen; the app registers the edit and re-roll actions once, because
 * those live in the studio, which a library or chat screen may not import.
 */
import { create } from 'zustand';
import { prefetchFit } from '../../lib/fitImages';

export interface ViewerActions {
  onEdit: ((assetId: string) => void) | null;
  onReroll: ((assetId: string) => void) | null;
}

interface ViewerState extends ViewerActions {
  /** Null while closed. */
  assetIds: string[] | null;
  index: number;
  /** The facts sheet stays open or closed from one image to the next, and across openings. */
  factsOpen: boolean;
  /** Where focus goes back to on close. */
  returnFocus: HTMLElement | null;
}

export function createViewerStore() {
  return create<ViewerState>()(() => ({
    assetIds: null,
    index: 0,
    factsOpen: false,
    returnFocus: null,
    onEdit: null,
    onReroll: null,
  }));
}

export const useViewer = createViewerStore();

export function openViewer(assetIds: string[], index: number): void {
  if (assetIds.length === 0) return;
  const active = typeof document !== 'undefined' ? (document.activeElement as HTMLElement | null) : null;
  const at = Math.min(Math.max(0, index), assetIds.length - 1);
  // The sharp picture starts loading in this very task, before the viewer renders.
  prefetchFit(assetIds[at]!);
  useViewer.setState({ assetIds: [...assetIds], index: at, returnFocus: active });
}

/** Focus goes back to `returnFocus` once the viewer has left the page (a modal dialog keeps it until then). */
export function closeViewer(): void {
  useViewer.setState({ assetIds: null, index: 0 });
}

/** Moves by `delta` images, stopping at either end. */
export function moveViewer(delta: number): void {
  const { assetIds, index } = useViewer.getState();
  if (!assetIds) return;
  useViewer.setState({ index: Math.min(Math.max(0, index + delta), assetIds.length - 1) });
}

export function showViewerIndex(index: number): void {
  const { assetIds } = useViewer.getState();
  if (!assetIds) return;
  useViewer.setState({ index: Math.min(Math.max(0, index), assetIds.length - 1) });
}

/** An image left the set (moved to the trash): the next one takes its place; none left closes. */
export function dropFromViewer(assetId: string): void {
  const { assetIds, index } = useViewer.getState();
  if (!assetIds) return;
  const rest = assetIds.filter((id) => id !== assetId);
  if (rest.length === 0) return closeViewer();
  useViewer.setState({ assetIds: rest, index: Math.min(index, rest.length - 1) });
}

export function toggleViewerFacts(): void {
  useViewer.setState((s) => ({ factsOpen: !s.factsOpen }));
}

/** Called once by the app: what E and R do. Returns a function that unregisters them. */
export function registerViewerActions(actions: Partial<ViewerActions>): () => void {
  useViewer.setState(actions);
  return () => useViewer.setState({ onEdit: null, onReroll: null });
}

/** True while the viewer is showing: it owns the keyboard then. */
export function isViewerOpen(): boolean {
  return useViewer.getState().assetIds !== null;
}
