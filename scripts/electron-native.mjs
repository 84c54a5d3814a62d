// Builds better-sqlite3 for Electron's ABI into .cache/electron-native/<electron>-<platform>-<arch>,
// leaving node_modules/better-sqlite3 built for Node. That way `npm test` (Node) and `npm start`
// (Electron) both work in the same checkout, in either order. main.ts passes the Electron build
// to better-sqlite3 through its `nativeBinding` option. keytar and sharp use Node-API, whose
// binaries load in both runtimes unchanged. Packaged apps are rebuilt by electron-builder instead.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const dir = path.join(root, '.cache', 'electron-native', `${electronVersion}-${process.platform}-${process.arch}`);
const binary = path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

if (existsSync(binary)) {
  console.log(`electron-native: better-sqlite3 for Electron ${electronVersion} is ready`);
  process.exit(0);
}

console.log(`electron-native: building better-sqlite3 for Electron ${electronVersion} (once; takes a minute or two)…`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
cpSync(source, path.join(dir, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`),
});
writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'atelier-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));

// A user-level nodedir (set on machines that build for Node) would make node-gyp use Node's headers.
const env = { ...process.env };
for (const k of Object.keys(env)) if (/^npm_config_nodedir$/i.test(k)) delete env[k];
execFileSync(process.execPath, [path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', electronVersion, '--module-dir', dir, '--only', 'better-sqlite3', '--force'], { stdio: 'inherit', env });

if (!existsSync(binary)) {
  console.error('electron-native: the Electron build of better-sqlite3 did not produce a binary');
  process.exit(1);
}
console.log('electron-native: done');
