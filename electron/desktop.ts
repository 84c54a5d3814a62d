// Electron's desktop pieces behind the small interfaces the services take: the key's encryption,
// connectivity, notifications, file dialogs, the clipboard, the file manager, and dragging
// library images out of the window. Nothing here decides anything the tests need to see; the
// decisions are in services/ and ipc/, where they run without Electron.
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, nativeImage, net, Notification, safeStorage, shell, type IpcMainEvent, type IpcMainInvokeEvent, type NativeImage } from 'electron';
import { IPC_DRAG_CHANNEL } from '../shared/ipc/channels';
import type { Atelier } from './atelier';
import type { Sender } from './ipc/router';
import type { DesktopShell } from './services/desktop/DesktopShell';
import type { Connectivity, Notifier } from './services/queue/JobQueue';
import type { Encryptor } from './services/secrets/SecretStore';
import { DRAG_ICON_DATA_URL } from './services/shell/dragIcon';

// Linux without a keyring gives safeStorage a plain-text backend; that is no protection.
export const encryptor: Encryptor = {
  isAvailable: () =>
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};

// Main has no "online" event: watch net.isOnline() and report the offline → online edge.
export const connectivity: Connectivity = {
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

export const notifier: Notifier = { notify: ({ title, body }) => new Notification({ title, body }).show() };

/** Who sent an IPC message: the sending frame's URL, and whether it is its window's main frame. */
export function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): Sender {
  return { url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame };
}

async function openDialog(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
  const parent = BrowserWindow.getFocusedWindow();
  return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
}

export function createDesktopShell(): DesktopShell {
  return {
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
    // The Import buttons: paths come from this dialog, never from the window.
    pickFiles: async () => {
      const r = await openDialog({
        title: 'Import images',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'heic', 'heif'] }],
      });
      return r.canceled ? null : r.filePaths;
    },
    pickFolder: async () => {
      const r = await openDialog({ title: 'Import every image in a folder', properties: ['openDirectory'] });
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
  };
}

let dragIcon: NativeImage | null = null;

/**
 * Drag out to Finder or Explorer. The window's dragstart sends the ids (preload.ts) and main
 * starts the OS drag on the web contents that sent them, not on whichever window has focus,
 * with an icon that exists before the drag (services/shell/dragIcon.ts says why it is built in).
 */
export function setupDragOut(atelier: Atelier): void {
  ipcMain.on(IPC_DRAG_CHANNEL, (event, ids: unknown) => {
    atelier.dragOut({
      sender: senderOf(event),
      ids,
      startDrag: (files) => {
        dragIcon ??= nativeImage.createFromDataURL(DRAG_ICON_DATA_URL);
        event.sender.startDrag({ file: files[0]!, files, icon: dragIcon });
      },
    });
  });
}
