// electron-builder's `npmRebuild` rebuilds the app's native dependencies for Electron in place:
// with a single package.json (no app/ folder of its own) its buildPath and projectRootPath are
// this checkout (app-builder-lib 26, out/util/yarn.js `rebuild`), so after `npm run package`
// node_modules/better-sqlite3 was Electron's and `npm test` failed with NODE_MODULE_VERSION.
// The rebuild itself must stay (it is what builds each arch of a mac build), so scripts/package.mjs
// keeps Node's build aside and puts it back afterwards, whatever happens. Nothing is compiled or
// downloaded to restore it.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Copies `moduleDir/build` aside; the returned function puts it back as it was.
 * @param {string} moduleDir e.g. node_modules/better-sqlite3
 * @returns {() => void}
 */
export function keepNodeBuild(moduleDir) {
  const build = path.join(moduleDir, 'build');
  if (!existsSync(build)) return () => {};
  const aside = mkdtempSync(path.join(os.tmpdir(), 'atelier-node-build-'));
  cpSync(build, path.join(aside, 'build'), { recursive: true });
  return () => {
    rmSync(build, { recursive: true, force: true });
    cpSync(path.join(aside, 'build'), build, { recursive: true });
    rmSync(aside, { recursive: true, force: true });
  };
}
