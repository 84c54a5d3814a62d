// `npm start` runs this: it builds better-sqlite3 for Electron's ABI in a copy of its own under
// .cache/electron-native/ and leaves node_modules/better-sqlite3 built for Node, so `npm test`
// (Node) and `npm start` (Electron) both work in one checkout, in either order. main.ts hands the
// copy to better-sqlite3 through its `nativeBinding` option (from the path in mainBindingPath). keytar and sharp use Node-API, whose
// binaries load in both runtimes unchanged. Packaged apps: see scripts/package.mjs.
//
// Only the copy may be touched. @electron/rebuild's module walker looks for the module in every
// node_modules from buildPath up to projectRootPath, and its CLI sets projectRootPath to the
// nearest folder with a lockfile, i.e. this checkout: through the CLI it also rebuilt the
// project's own better-sqlite3 for Electron, and Vitest then failed with NODE_MODULE_VERSION
// (lib/module-walker.js and lib/search-module.js in @electron/rebuild 4.2). Called here with
// buildPath = projectRootPath = the copy, the walk cannot leave it (test/unit/scripts/electron-native.test.ts
// drives that walker with these very options).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinary, electronNativeDir, mainBindingPath, projectRootFrom } from './lib/paths.mjs';

const require = createRequire(import.meta.url);
const root = projectRootFrom(import.meta.url);
const versionOf = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;

/**
 * What @electron/rebuild is asked to do: better-sqlite3 only, inside `dir` only.
 * @param {string} dir the cache folder (holds package.json and node_modules/better-sqlite3)
 * @param {string} electronVersion
 * @param {Record<string, string | undefined>} [env]
 */
export function rebuildOptions(dir, electronVersion, env = process.env) {
  return {
    buildPath: dir,
    // The walker stops at projectRootPath: the copy, never the checkout around it.
    projectRootPath: dir,
    electronVersion,
    onlyModules: ['better-sqlite3'],
    types: ['prod'],
    force: true,
    mode: /** @type {const} */ ('sequential'),
    headerURL: env.ELECTRON_REBUILD_DIST_URL || undefined,
  };
}

/**
 * A fresh copy of better-sqlite3's sources (not its Node build) in `dir`, with the package.json
 * the walker starts from.
 * @param {string} source node_modules/better-sqlite3
 * @param {string} dir
 */
export function prepareCopy(source, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  cpSync(source, path.join(dir, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`),
  });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'atelier-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
}

const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

async function main() {
  const electronVersion = versionOf('electron');
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const dir = electronNativeDir(root, { electron: electronVersion, betterSqlite3: versionOf('better-sqlite3'), platform: process.platform, arch: process.arch });
  const binary = electronNativeBinary(dir);
  const forMain = mainBindingPath(root, { electron: electronVersion, platform: process.platform, arch: process.arch });
  if (existsSync(binary)) {
    offerToMain(binary, forMain);
    console.log(`electron-native: better-sqlite3 for Electron ${electronVersion} is ready`);
    return;
  }
  console.log(`electron-native: building better-sqlite3 for Electron ${electronVersion} (once; takes a minute or two)…`);
  prepareCopy(source, dir);
  // A user-level nodedir (set on machines that build for Node) would make node-gyp use Node's headers.
  for (const k of Object.keys(process.env)) if (/^npm_config_nodedir$/i.test(k)) delete process.env[k];
  const nodeBuild = path.join(source, 'build', 'Release', 'better_sqlite3.node');
  const before = hashOf(nodeBuild);
  const { rebuild } = await import('@electron/rebuild');
  const job = rebuild(rebuildOptions(dir, electronVersion));
  job.lifecycle.on('modules-found', (names) => console.log(`electron-native: building ${names.join(', ') || 'nothing (no native module found in the copy)'}`));
  await job;
  if (hashOf(nodeBuild) !== before) {
    // Not fatal for the app (its copy is fine), but `npm test` would fail with NODE_MODULE_VERSION.
    console.warn(`electron-native: ${nodeBuild} changed during the Electron build; \`npm rebuild better-sqlite3\` restores it for \`npm test\`.`);
  }
  if (!existsSync(binary)) {
    console.error('electron-native: the Electron build of better-sqlite3 did not produce a binary');
    process.exit(1);
  }
  offerToMain(binary, forMain);
  console.log('electron-native: done');
}

/**
 * Puts the build for the installed better-sqlite3 where main.ts loads it, whenever it differs,
 * so an update of better-sqlite3 reaches the app at the next `npm start`.
 * @param {string} binary
 * @param {string} forMain
 */
export function offerToMain(binary, forMain) {
  if (hashOf(forMain) === hashOf(binary)) return;
  mkdirSync(path.dirname(forMain), { recursive: true });
  cpSync(binary, forMain);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
