// Compares two folders of PNG screenshots pixel by pixel (e.g. the e2e specs' SCREENSHOT_DIR taken
// before and after a CSS change) and prints each file that differs with its count of changed pixels.
//   node scripts/compare-screenshots.mjs <before-dir> <after-dir> [--diff <out-dir>]
// --diff writes, for every differing file, the after image with the changed pixels painted red.
// Exits 1 when a file differs or is missing on one side, so it can gate a refactor.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const args = process.argv.slice(2);
const diffAt = args.indexOf('--diff');
const diffDir = diffAt >= 0 ? args.splice(diffAt, 2)[1] : null;
const [before, after] = args;
if (!before || !after) {
  console.error('Usage: node scripts/compare-screenshots.mjs <before-dir> <after-dir> [--diff <out-dir>]');
  process.exit(2);
}
if (diffDir) fs.mkdirSync(diffDir, { recursive: true });

const pngs = (dir) => new Set(fs.readdirSync(dir).filter((f) => f.endsWith('.png')));
const a = pngs(before);
const b = pngs(after);
const names = [...new Set([...a, ...b])].sort();

async function pixels(file) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

let differing = 0;
for (const name of names) {
  if (!a.has(name) || !b.has(name)) {
    console.log(`${name}: only in ${a.has(name) ? 'before' : 'after'}`);
    differing++;
    continue;
  }
  const x = await pixels(path.join(before, name));
  const y = await pixels(path.join(after, name));
  if (x.width !== y.width || x.height !== y.height) {
    console.log(`${name}: size ${x.width}x${x.height} -> ${y.width}x${y.height}`);
    differing++;
    continue;
  }
  let changed = 0;
  const mark = diffDir ? Buffer.from(y.data) : null;
  for (let i = 0; i < x.data.length; i += 4) {
    if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2] || x.data[i + 3] !== y.data[i + 3]) {
      changed++;
      if (mark) mark.set([255, 0, 0, 255], i);
    }
  }
  if (changed === 0) continue;
  differing++;
  console.log(`${name}: ${changed} pixels differ (${((100 * changed) / (x.width * x.height)).toFixed(3)} %)`);
  if (mark) await sharp(mark, { raw: { width: y.width, height: y.height, channels: 4 } }).png().toFile(path.join(diffDir, name));
}
console.log(`${names.length} screenshots compared, ${differing} differ`);
process.exit(differing ? 1 : 0);
