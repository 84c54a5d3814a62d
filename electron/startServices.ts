// The services as the app runs them: createAtelier (the same composition the test harness
// uses) with Electron's pieces plugged in (desktop.ts) and the paths of this install.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { createAtelier, DEFAULT_KEYCHAIN_SERVICE, type Atelier } from './atelier';
import { connectivity, createDesktopShell, encryptor, notifier } from './desktop';
import { launchImageHelper } from './imageHelperProcess';
import { createElectronUpdater } from './updater';
import { APP_ORIGIN } from './window';

/** In a checkout, `npm start` builds better-sqlite3 for Electron here (scripts/electron-native.mjs). */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(app.getAppPath(), '.cache', 'electron-native', `${process.versions.electron}-${process.platform}-${process.arch}`,
    'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

let disposing: Promise<void> | null = null;
/** Services close once, whether the user quits or an update installs. */
export function disposeOnce(atelier: Atelier): Promise<void> {
  disposing ??= atelier.dispose();
  return disposing;
}

export async function startServices(): Promise<Atelier> {
  // The updater needs the services to close before it quits; this late binding breaks the cycle.
  let disposeForInstall: () => Promise<void> = async () => {};
  const updates = createElectronUpdater({
    isPackaged: app.isPackaged,
    env: process.env,
    logger: { debug() {}, info: console.log, warn: console.warn, error: console.error },
    beforeInstall: () => disposeForInstall(),
  });
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
    notifier,
    isWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
    openExternal: (url) => shell.openExternal(url),
    updater: updates.updater,
    updatesOffReason: updates.offReason,
    desktop: createDesktopShell(),
    // sharp runs in a utility process, never in main (services/images; a fork would not start from a package).
    launchImageHelper,
    // Fingerprints (and meaning vectors, when on) for pictures from before: only the app pays for it.
    startBackfill: true,
  });
  disposeForInstall = () => disposeOnce(atelier);
  return atelier;
}
