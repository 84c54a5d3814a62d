// electron-updater behind the app's Updater interface. GitHub Releases is the feed (written into
// app-update.yml by electron-builder); electron-updater checks the sha512 of every download and,
// on Windows, that the installer is signed by win.signtoolOptions.publisherName.
import { autoUpdater } from 'electron-updater';
import type { Logger } from './services/logger';
import type { Updater, UpdaterEvent } from './services/updates/UpdateService';

/** Null where updating is off: development, tests (ATELIER_UPDATES=off), or no feed in this build. */
export function createElectronUpdater(o: { isPackaged: boolean; env: NodeJS.ProcessEnv; logger: Logger; beforeInstall: () => Promise<void> }): Updater | null {
  if (!o.isPackaged || o.env.ATELIER_UPDATES === 'off' || !autoUpdater.isUpdaterActive()) return null;
  autoUpdater.autoDownload = true;
  // Never forced: a downloaded update also installs when the user quits on their own.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = {
    info: (m: unknown) => o.logger.debug('updates: electron-updater', { message: String(m) }),
    warn: (m: unknown) => o.logger.warn('updates: electron-updater', { message: String(m) }),
    error: (m: unknown) => o.logger.warn('updates: electron-updater', { message: String(m) }),
    debug: (m: unknown) => o.logger.debug('updates: electron-updater', { message: String(m) }),
  };
  const listeners = new Set<(e: UpdaterEvent) => void>();
  const emit = (e: UpdaterEvent) => listeners.forEach((l) => l(e));
  autoUpdater.on('checking-for-update', () => emit({ type: 'checking' }));
  autoUpdater.on('update-available', (info) => emit({ type: 'available', version: info.version }));
  autoUpdater.on('update-not-available', () => emit({ type: 'not-available' }));
  autoUpdater.on('download-progress', (p) => emit({ type: 'progress', percent: p.percent }));
  autoUpdater.on('update-downloaded', (info) => emit({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (err) => emit({ type: 'error', message: err?.message ?? String(err) }));
  return {
    check: async () => {
      await autoUpdater.checkForUpdates();
    },
    quitAndInstall: async () => {
      // Close the database and the queue first, as a normal quit would.
      await o.beforeInstall();
      autoUpdater.quitAndInstall(false, true);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
