// The main window: opened where it was, sent main's events, brought forward (or reopened) when
// Atelier is launched again, handed the files opened with Atelier once it has loaded, and, for
// CI's development-path job, the point at which main quits.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL } from '../shared/ipc/channels';
import type { Atelier } from './atelier';
import { forwardEvents } from './services/shell/forwardEvents';
import type { OpenFilesInbox } from './services/shell/openFilesInbox';
import { quitOnceLoaded } from './services/shell/quitWhenLoaded';
import { createMainWindow } from './window';
import { restoredWindowState, trackWindowState } from './windowState';

export function setupMainWindow(atelier: Atelier, inbox: OpenFilesInbox, o: { devTools: boolean; quitWhenLoaded: boolean }): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const devIcon = path.join(app.getAppPath(), 'resources', 'icons', '512x512.png');
  const open = () => {
    const win = createMainWindow({ preload: path.join(__dirname, 'preload.cjs'), state: restoredWindowState(stateFile), devTools: o.devTools, ...(fs.existsSync(devIcon) ? { icon: devIcon } : {}) });
    trackWindowState(win, stateFile);
    return win;
  };
  let win = open();
  atelier.events.onAny(forwardEvents({ send: (name, payload) => void (win.isDestroyed() || win.webContents.send(IPC_EVENT_CHANNEL, name, payload)), logger: atelier.logger }));
  const reveal = () => {
    if (win.isDestroyed()) win = open();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const importAndShow = (paths: string[]) => {
    reveal();
    void atelier.openFiles(paths).catch((err: unknown) => atelier.logger.error('open-file: import failed', { message: String(err) }));
  };
  // Once the renderer listens for app.filesOpened, files that arrived early are imported.
  win.webContents.once('did-finish-load', () => inbox.deliverTo(importAndShow, reveal));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = open();
  });
  if (o.quitWhenLoaded) setupQuitWhenLoaded(win);
}

function setupQuitWhenLoaded(win: BrowserWindow): void {
  quitOnceLoaded({
    contents: win.webContents,
    quit: (code, why) => {
      (code === 0 ? console.log : console.error)(`Atelier: ${why}; quitting (ATELIER_QUIT_WHEN_LOADED=1)`);
      // 0: a normal quit, which closes the services on the way (before-quit in main.ts).
      if (code === 0) app.quit();
      else app.exit(code);
    },
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(t) };
    },
  });
}
