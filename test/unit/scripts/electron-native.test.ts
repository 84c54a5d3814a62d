/**
 * `npm start`'s Electron build of better-sqlite3 (scripts/electron-native.mjs). Electron's headers
 * cannot be fetched here, so nothing is compiled: @electron/rebuild's own planning step (the
 * Rebuilder's module walk, the list it would compile) is driven with the options the script passes.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { offerToMain, prepareCopy, rebuildOptions } from '../../../scripts/electron-native.mjs';
import { electronNativeDir, mainBindingPath, projectRootFrom } from '../../../scripts/lib/paths.mjs';

const root = path.resolve(__dirname, '..', '..', '..');

describe('item 1: the project root from the script’s own file URL', () => {
  it('a Windows file URL with an encoded space gives C:\\Users\\a b\\atelier, not C:\\C:\\… or %20', () => {
    const url = 'file:///C:/Users/a%20b/atelier/scripts/electron-native.mjs';
    expect(projectRootFrom(url, { pathApi: path.win32 })).toBe('C:\\Users\\a b\\atelier');
  });

  it('a checkout under a path with a space and non-ASCII letters', () => {
    const dir = path.join(os.tmpdir(), 'Ma bibliothèque', 'ateliér');
    const url = pathToFileURL(path.join(dir, 'scripts', 'electron-native.mjs')).href;
    expect(url).toContain('%20');
    expect(projectRootFrom(url)).toBe(dir);
  });

  it('from scripts/lib, two levels up', () => {
    expect(projectRootFrom(pathToFileURL(path.join(root, 'scripts', 'lib', 'paths.mjs')).href, { up: 2 })).toBe(root);
  });
});

interface PlanningRebuilder {
  modulesToRebuild(): Promise<string[]>;
}
type RebuilderClass = new (options: Record<string, unknown>) => PlanningRebuilder;

/** @electron/rebuild's Rebuilder, which its package's `exports` keep private. */
async function loadRebuilder(): Promise<RebuilderClass> {
  const file = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'rebuild.js');
  return ((await import(pathToFileURL(file).href)) as { Rebuilder: RebuilderClass }).Rebuilder;
}

/** A checkout in miniature: a lockfile, node_modules/better-sqlite3 built for Node, its deps. */
function fakeCheckout(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-native-')));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('package.json', JSON.stringify({ name: 'atelier', dependencies: { 'better-sqlite3': '^12', keytar: '^7' } }));
  write('package-lock.json', '{}');
  write('node_modules/better-sqlite3/package.json', JSON.stringify({ name: 'better-sqlite3', version: '12.11.1', dependencies: { bindings: '^1', 'prebuild-install': '^7' } }));
  write('node_modules/better-sqlite3/binding.gyp', '{}');
  write('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'built for Node');
  write('node_modules/keytar/package.json', JSON.stringify({ name: 'keytar', version: '7.9.0' }));
  write('node_modules/keytar/binding.gyp', '{}');
  write('node_modules/bindings/package.json', JSON.stringify({ name: 'bindings', version: '1.5.0' }));
  write('node_modules/prebuild-install/package.json', JSON.stringify({ name: 'prebuild-install', version: '7.1.3' }));
  return dir;
}

describe('item 6: the rebuild touches only the cache copy', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('@electron/rebuild, given the script’s options, plans to build the copy and nothing in the checkout’s node_modules', async () => {
    const checkout = fakeCheckout();
    made.push(checkout);
    const cache = electronNativeDir(checkout, { electron: '45.4.1', betterSqlite3: '12.11.1', platform: process.platform, arch: process.arch });
    prepareCopy(path.join(checkout, 'node_modules', 'better-sqlite3'), cache);
    // The copy has the sources but not Node's build.
    expect(fs.existsSync(path.join(cache, 'node_modules', 'better-sqlite3', 'binding.gyp'))).toBe(true);
    expect(fs.existsSync(path.join(cache, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);

    const Rebuilder = await loadRebuilder();
    const options = rebuildOptions(cache, '45.4.1', {});
    const planned = await new Rebuilder({ ...options, lifecycle: new EventEmitter() }).modulesToRebuild();
    // rebuild() compiles these plus buildPath itself, wherever a binding.gyp is.
    const compiled = [...planned, options.buildPath].filter((p) => fs.existsSync(path.join(p, 'binding.gyp')));

    expect(compiled).toEqual([path.join(cache, 'node_modules', 'better-sqlite3')]);
    for (const p of compiled) expect(path.relative(cache, p).startsWith('..')).toBe(false);
    expect(compiled).not.toContain(path.join(checkout, 'node_modules', 'better-sqlite3'));
  });

  it('a new better-sqlite3 (or Electron, or arch) gets a new cache folder, so no stale binary is reused', () => {
    const v = { electron: '45.4.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    const first = electronNativeDir(root, v);
    expect(electronNativeDir(root, { ...v, betterSqlite3: '12.12.0' })).not.toBe(first);
    expect(electronNativeDir(root, { ...v, electron: '45.5.0' })).not.toBe(first);
    expect(electronNativeDir(root, { ...v, arch: 'arm64' })).not.toBe(first);
    expect(path.dirname(first)).toBe(path.join(root, '.cache', 'electron-native'));
  });

  it('after a better-sqlite3 update, main is handed the new build, not the one it loaded before', () => {
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-slot-'));
    made.push(checkout);
    const forMain = mainBindingPath(checkout, { electron: '45.4.1', platform: 'linux', arch: 'x64' });
    const built = (version: string) => {
      const file = path.join(electronNativeDir(checkout, { electron: '45.4.1', betterSqlite3: version, platform: 'linux', arch: 'x64' }), 'better_sqlite3.node');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `Electron build of better-sqlite3 ${version}`);
      return file;
    };
    offerToMain(built('12.11.1'), forMain);
    expect(fs.readFileSync(forMain, 'utf8')).toBe('Electron build of better-sqlite3 12.11.1');
    offerToMain(built('12.12.0'), forMain);
    expect(fs.readFileSync(forMain, 'utf8')).toBe('Electron build of better-sqlite3 12.12.0');
  });

  it('the shell still looks where mainBindingPath says (sqliteBinding, in electron/main.ts today)', () => {
    const shell = fs.readdirSync(path.join(root, 'electron')).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(root, 'electron', f), 'utf8')).join('\n');
    expect(shell).toMatch(/'\.cache', 'electron-native', `\$\{process\.versions\.electron\}-\$\{process\.platform\}-\$\{process\.arch\}`,\s*'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3\.node'/);
  });
});
