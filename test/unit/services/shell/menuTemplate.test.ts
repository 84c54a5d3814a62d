import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuItem } from '../../../../electron/services/shell/menuTemplate';

const roles = (items: MenuItem[] | undefined) => (items ?? []).map((i) => i.role ?? i.label ?? i.type);
const find = (menu: MenuItem[], label: string) => menu.find((m) => m.label === label);

function build(platform: string, devTools = false) {
  const opened: string[] = [];
  let about = 0;
  const menu = menuTemplate(platform, 'Atelier', { openExternal: (u) => void opened.push(u), showAbout: () => void (about += 1) }, { devTools });
  return { menu, opened, about: () => about };
}

describe('native menu', () => {
  it('macOS has the app menu first, with About, Hide and Quit', () => {
    const { menu } = build('darwin');
    expect(menu[0]!.label).toBe('Atelier');
    expect(roles(menu[0]!.submenu)).toEqual(expect.arrayContaining(['About Atelier', 'hide', 'hideOthers', 'quit']));
    expect(menu.map((m) => m.label)).toEqual(['Atelier', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('Windows and Linux have no app menu; About sits in Help', () => {
    const { menu, about } = build('win32');
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    find(menu, 'Help')!.submenu!.find((i) => i.label === 'About Atelier')!.click!();
    expect(about()).toBe(1);
  });

  it('Edit gives text fields undo, redo, cut, copy, paste and select all on every system', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      expect(roles(find(build(platform).menu, 'Edit')!.submenu)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('Help links go to the docs in the system browser, over https', () => {
    const { menu, opened } = build('linux');
    for (const item of find(menu, 'Help')!.submenu!) if (item.label !== 'About Atelier') item.click?.();
    expect(opened.length).toBe(3);
    expect(opened.every((u) => u.startsWith('https://'))).toBe(true);
  });

  it('offers DevTools only when asked to (never in a packaged build)', () => {
    expect(roles(find(build('linux', false).menu, 'View')!.submenu)).not.toContain('toggleDevTools');
    expect(roles(find(build('linux', true).menu, 'View')!.submenu)).toContain('toggleDevTools');
  });
});
