// Where the checkout is, from a script's own file URL. `new URL(url).pathname` is wrong twice
// over: on Windows it gives `/C:/…` (which path.resolve turns into `C:\C:\…`), and it leaves
// `%20` and non-ASCII letters percent-encoded. fileURLToPath decodes both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root for a script in scripts/ (or scripts/lib/ with `up` = 2).
 * @param {string} fileUrl a script's import.meta.url
 * @param {{ pathApi?: path.PlatformPath, up?: number }} [o] path.win32 to read a Windows URL on any system
 */
export function projectRootFrom(fileUrl, { pathApi = path, up = 1 } = {}) {
  const file = fileURLToPath(fileUrl, { windows: pathApi === path.win32 });
  return pathApi.resolve(pathApi.dirname(file), ...Array(up).fill('..'));
}

/**
 * The folder better-sqlite3 is built for Electron in. Every input that changes the binary is in
 * the name, so an update of Electron or better-sqlite3 (or another machine's arch) gets a fresh
 * build instead of a stale one.
 * @param {string} root
 * @param {{ electron: string, betterSqlite3: string, platform: string, arch: string }} v
 */
export function electronNativeDir(root, v) {
  return path.join(root, '.cache', 'electron-native', `electron-${v.electron}-better-sqlite3-${v.betterSqlite3}-${v.platform}-${v.arch}`);
}

/** The Electron build of better-sqlite3 inside {@link electronNativeDir}. */
export function electronNativeBinary(dir) {
  return path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/**
 * Where electron/main.ts loads the Electron build from (it knows Electron's version, the platform
 * and the arch, not better-sqlite3's). electron-native.mjs copies the build for the installed
 * better-sqlite3 here on every `npm start`, so main always gets the current one.
 * @param {string} root
 * @param {{ electron: string, platform: string, arch: string }} v
 */
export function mainBindingPath(root, v) {
  return path.join(root, '.cache', 'electron-native', `${v.electron}-${v.platform}-${v.arch}`, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}
