import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitToScreens, readWindowState, writeWindowState } from '../../../../electron/services/shell/windowState';
import { tempDir } from '../../../support/tmp';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('window state fitted to the screens that exist', () => {
  it('first start: the default size, centred on the primary screen', () => {
    expect(fitToScreens(null, [laptop])).toEqual({ bounds: { x: 40, y: 25, width: DEFAULT_SIZE.width, height: 875 }, maximized: false });
  });

  it('keeps a window that is on a screen exactly where it was', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: true };
    expect(fitToScreens(saved, [laptop, external])).toEqual(saved);
  });

  it('a window saved on a monitor that has been unplugged opens centred on the primary screen, shrunk to fit', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: false };
    expect(fitToScreens(saved, [laptop])).toEqual({ bounds: { x: 0, y: 25, width: 1440, height: 875 }, maximized: false });
  });

  it('a window hanging off the edge is pulled back inside the screen its title bar is on', () => {
    const saved = { bounds: { x: 1200, y: 600, width: 1000, height: 700 }, maximized: false };
    expect(fitToScreens(saved, [laptop])).toEqual({ bounds: { x: 440, y: 200, width: 1000, height: 700 }, maximized: false });
  });

  it('a title bar above the top of every screen counts as lost (it could not be dragged back)', () => {
    const saved = { bounds: { x: 100, y: -500, width: 1000, height: 700 }, maximized: false };
    expect(fitToScreens(saved, [laptop]).bounds).toEqual({ x: 220, y: 113, width: 1000, height: 700 });
  });

  it('grows a window saved smaller than the minimum, but never past the screen', () => {
    const small = { x: 0, y: 0, width: 800, height: 500 };
    expect(fitToScreens({ bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false }, [small]).bounds).toEqual({ x: 0, y: 0, width: 800, height: 500 });
  });

  it('saves atomically and reads back; a damaged file is "no saved state"', () => {
    const file = path.join(tempDir(), 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    fs.writeFileSync(file, '{"bounds":{"x":"left"}');
    expect(readWindowState(file)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }));
    expect(readWindowState(file)).toBeNull();
  });
});
