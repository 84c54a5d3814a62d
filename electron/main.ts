// Composition root, as a list of setupX() calls (Electron Fiddle's shape). The order matters where
// it says so; what each step does is in its own file, and the decisions are under services/shell
// and ipc/, where they are tested without Electron.
import { app, dialog, ipcMain, protocol } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import type { Atelier } from './atelier';
import { senderOf, setupDragOut } from './desktop';
import { setupMainWindow } from './mainWindow';
import { setupMenu } from './menu';
import { installSecurityGuards } from './security';
import { claimInstance } from './services/shell/instance';
import type { OpenFilesInbox } from './services/shell/openFilesInbox';
import { quitWhenLoadedRequested, reportStartupFailure } from './services/shell/quitWhenLoaded';
import { disposeOnce, startServices } from './startServices';
import { APP_SCHEME } from './window';

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
  setupDragOut(atelier);
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
    reportStartupFailure(err, { quitWhenLoaded: QUIT_WHEN_LOADED, showErrorBox: (title, message) => dialog.showErrorBox(title, message), writeError: (line) => console.error(line), exit: (code) => app.exit(code) });
    return;
  }
  setupIpc(atelier);
  setupMenu({ devTools: DEV_TOOLS, ...(atelier.updates.status().state !== 'disabled' ? { checkForUpdates: () => void atelier.updates.check() } : {}) });
  setupMainWindow(atelier, inbox, { devTools: DEV_TOOLS, quitWhenLoaded: QUIT_WHEN_LOADED });
  setupLifecycle(atelier);
}

setupProtocolScheme();
installSecurityGuards();
// First, before anything reads userData: the data folder, the Windows app id, the lock, and the
// listeners for files opened with Atelier (services/shell/instance.ts).
const inbox = claimInstance(app, {
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  argv: process.argv,
  cwd: process.cwd(),
  // argv is [exe, …] when packaged and [electron, app path, …] in development.
  argvSkip: process.defaultApp ? 2 : 1,
});
if (inbox) void start(inbox);
else app.quit();
