// `npm run validate-workflows` (and a check in `npm test`): every GitHub workflow passes
// action-validator's schema, since nothing here can run them on GitHub.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const cli = path.join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, [cli, path.join(dir, f)], { encoding: 'utf8' });
  if (r.status === 0) console.log(`workflows: ${f} is valid`);
  else {
    failed += 1;
    console.error(`workflows: ${f} is not valid:\n${r.stdout}${r.stderr}`);
  }
}
if (!files.length) console.error('workflows: none found in .github/workflows');
process.exit(failed || !files.length ? 1 : 0);
