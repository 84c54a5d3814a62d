/**
 * Library benchmark: a synthetic library (default 250,000 items, `--items N`, in `--dir` or a
 * temporary folder), FTS search latency
 * with and without filters, importing 1,000 1024-px photos, main-process memory, and (when the
 * renderer is built) app start to first grid paint and grid DOM size while scrolling in Chromium.
 * Prints figures; passes or fails nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { createAtelier, type Atelier } from '../electron/atelier';
import { checkLibrary } from '../electron/services/library/check';
import { seedLibrary } from '../scripts/seed-library';
import { processCpuMs } from './cpu';
import { longestStall } from './stall';
import { launchApp, RENDERER_DIR } from '../test/harness/launchApp';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ITEMS = Number(arg('items', '250000'));
const IMPORT_COUNT = Number(arg('import', '1000'));
const sender = { url: 'app://atelier/', isMainFrame: true };

const QUERIES = ['lighthouse', 'fox', 'tea house', 'astro', 'creme brulee', 'bicycle watercolour', 'koi', 'paper crane', 'greenhouse fog', 'night market',
  'whale', 'cedar', 'vintage camera', 'caravan', 'cafe winter', 'robot garden', 'owl', 'coral', 'books', 'mountain pass dusk'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function timeSearches(a: Atelier, extra: Record<string, unknown>): Promise<{ p50: number; p95: number; hits: number }> {
  const times: number[] = [];
  let hits = 0;
  for (let round = 0; round < 5; round++) {
    for (const text of QUERIES) {
      const t = performance.now();
      const res = await a.router.handle(sender, 'library.search', { text, limit: 200, ...extra });
      times.push(performance.now() - t);
      if (res.ok && round === 0) hits += (res.data as { total: number }).total;
    }
  }
  return { p50: pct(times, 50), p95: pct(times, 95), hits };
}

async function photos(dir: string, n: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    // Distinct content per file (a gradient and a band), so none are duplicates.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${i % 360},70%,50%)"/><stop offset="1" stop-color="hsl(${(i * 7) % 360},60%,30%)"/></linearGradient></defs><rect width="1024" height="768" fill="url(#g)"/><rect y="${i % 700}" width="1024" height="40" fill="#fff" opacity="0.4"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(path.join(dir, `photo-${String(i).padStart(4, '0')}.jpg`));
  }
}

async function gridFigures(userDataDir: string): Promise<void> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    console.log('   (renderer not built: run `npm run build:renderer` for the Chromium figures)');
    return;
  }
  const started = performance.now();
  // Straight to the library view (the app opens on the studio; studio → library is the viewer bench's figure).
  const app = await launchApp({ userDataDir, envApiKey: 'AIzaBenchNoCalls0000000000000000000000', keychain: 'none', screen: 'library' });
  const page: Page = app.page;
  await page.getByTestId('asset-tile').first().waitFor({ timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const firstPaint = performance.now() - started;
  const grid = page.getByTestId('library-grid');
  // The grid scrolls in its own pane (the library view has the window to itself).
  const scroller = page.getByTestId('library-scroll');
  let maxTiles = 0;
  let maxNodes = 0;
  const height = await scroller.evaluate((el) => el.scrollHeight);
  for (let y = 0; y <= height; y += Math.max(2000, Math.floor(height / 60))) {
    await scroller.evaluate((el, top) => el.scrollTo({ top }), y);
    await page.waitForTimeout(60);
    const { tiles, nodes } = await grid.evaluate((el) => ({ tiles: el.querySelectorAll('[data-testid="asset-tile"]').length, nodes: el.querySelectorAll('*').length }));
    maxTiles = Math.max(maxTiles, tiles);
    maxNodes = Math.max(maxNodes, nodes);
  }
  await app.close();
  console.log(`   app start → first grid paint in Chromium, opened on the library (services, page load, first page of results): ${firstPaint.toFixed(0)} ms (goal ≤ 1500)`);
  console.log(`   grid while scrolling top → bottom (${(height / 1000).toFixed(0)}k px, 60 steps): at most ${maxTiles} tiles, ${maxNodes} DOM nodes inside the grid (goal ≤ 400)`);
}

async function main(): Promise<void> {
  console.log(`Library benchmark (Node ${process.version}, ${os.cpus().length} cores), ${ITEMS.toLocaleString('en')} items`);
  // `--dir`: a library seeded by `npm run seed-library -- --items N --dir <dir>` (or to seed into).
  const dir = arg('dir', path.join(os.tmpdir(), `atelier-bench-library-${ITEMS}`));
  if (!fs.existsSync(path.join(dir, 'library', 'atelier.sqlite'))) {
    const t = performance.now();
    await seedLibrary(dir, ITEMS, () => {});
    console.log(`   seeded in ${((performance.now() - t) / 1000).toFixed(1)} s → ${dir}`);
  }
  // `--check-only`: just the self-check figures (section 5).
  if (process.argv.includes('--check-only')) return checkFigures(dir);
  // Measured in a fresh process: this one has just seeded the library and holds its garbage.
  const child = spawnSync(process.execPath, [path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), __filename, '--rss', dir], { encoding: 'utf8' });
  const { before, after } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { before: number; after: number };
  console.log(`\n1. Main-process memory after opening the library and its first page: RSS ${(after / 1048576).toFixed(0)} MB (${((after - before) / 1048576).toFixed(0)} MB more than before opening it)`);
  const a = await createAtelier({ userDataDir: dir, rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: {} });

  const plain = await timeSearches(a, {});
  const filtered = await timeSearches(a, { tiers: ['pro'], minRating: 3 });
  const three = await timeSearches(a, { aspectRatios: ['16:9', '3:2'], favorites: false, sort: 'rating' });
  console.log(`\n2. Full-text search, 20 queries × 5 (first page of 200 plus the total count):`);
  console.log(`   text only:               p50 ${plain.p50.toFixed(1)} ms, p95 ${plain.p95.toFixed(1)} ms (goal p95 ≤ 20 ms)`);
  console.log(`   text + tier + rating:    p50 ${filtered.p50.toFixed(1)} ms, p95 ${filtered.p95.toFixed(1)} ms`);
  console.log(`   text + ratios, by rating: p50 ${three.p50.toFixed(1)} ms, p95 ${three.p95.toFixed(1)} ms`);
  const combos = [{ tiers: ['pro'], minRating: 3 }, { aspectRatios: ['16:9'], favorites: true }, { sources: ['generated'], hasGrounding: true }, { imageSizes: ['4K'], sort: 'rating' }, { tiers: ['flash'], aspectRatios: ['1:1', '3:2'] }];
  const filterTimes: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const c of combos) {
      const t = performance.now();
      await a.router.handle(sender, 'library.search', { limit: 200, ...c });
      filterTimes.push(performance.now() - t);
    }
  }
  console.log(`   two filters, no text (5 pairs × 10): p50 ${pct(filterTimes, 50).toFixed(1)} ms, p95 ${pct(filterTimes, 95).toFixed(1)} ms`);
  await a.dispose();

  console.log(`\n3. Import of ${IMPORT_COUNT} 1024×768 photos dropped at once, into a new library:`);
  const photoDir = path.join(os.tmpdir(), `atelier-bench-photos-${IMPORT_COUNT}`);
  if (!fs.existsSync(photoDir) || fs.readdirSync(photoDir).length < IMPORT_COUNT) await photos(photoDir, IMPORT_COUNT);
  for (const [label, lazyThumbnailsAbove] of [['thumbnails included', Infinity], ['thumbnails left for first view (the app does this above 200 files)', 200]] as const) {
    const fresh = await createAtelier({ userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-import-')), rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: {}, lazyThumbnailsAbove });
    const t = performance.now();
    const res = await fresh.router.handle(sender, 'library.import', { files: [{ name: 'photos', path: photoDir }] });
    const secs = (performance.now() - t) / 1000;
    const n = res.ok ? (res.data as { imported: unknown[] }).imported.length : 0;
    console.log(`   ${label}: ${n} in ${secs.toFixed(1)} s = ${(n / secs).toFixed(1)} images/s${lazyThumbnailsAbove === Infinity ? ' (goal ≥ 40)' : ''}`);
    await fresh.dispose();
  }

  await checkFigures(dir);

  if (process.argv.includes('--no-ui')) return;
  console.log('\n4. Chromium through the harness, on the seeded library:');
  await gridFigures(dir).catch((err: unknown) => console.log(`   could not measure: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`));
}

async function checkFigures(dir: string): Promise<void> {
  console.log(`\n5. Self-check (PRAGMA quick_check, every row, every file) on the ${ITEMS.toLocaleString('en')}-item library:`);
  const a = await createAtelier({ userDataDir: dir, rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: {}, libraryCheckDelayMs: 3_600_000 });
  // A warm-up run: the first reads the database file from disk, and a user's second start would find it cached.
  await a.router.handle(sender, 'library.check', {});
  const inMain = await longestStall(() => checkLibrary(a.db, a.library.store, Date.now() - 60_000));
  const cpu0 = processCpuMs(process.pid, process.pid);
  const worker = await longestStall(() => a.router.handle(sender, 'library.check', {}));
  const cpu1 = processCpuMs(process.pid, process.pid);
  // As long as the check took: on a busy machine the scheduler alone stalls a timer this much.
  const idle = await longestStall(() => new Promise((r) => setTimeout(r, worker.totalMs)));
  const cpu2 = processCpuMs(process.pid, process.pid);
  console.log(`   on main's thread (how it ran before): took ${inMain.totalMs.toFixed(0)} ms, main's event loop blocked for up to ${inMain.stallMs.toFixed(0)} ms`);
  console.log(`   on its worker thread (library.check and the start-up check): took ${worker.totalMs.toFixed(0)} ms, main's event loop blocked for up to ${worker.stallMs.toFixed(0)} ms (goal ≤ 50)${cpu0 !== null && cpu1 !== null ? `; main's thread used ${cpu1 - cpu0} ms of CPU meanwhile` : ''}`);
  // The 1-ms timer that measures stalls costs main some CPU of its own: the idle stretch shows how much.
  console.log(`   idle for as long, for comparison (the machine's own noise, load ${os.loadavg()[0]!.toFixed(1)}): main's event loop blocked for up to ${idle.stallMs.toFixed(0)} ms${cpu1 !== null && cpu2 !== null ? `; main's thread used ${cpu2 - cpu1} ms of CPU` : ''}`);
  await a.dispose();
}

async function rssOnly(dir: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const a = await createAtelier({ userDataDir: dir, rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: {} });
  await a.router.handle(sender, 'library.search', { limit: 200 });
  console.log(JSON.stringify({ before, after: process.memoryUsage().rss }));
  await a.dispose();
}

if (process.argv.includes('--rss')) void rssOnly(arg('rss', ''));
else void main();
