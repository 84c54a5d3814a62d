// electron-updater behind the app's Updater interface. GitHub Releases is the feed (written into
// app-update.yml by electron-builder); electron-updater checks the sha512 of every download and,
// on Windows, that the installer is signed by win.signtoolOptions.publisherName.
import fs from 'node:fs';
import path from 'node:path';
import { autoUpdater } from 'electron-updater';
import type { Logger } from './services/logger';
import { updatesOffReason } from './services/updates/updatePolicy';
import type { Updater, UpdaterEvent } from './services/updates/UpdateService';

/** What electron-builder wrote into a Linux package's resources (electron-updater reads the same file). */
function packageType(): string | null {
  try {
    return fs.readFileSync(path.join(process.resourcesPath, 'package-type'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * No updater (and why) where updating is off: development, tests (ATELIER_UPDATES=off), a Linux
 * install other than the AppImage, or no feed in this build. `autoUpdater` is touched only
 * after the decision: its getter picks DebUpdater for a .deb.
 */
export function createElectronUpdater(o: { isPackaged: boolean; env: NodeJS.ProcessEnv; logger: Logger; beforeInstall: () => Promise<void> }): { updater: Updater | null; offReason: string | null } {
  const offReason = updatesOffReason({ isPackaged: o.isPackaged, platform: process.platform, env: o.env, packageType: process.platform === 'linux' ? packageType() : null });
  if (offReason) return { updater: null, offReason };
  if (!autoUpdater.isUpdaterActive()) return { updater: null, offReason: 'This build has no update feed.' };
  return { updater: electronUpdater(o), offReason: null };
}

function electronUpdater(o: { logger: Logger; beforeInstall: () => Promise<void> }): Updater {
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
