/**
 * Every app-wide shortcut, in one table: the "?" sheet lists it and `shortcutFor` matches a key
 * press against it, so a shortcut cannot exist without being listed. The viewer's own keys
 * (arrows, 1–5, F, Delete…) belong to the viewer; they are listed here too so "?" shows them.
 */
export type ShortcutAction =
  | 'generate'
  | 'focusPrompt'
  | 'newestResult'
  | 'toggleQueue'
  | 'shortcuts'
  | 'goStudio'
  | 'goLibrary'
  | 'goChats'
  | 'goCompare'
  | 'goBatch'
  | 'goUsage'
  | 'goSettings';

export interface Shortcut {
  /** How the sheet writes it ("Mod" reads ⌘ on a Mac, Ctrl elsewhere). */
  keys: string;
  label: string;
  group: 'Studio' | 'Results' | 'Viewer' | 'Go to';
  /** The app-wide action; absent for keys a component handles itself. */
  action?: ShortcutAction;
  /** Works while typing in a text field (only combinations that type nothing). */
  inText?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Mod+Enter', label: 'Generate', group: 'Studio', action: 'generate', inText: true },
  { keys: 'Esc', label: 'From the prompt to the newest result', group: 'Studio', action: 'newestResult', inText: true },
  { keys: 'N', label: 'Newest result', group: 'Studio', action: 'newestResult' },
  { keys: '/', label: 'Prompt', group: 'Studio', action: 'focusPrompt' },
  { keys: 'Q', label: 'Show or hide the queue', group: 'Studio', action: 'toggleQueue' },
  { keys: '?', label: 'This list of shortcuts', group: 'Studio', action: 'shortcuts' },
  { keys: 'Enter / Space', label: 'View the result', group: 'Results' },
  { keys: '1 – 5', label: 'Rate the result (0 clears)', group: 'Results' },
  { keys: 'R', label: 'Re-roll', group: 'Results' },
  { keys: 'M', label: 'More like this', group: 'Results' },
  { keys: 'E', label: 'Mark & edit (open on the canvas)', group: 'Results' },
  { keys: '← →', label: 'Previous or next result', group: 'Results' },
  { keys: '← →', label: 'Previous or next image', group: 'Viewer' },
  { keys: '1 – 5 / 0', label: 'Rate / clear the rating', group: 'Viewer' },
  { keys: 'F', label: 'Favourite', group: 'Viewer' },
  { keys: 'Delete', label: 'Move to the trash', group: 'Viewer' },
  { keys: 'E / R', label: 'Mark & edit / re-roll', group: 'Viewer' },
  { keys: 'Esc', label: 'Close the viewer', group: 'Viewer' },
  { keys: 'Alt+1', label: 'Studio', group: 'Go to', action: 'goStudio', inText: true },
  { keys: 'Alt+2', label: 'Library', group: 'Go to', action: 'goLibrary', inText: true },
  { keys: 'Alt+3', label: 'Chats', group: 'Go to', action: 'goChats', inText: true },
  { keys: 'Alt+4', label: 'Compare', group: 'Go to', action: 'goCompare', inText: true },
  { keys: 'Alt+5', label: 'Batch', group: 'Go to', action: 'goBatch', inText: true },
  { keys: 'Alt+6', label: 'Usage', group: 'Go to', action: 'goUsage', inText: true },
  { keys: 'Alt+7', label: 'Settings', group: 'Go to', action: 'goSettings', inText: true },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The focus is in a text field (typing must not trigger letters). */
  inText: boolean;
  /** The focus is in the prompt box (Esc there leaves for the result). */
  inPrompt: boolean;
}

/** Letters match either case; "?" is Shift+/ on most layouts, so Shift is ignored for symbols. */
function parse(keys: string): { key: string; mod: boolean; alt: boolean } {
  const parts = keys.split('+');
  const key = parts[parts.length - 1]!;
  return { key: key === 'Esc' ? 'Escape' : key, mod: parts.includes('Mod'), alt: parts.includes('Alt') };
}

export function shortcutFor(press: KeyPress, isMac: boolean): ShortcutAction | null {
  const mod = isMac ? press.metaKey : press.ctrlKey;
  for (const s of SHORTCUTS) {
    if (!s.action) continue;
    const want = parse(s.keys);
    if (want.mod !== mod || want.alt !== press.altKey) continue;
    // Alt+digit: match the physical digit; some layouts give Alt+1 another character.
    const key = want.alt && /^\d$/.test(want.key) ? press.key.replace(/^Digit/, '') : press.key;
    if (key.toLowerCase() !== want.key.toLowerCase()) continue;
    if (press.inText && !s.inText) continue;
    // Esc leaves the prompt only; in other fields (a select, the key dialog) it keeps its meaning.
    if (want.key === 'Escape' && !press.inPrompt) continue;
    if (!want.mod && !want.alt && press.shiftKey && /^[a-z]$/i.test(want.key)) continue;
    return s.action;
  }
  return null;
}

/** "Mod+Enter" as this platform writes it. */
export function keysLabel(keys: string, isMac: boolean): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl').replace('Alt', isMac ? '⌥' : 'Alt');
}
