/** `npm run bench [-- engine|queue|library|viewer|compare|canvas|images|composite|closelook|batch|finding] [--items N] [--dir D]`: runs the benchmarks one after the other. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const all = ['engine', 'queue', 'library', 'viewer', 'compare', 'canvas', 'images', 'composite', 'closelook', 'batch', 'finding'];
// Names pick benchmarks; everything else (`--items 1000`, `--dir /tmp/x`) goes to each of them.
const which = process.argv.slice(2).filter((a) => all.includes(a));
const rest = process.argv.slice(2).filter((a) => !which.includes(a));
const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
for (const name of which.length ? which : all) {
  const r = spawnSync(process.execPath, [tsx, path.join(__dirname, `${name}.bench.ts`), ...rest], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
  console.log('');
}
