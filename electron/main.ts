// Composition root: lifecycle, the app:// protocol, IPC wiring. The services themselves are
// built by createAtelier, exactly as the test harness builds them.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, nativeImage, net, Notification, protocol, safeStorage, shell } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import { createAtelier, type Atelier } from './atelier';
import type { Connectivity } from './services/queue/JobQueue';
import type { Encryptor } from './services/secrets/SecretStore';
import { APP_ORIGIN, APP_SCHEME, createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

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

async function start(): Promise<void> {
  await app.whenReady();
  let atelier: Atelier;
  try {
    atelier = await createAtelier({
      userDataDir: app.getPath('userData'),
      rendererDir: path.join(__dirname, '..', 'renderer'),
      trustedOrigin: () => APP_ORIGIN,
      appVersion: app.getVersion(),
      encryptor,
      env: { GEMINI_API_KEY: process.env.GEMINI_API_KEY, GEMINI_BASE_URL: process.env.GEMINI_BASE_URL },
      sqliteNativeBinding: sqliteBinding(),
      connectivity,
      notifier: { notify: ({ title, body }) => new Notification({ title, body }).show() },
      isWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
      openExternal: (url) => shell.openExternal(url),
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
  } catch (err) {
    dialog.showErrorBox('Atelier could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }

  protocol.handle(APP_SCHEME, atelier.handleRequest);
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, route: unknown, input: unknown) =>
    atelier.router.handle({ url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame }, route, input),
  );

  const preload = path.join(__dirname, 'preload.cjs');
  let win: BrowserWindow | null = createMainWindow(preload);
  atelier.events.onAny((name, payload) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(preload);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void atelier.dispose().finally(() => app.quit());
  });
}

if (app.requestSingleInstanceLock()) void start();
else app.quit();
