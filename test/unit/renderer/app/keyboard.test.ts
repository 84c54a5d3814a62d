import { describe, expect, it } from 'vitest';
import { SHORTCUTS, keysLabel, shortcutFor, type KeyPress } from '../../../../renderer/src/app/keyboard';

function press(key: string, over: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, inText: false, inPrompt: false, ...over };
}

describe('keyboard map', () => {
  it('Ctrl+Enter generates (⌘+Enter on a Mac), also while typing the prompt', () => {
    expect(shortcutFor(press('Enter', { ctrlKey: true, inText: true, inPrompt: true }), false)).toBe('generate');
    expect(shortcutFor(press('Enter', { metaKey: true, inText: true }), true)).toBe('generate');
    expect(shortcutFor(press('Enter', { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(press('Enter'), false)).toBeNull();
  });

  it('letters never fire while typing; the same key outside a field does', () => {
    expect(shortcutFor(press('n', { inText: true }), false)).toBeNull();
    expect(shortcutFor(press('n'), false)).toBe('newestResult');
    expect(shortcutFor(press('N', { shiftKey: true }), false)).toBeNull();
    expect(shortcutFor(press('q'), false)).toBe('toggleQueue');
  });

  it('Esc leaves the prompt for the newest result, and only the prompt', () => {
    expect(shortcutFor(press('Escape', { inText: true, inPrompt: true }), false)).toBe('newestResult');
    expect(shortcutFor(press('Escape', { inText: true }), false)).toBeNull();
    expect(shortcutFor(press('Escape'), false)).toBeNull();
  });

  it('"?" (Shift+/) opens the sheet; "/" goes to the prompt', () => {
    expect(shortcutFor(press('?', { shiftKey: true }), false)).toBe('shortcuts');
    expect(shortcutFor(press('/'), false)).toBe('focusPrompt');
  });

  it('Alt+1…7 go to the seven screens, even from a text field', () => {
    const targets = ['1', '2', '3', '4', '5', '6', '7'].map((d) => shortcutFor(press(d, { altKey: true, inText: true }), false));
    expect(targets).toEqual(['goStudio', 'goLibrary', 'goChats', 'goCompare', 'goBatch', 'goUsage', 'goSettings']);
  });

  it('every action is listed once with a label, so "?" shows everything the shell answers to', () => {
    const actions = SHORTCUTS.flatMap((s) => (s.action ? [`${s.action}:${s.keys}`] : []));
    expect(new Set(actions).size).toBe(actions.length);
    for (const s of SHORTCUTS) expect(s.label.length).toBeGreaterThan(2);
  });

  it('labels read as the platform writes them', () => {
    expect(keysLabel('Mod+Enter', true)).toBe('⌘+Enter');
    expect(keysLabel('Mod+Enter', false)).toBe('Ctrl+Enter');
  });
});
