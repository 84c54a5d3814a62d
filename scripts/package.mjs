// `npm run package` and `npm run package:test`: electron-builder with its arguments, leaving the
// checkout's better-sqlite3 built for Node afterwards (see scripts/lib/native-build.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { keepNodeBuild } from './lib/native-build.mjs';

const require = createRequire(import.meta.url);
const restore = keepNodeBuild(path.dirname(require.resolve('better-sqlite3/package.json')));
let status;
try {
  status = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1;
} finally {
  restore();
}
process.exit(status);
