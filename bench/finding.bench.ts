/**
 * Finding at scale (issue 19 §4), on synthetic data: `--items N` hashes, layouts and meaning
 * vectors (default 250,000), clustered as series are. Measures: grouping the whole library into
 * near-duplicates, "Similar" for one image (hash neighbours + a colour-layout scan), exact search
 * by meaning with its recall@10 against float search, and the fingerprint backfill through the
 * real image helper process (`--photos`, default 300 photos of 1024 × 768). Prints figures;
 * passes or fails nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { openDatabase } from '../electron/services/db/db';
import { EventBus } from '../electron/services/events';
import { nearestLayouts } from '../electron/services/finding/Duplicates';
import { Fingerprints, Layouts } from '../electron/services/finding/Fingerprints';
import { HammingIndex } from '../electron/services/finding/HammingIndex';
import { DIMENSIONS, quantise, VectorBlock } from '../electron/services/finding/vectors';
import { ImageHelper } from '../electron/services/images/ImageHelper';
import { ContentStore } from '../electron/services/library/ContentStore';
import { Library } from '../electron/services/library/Library';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('items', '250000'));
const PHOTOS = Number(arg('photos', '300'));

let seed = 42;
const rnd32 = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const p95 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function hashes(): void {
  const index = new HammingIndex();
  const layouts = new Layouts();
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    // One in four starts a series; the rest are a few bits off the one before.
    let hi = rnd32();
    let lo = rnd32();
    if (i % 4 !== 0 && i > 0) {
      [hi, lo] = index.hashOf(i - 1);
      for (let f = rnd32() % 6; f > 0; f--) {
        const b = rnd32() % 64;
        if (b < 32) hi = (hi ^ (1 << b)) >>> 0;
        else lo = (lo ^ (1 << (b - 32))) >>> 0;
      }
    }
    index.add(hi, lo);
    // A layout is smooth (neighbouring cells alike): a random walk around a per-series colour.
    const base = [rnd32() & 255, rnd32() & 255, rnd32() & 255];
    const layout = Uint8Array.from({ length: 192 }, (_, k) => Math.max(0, Math.min(255, base[k % 3]! + ((rnd32() % 41) - 20))));
    layouts.set(i, layout);
  }
  console.log(`  index of ${N.toLocaleString('en')} hashes built in ${ms(performance.now() - t)}; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  t = performance.now();
  const groups = index.groups(8);
  console.log(`  near-duplicate grouping of the whole library (radius 8): ${((performance.now() - t) / 1000).toFixed(2)} s, ${groups.length.toLocaleString('en')} groups (goal ≤ 15 s at 1M)`);
  const times: number[] = [];
  for (let q = 0; q < 100; q++) {
    const item = rnd32() % N;
    t = performance.now();
    const [hi, lo] = index.hashOf(item);
    index.within(hi, lo, 14);
    nearestLayouts(item, layouts, new Set(), 48, 0.14);
    times.push(performance.now() - t);
  }
  console.log(`  "Similar" for one image (hash neighbours + layout scan) p95: ${ms(p95(times))} (goal ≤ 30 ms)`);
}

function vectors(): void {
  const block = new VectorBlock();
  const centres = Array.from({ length: 500 }, () => Array.from({ length: DIMENSIONS }, () => (rnd32() / 2 ** 31 - 1)));
  const sample: number[][] = [];
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    const c = centres[rnd32() % centres.length]!;
    const v = c.map((x) => x + (rnd32() / 2 ** 31 - 1) * 0.8);
    if (i < 20_000) sample.push(v);
    block.add(quantise(v));
  }
  console.log(`  ${N.toLocaleString('en')} meaning vectors (256 × int8) loaded in ${ms(performance.now() - t)}; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  const times: number[] = [];
  for (let q = 0; q < 40; q++) {
    const query = centres[q % centres.length]!.map((x) => x + (rnd32() / 2 ** 31 - 1) * 0.8);
    t = performance.now();
    block.nearest(query, 10);
    times.push(performance.now() - t);
  }
  console.log(`  search by meaning (exact, whole library) p95: ${ms(p95(times))} (goal ≤ 100 ms)`);
  // Recall against float search, on the first 20,000 (float search over all would need GBs here).
  const small = new VectorBlock();
  for (const v of sample) small.add(quantise(v));
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
  let found = 0;
  for (let q = 0; q < 20; q++) {
    const query = sample[(q * 997) % sample.length]!.map((x) => x + (rnd32() / 2 ** 31 - 1) * 0.5);
    const exact = sample.map((v, i) => ({ i, s: cos(query, v) })).sort((a, b) => b.s - a.s).slice(0, 10).map((x) => x.i);
    found += small.nearest(query, 10).filter((h) => exact.includes(h.item)).length;
  }
  console.log(`  recall@10 of the quantised search against float search: ${(found / 200).toFixed(3)} (goal ≥ 0.95)`);
}

async function backfill(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-finding-'));
  const helper = new ImageHelper();
  try {
    const db = openDatabase(path.join(dir, 'lib.sqlite'));
    const library = new Library(db, new ContentStore(dir, helper));
    for (let i = 0; i < PHOTOS; i++) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><rect width="1024" height="768" fill="hsl(${i % 360},60%,50%)"/><circle cx="${(i * 37) % 1024}" cy="${(i * 53) % 768}" r="200" fill="#fff" opacity="0.5"/></svg>`;
      await library.importImage(`p${i}.jpg`, await sharp(Buffer.from(svg)).jpeg().toBuffer());
    }
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const t = performance.now();
    const fp = new Fingerprints(db, library, helper, new EventBus());
    await fp.whenIdle();
    const secs = (performance.now() - t) / 1000;
    h.disable();
    console.log(`  fingerprint backfill: ${(PHOTOS / secs).toFixed(0)} images/s from their thumbnails (goal ≥ 200/s); main's event loop p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms (goal ≤ 20 ms)`);
    await fp.dispose();
    db.close();
  } finally {
    await helper.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void (async () => {
  console.log(`finding bench: ${N.toLocaleString('en')} items`);
  hashes();
  vectors();
  await backfill();
})();
