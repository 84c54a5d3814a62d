/**
 * Every shortcut in the app, in one table. The shell matches key presses against it, the "?"
 * sheet lists it and the sidebar's tooltips read their Alt+N from it, so a key cannot work
 * without being listed, or be listed with the wrong keys.
 *
 * An entry belongs to a screen (`scope`) or to the whole app. A screen's entries fire only while
 * that screen is showing, so Ctrl+Enter in the Compare prompt starts the comparison instead of
 * sending the user to the studio. Entries without `run` are keys a component answers itself
 * (the stage's results, the viewer, the canvas tools, the vote): listed here, handled there.
 */
import { useChatStore } from '../features/chat/store';
import { useCompareStore } from '../features/compare/store';
import { TOOLS } from '../features/edit/tools';
import { useEditStore } from '../features/edit/store';
import { useGenerateStore } from '../features/generate/store';
import { useNavigation } from '../lib/navigation';
import { LOOK_MODES } from '../lib/CloseLook';
import { SCREENS, type ScreenId } from './screens';
import { useStudio } from './studio/studioStore';

export interface KeyEntry {
  /** How the sheet writes it ("Mod" reads ⌘ on a Mac, Ctrl elsewhere). */
  keys: string;
  label: string;
  /** The sheet's heading for it. */
  group: string;
  /** The screen it works on; 'app' works everywhere. */
  scope: ScreenId | 'app';
  /** Works while typing in a text field (only combinations that type nothing). */
  inText?: boolean;
  /** Only while the studio's prompt has focus (Esc there leaves it for the result). */
  inPromptOnly?: boolean;
  run?: () => void;
}

const studio = () => useStudio.getState();
const go = (view: string) => useNavigation.getState().navigate(view);

/** Alt+1…9: the screens in sidebar order. */
const GO_TO: KeyEntry[] = SCREENS.map((s, i) => ({
  keys: `Alt+${i + 1}`,
  label: s.label,
  group: 'Go to',
  scope: 'app',
  inText: true,
  run: () => go(s.id),
}));

export const KEYMAP: readonly KeyEntry[] = [
  { keys: 'Mod+Enter', label: 'Generate', group: 'Studio', scope: 'studio', inText: true, run: () => void useGenerateStore.getState().submit() },
  { keys: 'Esc', label: 'Leave the prompt for the newest result (waits for it)', group: 'Studio', scope: 'studio', inText: true, inPromptOnly: true, run: () => studio().requestNewest() },
  {
    keys: 'N',
    label: 'Newest result',
    group: 'Studio',
    scope: 'app',
    run: () => {
      go('studio');
      studio().requestNewest();
    },
  },
  {
    keys: '/',
    label: 'Prompt',
    group: 'Studio',
    scope: 'app',
    run: () => {
      go('studio');
      useGenerateStore.getState().requestFocus();
    },
  },
  {
    keys: 'Q',
    label: 'Show or hide the queue',
    group: 'Studio',
    scope: 'app',
    run: () => {
      go('studio');
      studio().setQueueOpen(!studio().queueOpen);
    },
  },
  { keys: '?', label: 'This list of shortcuts', group: 'Studio', scope: 'app', run: () => studio().setShortcutsOpen(true) },
  { keys: 'Enter / Space', label: 'View the result', group: 'Results', scope: 'studio' },
  { keys: '1 – 5', label: 'Rate the result (0 clears)', group: 'Results', scope: 'studio' },
  { keys: 'R', label: 'Re-roll', group: 'Results', scope: 'studio' },
  { keys: 'M', label: 'More like this', group: 'Results', scope: 'studio' },
  { keys: 'E', label: 'Mark & edit (open on the canvas)', group: 'Results', scope: 'studio' },
  { keys: '← →', label: 'Previous or next result', group: 'Results', scope: 'studio' },
  { keys: '← →', label: 'Previous or next image', group: 'Viewer', scope: 'app' },
  { keys: '1 – 5 / 0', label: 'Rate / clear the rating', group: 'Viewer', scope: 'app' },
  { keys: 'F', label: 'Favourite', group: 'Viewer', scope: 'app' },
  { keys: 'Delete', label: 'Move to the trash', group: 'Viewer', scope: 'app' },
  { keys: 'E / R', label: 'Mark & edit / re-roll', group: 'Viewer', scope: 'app' },
  { keys: 'Esc', label: 'Close the viewer', group: 'Viewer', scope: 'app' },
  { keys: 'Mod+Enter', label: 'Send the edit', group: 'Edit canvas', scope: 'edit', inText: true, run: () => void useEditStore.getState().sendDraft() },
  ...TOOLS.map((t): KeyEntry => ({ keys: t.key, label: t.label, group: 'Edit canvas', scope: 'edit' })),
  { keys: '[ / ]', label: 'Smaller or larger brush', group: 'Edit canvas', scope: 'edit' },
  { keys: 'Mod+Z', label: 'Undo', group: 'Edit canvas', scope: 'edit' },
  { keys: 'Shift+Mod+Z / Mod+Y', label: 'Redo', group: 'Edit canvas', scope: 'edit' },
  { keys: 'Mod+Enter', label: 'Start the comparison', group: 'Compare', scope: 'compare', inText: true, run: () => void useCompareStore.getState().startDraft() },
  { keys: '1 – 4', label: 'Vote for that result', group: 'Compare', scope: 'compare' },
  { keys: '0', label: 'Vote a tie', group: 'Compare', scope: 'compare' },
  { keys: 'X', label: 'Vote all bad', group: 'Compare', scope: 'compare' },
  // The close look (lib/CloseLook.tsx) answers these itself: comparisons, "compare selected", before/after.
  ...LOOK_MODES.map((m): KeyEntry => ({ keys: m.key, label: m.mode === 'flicker' ? 'Flicker (then hold Space)' : m.label, group: 'Look closely', scope: 'compare' })),
  { keys: 'Space (hold)', label: 'Show the other image (flicker)', group: 'Look closely', scope: 'compare' },
  { keys: '← →', label: 'Move the wipe (Shift: finer)', group: 'Look closely', scope: 'compare' },
  { keys: ', / .', label: 'Lower or raise the difference threshold', group: 'Look closely', scope: 'compare' },
  { keys: '+ / -', label: 'Zoom in or out (every pane follows)', group: 'Look closely', scope: 'compare' },
  { keys: 'Z', label: 'Fit both images again', group: 'Look closely', scope: 'compare' },
  { keys: 'L', label: 'Look closely at before and after (then the keys above)', group: 'Edit canvas', scope: 'edit' },
  { keys: 'Mod+Enter', label: 'Send', group: 'Chats', scope: 'chats', inText: true, run: () => void useChatStore.getState().send() },
  { keys: 'Enter', label: 'Send (in the message box)', group: 'Chats', scope: 'chats' },
  { keys: 'Shift+Enter', label: 'New line', group: 'Chats', scope: 'chats' },
  ...GO_TO,
];

