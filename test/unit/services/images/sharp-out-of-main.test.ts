/**
 * Issue 15, item 7: sharp (libvips) must not load into Electron's main process, where a GLib
 * collision or a libvips fault takes the whole app down. Checked on what esbuild bundles, with
 * the options scripts/build-electron.mjs uses: main's bundle never imports sharp, the helper's does.
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import pkg from '../../../../package.json';

const external = ['electron', ...Object.keys(pkg.dependencies)];

async function importsOf(entry: string): Promise<{ packages: string[]; sources: string[] }> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node22', external, write: false, metafile: true, outfile: 'out.cjs', logLevel: 'silent' });
  const meta: Metafile = result.metafile;
  const output = Object.values(meta.outputs)[0]!;
  return { packages: output.imports.filter((i) => i.external).map((i) => i.path), sources: Object.keys(meta.inputs) };
}

describe('item 7: sharp runs in the image helper process, never in main', () => {
  it("main's bundle neither imports sharp nor contains the pixel work; the helper's bundle does", async () => {
    const main = await importsOf('electron/main.ts');
    expect(main.packages).not.toContain('sharp');
    expect(main.sources.filter((s) => /services\/images\/(work|canvasOps)\.ts/.test(s))).toEqual([]);
    expect(main.sources).toContain('electron/services/images/ImageHelper.ts');

    const helper = await importsOf('electron/services/images/helperMain.ts');
    expect(helper.packages).toContain('sharp');
  });

  it('the app launches the helper as a utility process: main passes launchImageHelper to createAtelier (without it, a fork that cannot start from a package)', async () => {
    const main = await importsOf('electron/main.ts');
    expect(main.sources).toContain('electron/imageHelperProcess.ts');
    const startServices = (await import('node:fs')).readFileSync('electron/startServices.ts', 'utf8');
    expect(startServices).toMatch(/createAtelier\(\{[\s\S]*\blaunchImageHelper\b[\s\S]*\}\)/);
  });
});
