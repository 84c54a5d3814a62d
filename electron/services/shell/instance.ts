/**
 * What must happen before anything else in main, in this order: the data folder (development
 * apart from the installed app), the Windows app identity, the single-instance lock, and the
 * listeners for files opened with Atelier. main.ts calls claimInstance first thing; it takes
 * Electron's `app` as an interface so the order is tested without Electron.
 */
import path from 'node:path';
import { createOpenFilesInbox, type OpenFilesInbox, type OpenFilesSource } from './openFilesInbox';

/** electron-builder.yml's appId: the installer's Start-menu shortcut carries the same id. */
export const APP_USER_MODEL_ID = 'dev.atelier.studio';
/** Beside the installed app's "Atelier" folder in appData, never inside it. */
export const DEVELOPMENT_DATA_FOLDER = 'Atelier (development)';

/**
 * The userData folder to set, or null for Electron's default (appData/Atelier). ATELIER_USER_DATA_DIR
 * (the _electron specs, a second profile) wins. A checkout (`npm start`, not packaged) gets a folder
 * of its own: otherwise it shares the installed app's library, whose schema a development build may
 * move ahead (the installed app then refuses it), and its single-instance lock, so `npm start`
 * quietly exits while the installed Atelier runs.
 */
export function userDataFolder(o: { isPackaged: boolean; appData: string; env: { ATELIER_USER_DATA_DIR?: string | undefined } }): string | null {
  if (o.env.ATELIER_USER_DATA_DIR) return path.resolve(o.env.ATELIER_USER_DATA_DIR);
  if (!o.isPackaged) return path.join(o.appData, DEVELOPMENT_DATA_FOLDER);
  return null;
}

/**
 * Windows shows a toast only for an AppUserModelID that a Start-menu shortcut carries; without
 * one set, toasts are dropped or attributed to electron.exe. The NSIS installer makes that
 * shortcut from appId. A checkout runs electron.exe, which has no such shortcut: Electron's
 * notifications tutorial has development use process.execPath (with electron.exe pinned to
 * Start), which also keeps a development run from claiming the installed app's id.
 */
export function appUserModelId(isPackaged: boolean, execPath: string): string {
  return isPackaged ? APP_USER_MODEL_ID : execPath;
}

export interface InstanceApp extends OpenFilesSource {
  isPackaged: boolean;
  getPath(name: 'appData'): string;
  setPath(name: 'userData', value: string): void;
  setAppUserModelId(id: string): void;
  requestSingleInstanceLock(): boolean;
}

/** Null when another Atelier on the same data folder already runs (it has been handed our files). */
export function claimInstance(
  app: InstanceApp,
  o: { platform: string; env: { ATELIER_USER_DATA_DIR?: string | undefined }; execPath: string; argv: readonly string[]; cwd: string; argvSkip: number },
): OpenFilesInbox | null {
  // Before the lock: Chromium's process singleton lives in userData (electron/electron#29068
  // and #18728: two apps, or two copies, with one userData share one lock), and before anything
  // reads userData (logs, the library).
  const dir = userDataFolder({ isPackaged: app.isPackaged, appData: app.getPath('appData'), env: o.env });
  if (dir) app.setPath('userData', dir);
  if (o.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged, o.execPath));
  if (!app.requestSingleInstanceLock()) return null;
  // At once, not after the services start: second-instance can fire while they do.
  return createOpenFilesInbox(app, { argv: o.argv, cwd: o.cwd, argvSkip: o.argvSkip });
}
