/**
 * `npm run package` leaves the checkout's better-sqlite3 built for Node. electron-builder's
 * npmRebuild rebuilds it in place for Electron; scripts/package.mjs keeps Node's build aside and
 * restores it. The rebuild is stood in for by what it does to the folder: build/ replaced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepNodeBuild } from '../../../scripts/lib/native-build.mjs';

const root = path.resolve(__dirname, '..', '..', '..');

describe('item 6: packaging gives back Node’s better-sqlite3', () => {
  it('the package scripts run electron-builder through scripts/package.mjs, never directly', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['package', 'package:test']) {
      expect(scripts[name], name).toContain('node scripts/package.mjs --config electron-builder');
      expect(scripts[name], name).not.toMatch(/(^|&& )electron-builder /);
    }
  });

  it('whatever the Electron rebuild leaves in build/, Node’s build is back afterwards', () => {
    const moduleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-keep-'));
    try {
      const binary = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      fs.writeFileSync(binary, 'built for Node');
      const restore = keepNodeBuild(moduleDir);
      fs.rmSync(path.join(moduleDir, 'build'), { recursive: true });
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      fs.writeFileSync(binary, 'built for Electron');
      fs.writeFileSync(path.join(moduleDir, 'build', 'Release', 'stray.o'), '');
      restore();
      expect(fs.readFileSync(binary, 'utf8')).toBe('built for Node');
      expect(fs.readdirSync(path.join(moduleDir, 'build', 'Release'))).toEqual(['better_sqlite3.node']);
    } finally {
      fs.rmSync(moduleDir, { recursive: true, force: true });
    }
  });
});
