/**
 * Main starts its worker threads and its image helper from bundles beside main.cjs, by file name
 * (`path.join(__dirname, '<name>.cjs')`). A name that scripts/build-electron.mjs does not build
 * would work from source (tsx) in every test here and fail only in the packaged app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('every bundle main loads by name is built', () => {
  it('each `<name>.cjs` main joins to its own folder is an outfile of build-electron.mjs, from the entry its source twin names', () => {
    const script = fs.readFileSync(path.join(root, 'scripts', 'build-electron.mjs'), 'utf8');
    const built = new Map([...script.matchAll(/entryPoints: \['([^']+)'\], outfile: 'dist\/electron\/([^']+)'/g)].map((m) => [m[2]!, m[1]!]));
    const named: Array<{ file: string; bundle: string; twin: string | null }> = [];
    for (const file of sources(path.join(root, 'electron'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/path\.join\(__dirname, '([\w-]+\.cjs)'\)/g)) {
        // From source the same loader names the TypeScript entry: the bundle must be built from it.
        const twin = /path\.join\(__dirname, '([\w-]+)\.ts'\)/.exec(text)?.[1] ?? null;
        named.push({ file: path.relative(root, file), bundle: m[1]!, twin });
      }
    }
    expect(named.map((n) => n.bundle)).toEqual(expect.arrayContaining(['library-check-worker.cjs', 'finding-index-worker.cjs', 'batch-results-worker.cjs']));
    for (const n of named) {
      expect(built.has(n.bundle), `${n.file} loads ${n.bundle}, which build-electron.mjs does not build`).toBe(true);
      if (n.twin) expect(path.basename(built.get(n.bundle)!, '.ts'), `${n.bundle} is built from the entry ${n.file} runs from source`).toBe(n.twin);
    }
  });
});
