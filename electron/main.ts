// Composition root: lifecycle, the app:// protocol, IPC wiring, and the desktop shell (menu,
// window state, files opened with Atelier, updates). The services themselves are built by
// createAtelier, exactly as the test harness builds them.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, nativeImage, net, Notification, protocol, safeStorage, shell } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import { setupMenu } from './menu';
import { installSecurityGuards } from './security';
import { createAtelier, DEFAULT_KEYCHAIN_SERVICE, type Atelier } from './atelier';
import type { Connectivity } from './services/queue/JobQueue';
import type { Encryptor } from './services/secrets/SecretStore';
import { imagePathsFromArgv, OPENABLE } from './services/shell/openFiles';
import { createElectronUpdater } from './updater';
import { APP_ORIGIN, APP_SCHEME, createMainWindow } from './window';
import { restoredWindowState, trackWindowState } from './windowState';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
installSecurityGuards();

// Tests (the _electron specs) run on a data directory and keychain entry of their own.
if (process.env.ATELIER_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.ATELIER_USER_DATA_DIR));

/** DevTools and their menu item exist only outside a packaged build. */
const DEV_TOOLS = !app.isPackaged;

// Linux without a keyring gives safeStorage a plain-text backend; that is no protection.
const encryptor: Encryptor = {
  isAvailable: () =>
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};

// Main has no "online" event: watch net.isOnline() and report the offline → online edge.
const connectivity: Connectivity = {
  onOnline(listener) {
    let online = net.isOnline();
    const timer = setInterval(() => {
      const now = net.isOnline();
      if (now && !online) listener();
      online = now;
    }, 5_000);
    return () => clearInterval(timer);
  },
};

/** In a checkout, `npm start` builds better-sqlite3 for Electron here (scripts/electron-native.mjs). */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(app.getAppPath(), '.cache', 'electron-native', `${process.versions.electron}-${process.platform}-${process.arch}`,
    'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

/** argv is [exe, …] when packaged and [electron, app path, …] in development. */
const ARGV_SKIP = process.defaultApp ? 2 : 1;

/**
 * Files handed to Atelier before its window can show them (the first launch's argv, macOS
 * open-file before 'ready') wait here until the renderer has loaded.
 */
const pendingFiles: string[] = imagePathsFromArgv(process.argv, process.cwd(), ARGV_SKIP);
let openFilesNow: ((paths: string[]) => void) | null = null;
app.on('open-file', (event, file) => {
  event.preventDefault();
  if (!OPENABLE.test(file)) return;
  if (openFilesNow) openFilesNow([file]);
  else pendingFiles.push(file);
});

async function startServices(): Promise<Atelier> {
  // The updater needs the services to close before it quits; this late binding breaks the cycle.
  let disposeForInstall: () => Promise<void> = async () => {};
  const atelier = await createAtelier({
    userDataDir: app.getPath('userData'),
    rendererDir: path.join(__dirname, '..', 'renderer'),
    trustedOrigin: () => APP_ORIGIN,
    appVersion: app.getVersion(),
    keychainService: process.env.ATELIER_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE,
    encryptor,
    env: { GEMINI_API_KEY: process.env.GEMINI_API_KEY, GEMINI_BASE_URL: process.env.GEMINI_BASE_URL },
    sqliteNativeBinding: sqliteBinding(),
    connectivity,
    notifier: { notify: ({ title, body }) => new Notification({ title, body }).show() },
    isWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
    openExternal: (url) => shell.openExternal(url),
    updater: createElectronUpdater({ isPackaged: app.isPackaged, env: process.env, logger: { debug() {}, info: console.log, warn: console.warn, error: console.error }, beforeInstall: () => disposeForInstall() }),
    desktop: {
      startDrag: (files, icon) => BrowserWindow.getFocusedWindow()?.webContents.startDrag({ file: files[0]!, files, icon }),
      // Electron 45's clipboard is the async ClipboardItem API; PNG is what every app pastes.
      copyImage: (file) =>
        clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(nativeImage.createFromPath(file).toPNG())], { type: 'image/png' }) })]),
      openPath: async (file) => void (await shell.openPath(file)),
      showInFolder: (file) => shell.showItemInFolder(file),
      chooseFolder: async (purpose) => {
        const title = purpose === 'move-library' ? 'Move the library to…' : 'Export to…';
        const r = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      relaunch: () => {
        app.relaunch();
        app.quit();
      },
      // A native, modal dialog: a script in the window cannot read, fake or click it.
      confirm: async ({ title, message, detail, confirmLabel }) => {
        const parent = BrowserWindow.getFocusedWindow();
        const options = { type: 'warning' as const, title, message, detail, buttons: [confirmLabel, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true };
        const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
        return r.response === 0;
      },
    },
  });
  disposeForInstall = () => disposeOnce(atelier);
  return atelier;
}

let disposing: Promise<void> | null = null;
function disposeOnce(atelier: Atelier): Promise<void> {
  disposing ??= atelier.dispose();
  return disposing;
}

function setupIpc(atelier: Atelier): void {
  protocol.handle(APP_SCHEME, atelier.handleRequest);
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, route: unknown, input: unknown) =>
    atelier.router.handle({ url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame }, route, input),
  );
}

function setupWindow(atelier: Atelier): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const devIcon = path.join(app.getAppPath(), 'resources', 'icons', '512x512.png');
  const open = () => {
    const win = createMainWindow({ preload: path.join(__dirname, 'preload.cjs'), state: restoredWindowState(stateFile), devTools: DEV_TOOLS, ...(fs.existsSync(devIcon) ? { icon: devIcon } : {}) });
    trackWindowState(win, stateFile);
    return win;
  };
  let win = open();
  atelier.events.onAny((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  const reveal = () => {
    if (win.isDestroyed()) win = open();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const importAndShow = (paths: string[]) => {
    if (!paths.length) return;
    reveal();
    void atelier.openFiles(paths).catch((err: unknown) => atelier.logger.error('open-file: import failed', { message: String(err) }));
  };
  // Once the renderer listens for app.filesOpened, files that arrived early are imported.
  win.webContents.once('did-finish-load', () => {
    openFilesNow = importAndShow;
    importAndShow(pendingFiles.splice(0));
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    reveal();
    importAndShow(imagePathsFromArgv(argv, workingDirectory, ARGV_SKIP));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = open();
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

async function start(): Promise<void> {
  await app.whenReady();
  let atelier: Atelier;
  try {
    atelier = await startServices();
  } catch (err) {
    dialog.showErrorBox('Atelier could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  setupIpc(atelier);
  setupMenu({ devTools: DEV_TOOLS, ...(atelier.updates.status().state !== 'disabled' ? { checkForUpdates: () => void atelier.updates.check() } : {}) });
  setupWindow(atelier);
  setupLifecycle(atelier);
}

if (app.requestSingleInstanceLock()) void start();
else app.quit();
