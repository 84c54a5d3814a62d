/** Item 12: the two Mac builds' latest-mac.yml become one that serves both arches. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { mergeMacUpdateInfo, type UpdateInfo } from '../../../scripts/merge-mac-update-info.mjs';

const arm: UpdateInfo = {
  version: '0.2.0',
  files: [
    { url: 'Atelier-0.2.0-arm64-mac.zip', sha512: 'a1', size: 1 },
    { url: 'Atelier-0.2.0-arm64.dmg', sha512: 'a2', size: 2 },
  ],
  path: 'Atelier-0.2.0-arm64-mac.zip',
  sha512: 'a1',
  releaseDate: '2026-12-04T10:00:00.000Z',
};
const intel: UpdateInfo = {
  version: '0.2.0',
  files: [
    { url: 'Atelier-0.2.0-mac.zip', sha512: 'x1', size: 3 },
    { url: 'Atelier-0.2.0.dmg', sha512: 'x2', size: 4 },
  ],
  path: 'Atelier-0.2.0-mac.zip',
  sha512: 'x1',
  releaseDate: '2026-12-04T10:05:00.000Z',
};

describe('item 12: one latest-mac.yml for arm64 and Intel', () => {
  it('lists both builds’ files; the legacy top-level path is the Intel zip', () => {
    const merged = mergeMacUpdateInfo([arm, intel]);
    expect(merged.files.map((f) => f.url)).toEqual(['Atelier-0.2.0-arm64-mac.zip', 'Atelier-0.2.0-arm64.dmg', 'Atelier-0.2.0-mac.zip', 'Atelier-0.2.0.dmg']);
    expect(merged).toMatchObject({ version: '0.2.0', path: 'Atelier-0.2.0-mac.zip', sha512: 'x1', releaseDate: intel.releaseDate });
  });

  it('refuses builds of different versions, in words', () => {
    expect(() => mergeMacUpdateInfo([arm, { ...intel, version: '0.1.9' }])).toThrow(/different versions \(0\.2\.0, 0\.1\.9\)/);
  });

  it('the command reads two files and writes YAML electron-updater can read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-mac-yml-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.yml'), yaml.dump(arm));
      fs.writeFileSync(path.join(dir, 'b.yml'), yaml.dump(intel));
      const script = path.resolve(__dirname, '..', '..', '..', 'scripts', 'merge-mac-update-info.mjs');
      const out = execFileSync(process.execPath, [script, path.join(dir, 'a.yml'), path.join(dir, 'b.yml')], { encoding: 'utf8' });
      expect((yaml.load(out) as UpdateInfo).files).toHaveLength(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
