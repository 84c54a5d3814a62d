/**
 * The viewer's keyboard map: one table, so the shortcut list, the handler and the tests agree.
 * Keys with Ctrl, Cmd or Alt are left to the system (copy, reload…).
 */
export type ViewerAction =
  | { type: 'prev' }
  | { type: 'next' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'close' }
  | { type: 'rate'; rating: number }
  | { type: 'favorite' }
  | { type: 'trash' }
  | { type: 'edit' }
  | { type: 'reroll' }
  | { type: 'toggle-zoom' }
  | { type: 'zoom-in' }
  | { type: 'zoom-out' }
  | { type: 'facts' };

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

const TABLE: Record<string, ViewerAction> = {
  ArrowLeft: { type: 'prev' },
  ArrowRight: { type: 'next' },
  Home: { type: 'first' },
  End: { type: 'last' },
  Escape: { type: 'close' },
  // Space opened the viewer from a tile; pressing it again closes it, as Quick Look does.
  ' ': { type: 'close' },
  '0': { type: 'rate', rating: 0 },
  '1': { type: 'rate', rating: 1 },
  '2': { type: 'rate', rating: 2 },
  '3': { type: 'rate', rating: 3 },
  '4': { type: 'rate', rating: 4 },
  '5': { type: 'rate', rating: 5 },
  f: { type: 'favorite' },
  Delete: { type: 'trash' },
  e: { type: 'edit' },
  r: { type: 'reroll' },
  z: { type: 'toggle-zoom' },
  '+': { type: 'zoom-in' },
  '=': { type: 'zoom-in' },
  '-': { type: 'zoom-out' },
  i: { type: 'facts' },
};

export function viewerAction(press: KeyPress): ViewerAction | null {
  if (press.ctrlKey || press.altKey) return null;
  // Cmd+Backspace is the Mac's "move to trash"; any other Cmd chord belongs to the system.
  if (press.metaKey) return press.key === 'Backspace' ? { type: 'trash' } : null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return TABLE[key] ?? null;
}

/** For the shortcut list ("?") and the viewer's own help line. */
export const VIEWER_SHORTCUTS: ReadonlyArray<[keys: string, what: string]> = [
  ['← →', 'Previous / next image'],
  ['Esc, Space', 'Close the viewer'],
  ['1 – 5, 0', 'Rate, clear the rating'],
  ['F', 'Favourite'],
  ['Delete', 'Move to trash'],
  ['E', 'Mark & edit (open on the edit canvas)'],
  ['R', 'Re-roll (same prompt and settings)'],
  ['Z', 'Fit ↔ 1:1'],
  ['+ −, wheel, pinch', 'Zoom'],
  ['Drag', 'Pan'],
  ['I', 'Show or hide the facts'],
];
