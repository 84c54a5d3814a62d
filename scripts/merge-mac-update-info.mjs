// The release builds macOS once per arch, on a runner of that arch, and each build writes its own
// latest-mac.yml listing only its files. electron-updater reads one latest-mac.yml and picks the
// arm64 files on Apple Silicon, the others on Intel (electron-updater MacUpdater.filterFilesForArch),
// so the release must carry one file listing both. Usage:
//   node scripts/merge-mac-update-info.mjs <latest-mac.yml> <latest-mac.yml> > latest-mac.yml
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

/**
 * @typedef {{ url: string, sha512: string, size?: number }} UpdateFile
 * @typedef {{ version: string, files: UpdateFile[], path: string, sha512: string, releaseDate: string }} UpdateInfo
 * @param {UpdateInfo[]} infos
 * @returns {UpdateInfo}
 */
export function mergeMacUpdateInfo(infos) {
  if (infos.length === 0) throw new Error('merge-mac-update-info: no latest-mac.yml given');
  const versions = new Set(infos.map((i) => i.version));
  if (versions.size !== 1) throw new Error(`merge-mac-update-info: the builds are of different versions (${[...versions].join(', ')}); rebuild from one tag`);
  const files = [];
  for (const info of infos) for (const f of info.files ?? []) if (!files.some((g) => g.url === f.url)) files.push(f);
  // `path`/`sha512` at the top are for updaters too old to read `files`; they predate arm64 Macs.
  const intel = infos.find((i) => !i.path.includes('arm64')) ?? infos[0];
  const releaseDate = infos.map((i) => i.releaseDate).sort().at(-1);
  return { version: infos[0].version, files, path: intel.path, sha512: intel.sha512, releaseDate };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const infos = process.argv.slice(2).map((f) => /** @type {UpdateInfo} */ (yaml.load(readFileSync(f, 'utf8'))));
  process.stdout.write(yaml.dump(mergeMacUpdateInfo(infos), { lineWidth: -1 }));
}
