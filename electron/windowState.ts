// Restores the window where it was (fitted to today's screens) and remembers it as it moves.
import { screen, type BrowserWindow } from 'electron';
import { fitToScreens, readWindowState, writeWindowState, type WindowState } from './services/shell/windowState';

export function restoredWindowState(file: string): WindowState {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return fitToScreens(readWindowState(file), [primary, ...others].map((d) => d.workArea));
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    // The normal bounds, so a maximised window comes back maximised over its old size.
    writeWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resized', later);
  win.on('moved', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}