/** The sheet's sections, in the order it shows them. */
export const KEY_GROUPS: readonly string[] = [...new Set(KEYMAP.map((k) => k.group))];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The focus is in a text field (typing must not trigger letters). */
  inText: boolean;
  /** The focus is in the studio's prompt box. */
  inPrompt: boolean;
}

/** Letters match either case; "?" is Shift+/ on most layouts, so Shift is ignored for symbols. */
function parse(keys: string): { key: string; mod: boolean; alt: boolean; shift: boolean } {
  const parts = keys.split('+');
  const key = parts[parts.length - 1]!;
  return { key: key === 'Esc' ? 'Escape' : key, mod: parts.includes('Mod'), alt: parts.includes('Alt'), shift: parts.includes('Shift') };
}

/** The entry a key press on `screen` triggers, if any (only entries with an action take part). */
export function entryFor(press: KeyPress, screen: string, isMac: boolean): KeyEntry | null {
  const mod = isMac ? press.metaKey : press.ctrlKey;
  for (const entry of KEYMAP) {
    if (!entry.run) continue;
    if (entry.scope !== 'app' && entry.scope !== screen) continue;
    const want = parse(entry.keys);
    if (want.mod !== mod || want.alt !== press.altKey) continue;
    if (want.shift && !press.shiftKey) continue;
    // Alt+digit: match the physical digit; some layouts give Alt+1 another character.
    const key = want.alt && /^\d$/.test(want.key) ? press.key.replace(/^Digit/, '') : press.key;
    if (key.toLowerCase() !== want.key.toLowerCase()) continue;
    if (press.inText && !entry.inText) continue;
    if (entry.inPromptOnly && !press.inPrompt) continue;
    if (!want.mod && !want.alt && press.shiftKey && /^[a-z]$/i.test(want.key)) continue;
    return entry;
  }
  return null;
}

/** "Mod+Enter" as this platform writes it. */
export function keysLabel(keys: string, isMac: boolean): string {
  return keys.replaceAll('Mod', isMac ? '⌘' : 'Ctrl').replaceAll('Alt', isMac ? '⌥' : 'Alt');
}

/** The keys that go to a screen, for its sidebar tooltip ("Alt+4", "⌥4"). */
export function goToKeys(screen: string, isMac: boolean): string | null {
  const i = SCREENS.findIndex((s) => s.id === screen);
  const entry = i >= 0 ? GO_TO[i] : undefined;
  return entry ? (isMac ? keysLabel(entry.keys, true).replace('+', '') : keysLabel(entry.keys, false)) : null;
}
