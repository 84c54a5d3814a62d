/**
 * Item 14: `dependencies` is what electron-builder copies into app.asar, so it must hold exactly
 * what the main process (and its workers) load at run time. Everything the renderer uses is
 * bundled by Vite and belongs in devDependencies. What main reaches is read from esbuild's own
 * graph of the entries scripts/build-electron.mjs builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The package a bare import names: `@scope/name/sub` → `@scope/name`. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

async function packagesMainLoads(): Promise<Set<string>> {
  const script = fs.readFileSync(path.join(root, 'scripts', 'build-electron.mjs'), 'utf8');
  const entries = [...script.matchAll(/entryPoints: \['([^']+)'\]/g)].map((m) => path.join(root, m[1]!));
  expect(entries.map((e) => path.relative(root, e))).toContain(path.join('electron', 'main.ts'));
  const result = await build({ entryPoints: entries, bundle: true, platform: 'node', format: 'cjs', packages: 'external', external: ['electron'], metafile: true, write: false, outdir: path.join(root, 'test-results', 'deps-probe'), logLevel: 'silent' });
  const found = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && !imp.path.startsWith('node:') && !imp.path.startsWith('.')) found.add(packageOf(imp.path));
  }
  found.delete('electron'); // the runtime itself
  return found;
}

describe('item 14: dependencies are what main loads, nothing more or less', () => {
  it('every dependency is loaded by the main process or its workers', async () => {
    const loaded = await packagesMainLoads();
    expect(Object.keys(pkg.dependencies).filter((d) => !loaded.has(d))).toEqual([]);
  });

  it('everything main loads is a dependency (a devDependency would be missing from the package)', async () => {
    const loaded = await packagesMainLoads();
    expect([...loaded].filter((d) => !(d in pkg.dependencies)).sort()).toEqual([]);
  });

  it('the renderer’s packages are devDependencies, bundled by Vite', () => {
    for (const p of ['react', 'react-dom', 'konva', 'react-konva', 'zustand', '@tanstack/react-virtual', 'justified-layout', 'react-zoom-pan-pinch']) {
      expect(pkg.devDependencies, p).toHaveProperty([p]);
      expect(pkg.dependencies, p).not.toHaveProperty([p]);
    }
  });

  it('package-lock.json’s root entry says the same as package.json', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; dev?: boolean }> };
    expect(lock.packages['']!.dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['']!.devDependencies).toEqual(pkg.devDependencies);
    expect(lock.packages['node_modules/react']!.dev).toBe(true);
  });
});
