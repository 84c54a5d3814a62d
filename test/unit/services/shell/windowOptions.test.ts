import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../electron/services/shell/windowOptions';

const state = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false };

describe('the main window', () => {
  it('item 13: spell-checking is off, so no Hunspell dictionaries are downloaded', () => {
    expect(mainWindowOptions({ preload: '/p.cjs', state, devTools: false }).webPreferences.spellcheck).toBe(false);
    // window.ts builds its BrowserWindow from these options and nothing else.
    const windowTs = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'electron', 'window.ts'), 'utf8');
    expect(windowTs).toMatch(/new BrowserWindow\(mainWindowOptions\(o\)\)/);
    expect(windowTs).not.toMatch(/spellcheck/);
  });

  it('is sandboxed and isolated, with DevTools and the icon as asked', () => {
    const o = mainWindowOptions({ preload: '/p.cjs', state, devTools: true, icon: '/i.png' });
    expect(o.webPreferences).toMatchObject({ preload: '/p.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, navigateOnDragDrop: false, devTools: true });
    expect(o).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false, icon: '/i.png' });
    expect(mainWindowOptions({ preload: '/p.cjs', state, devTools: false })).not.toHaveProperty('icon');
  });
});
