import { describe, expect, it } from 'vitest';
import { KEYMAP, KEY_GROUPS, entryFor, goToKeys, keysLabel, type KeyPress } from '../../../../renderer/src/app/keymap';
import { SCREENS } from '../../../../renderer/src/app/screens';

function press(key: string, over: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, inText: false, inPrompt: false, ...over };
}

const label = (p: KeyPress, screen: string, mac = false) => entryFor(p, screen, mac)?.label ?? null;

describe('keymap', () => {
  it('Ctrl+Enter is the showing screen’s own: Generate in the studio, Compare in compare, Send on the canvas (⌘ on a Mac)', () => {
    const ctrlEnter = press('Enter', { ctrlKey: true, inText: true });
    expect(label({ ...ctrlEnter, inPrompt: true }, 'studio')).toBe('Generate');
    expect(label(ctrlEnter, 'compare')).toBe('Start the comparison');
    expect(label(ctrlEnter, 'edit')).toBe('Send the edit');
    expect(label(ctrlEnter, 'chats')).toBe('Send');
    expect(label(press('Enter', { metaKey: true, inText: true }), 'studio', true)).toBe('Generate');
    expect(label(press('Enter', { metaKey: true }), 'studio')).toBeNull();
    expect(label(press('Enter'), 'studio')).toBeNull();
  });

  it('no screen’s Ctrl+Enter fires on another screen (2: it used to send the Compare prompt to the studio)', () => {
    const ctrlEnter = press('Enter', { ctrlKey: true, inText: true });
    for (const s of ['library', 'batch', 'usage', 'settings', 'stats']) expect(entryFor(ctrlEnter, s, false)).toBeNull();
    for (const e of KEYMAP.filter((k) => k.keys === 'Mod+Enter')) expect(e.scope).not.toBe('app');
  });

  it('letters never fire while typing; the same key outside a field does', () => {
    expect(label(press('n', { inText: true }), 'studio')).toBeNull();
    expect(label(press('n'), 'library')).toBe('Newest result');
    expect(label(press('N', { shiftKey: true }), 'studio')).toBeNull();
    expect(label(press('q'), 'studio')).toBe('Show or hide the queue');
  });

  it('Esc leaves the studio prompt for the newest result, and only the prompt', () => {
    expect(entryFor(press('Escape', { inText: true, inPrompt: true }), 'studio', false)?.keys).toBe('Esc');
    expect(entryFor(press('Escape', { inText: true }), 'studio', false)).toBeNull();
    expect(entryFor(press('Escape'), 'studio', false)).toBeNull();
  });

  it('"?" (Shift+/) opens the sheet; "/" goes to the prompt', () => {
    expect(label(press('?', { shiftKey: true }), 'library')).toBe('This list of shortcuts');
    expect(label(press('/'), 'library')).toBe('Prompt');
  });

  it('Alt+1…9 go to the nine screens in sidebar order, even from a text field', () => {
    const targets = SCREENS.map((_, i) => label(press(String(i + 1), { altKey: true, inText: true }), 'compare'));
    expect(targets).toEqual(SCREENS.map((s) => s.label));
  });

  it('the sidebar tooltips read the same Alt+N (9: six of nine were wrong, Edit and Votes had none)', () => {
    expect(SCREENS.map((s) => goToKeys(s.id, false))).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9']);
    expect(goToKeys('edit', true)).toBe('⌥4');
    expect(goToKeys('nowhere', false)).toBeNull();
  });

  it('lists every screen’s keys, the canvas tools and the vote keys among them, each once', () => {
    expect(KEY_GROUPS).toEqual(expect.arrayContaining(['Studio', 'Results', 'Viewer', 'Edit canvas', 'Compare', 'Chats', 'Go to']));
    const canvas = KEYMAP.filter((k) => k.group === 'Edit canvas').map((k) => k.keys);
    expect(canvas).toEqual(expect.arrayContaining(['B', 'E', 'R', 'O', 'A', 'T', 'C', '[ / ]', 'Mod+Z']));
    const votes = KEYMAP.filter((k) => k.group === 'Compare').map((k) => k.keys);
    expect(votes).toEqual(expect.arrayContaining(['1 – 4', '0', 'X']));
    const ids = KEYMAP.map((k) => `${k.scope}:${k.group}:${k.keys}:${k.label}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of KEYMAP) expect(k.label.length).toBeGreaterThan(2);
  });

  it('labels read as the platform writes them', () => {
    expect(keysLabel('Mod+Enter', true)).toBe('⌘+Enter');
    expect(keysLabel('Shift+Mod+Z / Mod+Y', false)).toBe('Shift+Ctrl+Z / Ctrl+Y');
  });
});
