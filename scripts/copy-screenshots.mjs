// `npm run screenshots`: copies the PNGs the last e2e run wrote to test-results/screenshots into
// docs/screenshots. Kept apart from `npm test` so a test run never changes tracked files.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const from = path.join('test-results', 'screenshots');
const to = path.join('docs', 'screenshots');
if (!existsSync(from)) {
  console.error(`No screenshots in ${from}: run the end-to-end tests first (npm test or npx playwright test).`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.png'));
for (const f of files) copyFileSync(path.join(from, f), path.join(to, f));
console.log(`Copied ${files.length} screenshots to ${to}.`);
