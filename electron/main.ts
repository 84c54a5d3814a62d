// Composition root, as a list of setupX() calls. The order matters where it says so; everything
// each step does is in its own file (the decisions under services/shell, where they are tested).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import type { Atelier } from './atelier';
import { senderOf, setupDragOut } from './desktop';
import { setupMenu } from './menu';
import { installSecurityGuards } from './security';
import { forwardEvents } from './services/shell/forwardEvents';
import { claimInstance } from './services/shell/instance';
import type { OpenFilesInbox } from './services/shell/openFilesInbox';
import { quitOnceLoaded, quitWhenLoadedRequested, reportStartupFailure } from './services/shell/quitWhenLoaded';
import { disposeOnce, startServices } from './startServices';
import { APP_SCHEME, createMainWindow } from './window';
import { restoredWindowState, trackWindowState } from './windowState';

/** DevTools and their menu item exist only outside a packaged build. */
const DEV_TOOLS = !app.isPackaged;
/** CI's development-path job: quit once the window has loaded (services/shell/quitWhenLoaded.ts). */
const QUIT_WHEN_LOADED = quitWhenLoadedRequested(process.env);

function setupProtocolScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

function setupIpc(atelier: Atelier): void {
  protocol.handle(APP_SCHEME, atelier.handleRequest);
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, route: unknown, input: unknown) => atelier.router.handle(senderOf(event), route, input));
}

function setupWindow(atelier: Atelier, inbox: OpenFilesInbox): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const devIcon = path.join(app.getAppPath(), 'resources', 'icons', '512x512.png');
  const open = () => {
    const win = createMainWindow({ preload: path.join(__dirname, 'preload.cjs'), state: restoredWindowState(stateFile), devTools: DEV_TOOLS, ...(fs.existsSync(devIcon) ? { icon: devIcon } : {}) });
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
  if (QUIT_WHEN_LOADED) setupQuitWhenLoaded(win);
}

function setupQuitWhenLoaded(win: BrowserWindow): void {
  quitOnceLoaded({
    contents: win.webContents,
    quit: (code, why) => {
      (code === 0 ? console.log : console.error)(`Atelier: ${why}; quitting (ATELIER_QUIT_WHEN_LOADED=1)`);
      if (code === 0) app.quit();
      else app.exit(code);
    },
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(t) };
    },
  });
}

function setupLifecycle(atelier: Atelier): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void disposeOnce(atelier).finally(() => app.quit());
  });
}

async function start(inbox: OpenFilesInbox): Promise<void> {
  await app.whenReady();
  let atelier: Atelier;
  try {
    atelier = await startServices();
  } catch (err) {
    reportStartupFailure(err, { quitWhenLoaded: QUIT_WHEN_LOADED, showErrorBox: dialog.showErrorBox, writeError: (line) => console.error(line), exit: (code) => app.exit(code) });
    return;
  }
  setupIpc(atelier);
  setupDragOut(atelier);
  setupMenu({ devTools: DEV_TOOLS, ...(atelier.updates.status().state !== 'disabled' ? { checkForUpdates: () => void atelier.updates.check() } : {}) });
  setupWindow(atelier, inbox);
  setupLifecycle(atelier);
}

setupProtocolScheme();
installSecurityGuards();
// First, before anything reads userData: the data folder, the Windows app id, the lock, and the
// listeners for files opened with Atelier (services/shell/instance.ts).
const inbox = claimInstance(app, {
  platform: process.platform,
  env: process.env,
  argv: process.argv,
  cwd: process.cwd(),
  // argv is [exe, …] when packaged and [electron, app path, …] in development.
  argvSkip: process.defaultApp ? 2 : 1,
});
if (inbox) void start(inbox);
else app.quit();
