/** `npm run bench [-- engine|queue|library|viewer|compare|canvas] [--items N]`: runs the benchmarks one after the other. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const which = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const rest = process.argv.slice(2).filter((a) => !which.includes(a));
const all = ['engine', 'queue', 'library', 'viewer', 'compare', 'canvas'];
const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
for (const name of which.length ? which : all) {
  const r = spawnSync(process.execPath, [tsx, path.join(__dirname, `${name}.bench.ts`), ...rest], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
  console.log('');
}
