/**
 * Finding at scale (issue 19 §4), on the library bench's seeded library (`--items N`, default
 * 250,000; `--dir`, default the library bench's; seeded with a fingerprint and a meaning vector
 * per picture when missing). Measures, through the services: loading the Hamming index and the
 * meaning vectors, grouping the whole library into near-duplicates, "Similar" for one image
 * (hash neighbours + the colour-layout scan), search by meaning p95 (the query's embedding call
 * answered at once, so it is excluded) and its recall@10 against scoring every vector, the
 * fingerprint backfill of the library's pictures amid a million rows with main's event-loop
 * p99, and main's RSS in a fresh process running the whole app with both indexes loaded.
 * Prints figures; passes or fails nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { GoogleGenAI } from '@google/genai';
import { createAtelier } from '../electron/atelier';
import { openDatabase } from '../electron/services/db/db';
import { EventBus } from '../electron/services/events';
import { Duplicates, nearestLayouts } from '../electron/services/finding/Duplicates';
import { Fingerprints } from '../electron/services/finding/Fingerprints';
import { Meaning } from '../electron/services/finding/Meaning';
import { DIMENSIONS, fromBlob, VectorBlock } from '../electron/services/finding/vectors';
import { ImageHelper } from '../electron/services/images/ImageHelper';
import type { Images } from '../electron/services/images/protocol';
import { ContentStore } from '../electron/services/library/ContentStore';
import { Library } from '../electron/services/library/Library';
import type { Organiser } from '../electron/services/library/Organiser';
import { seedLibrary } from '../scripts/seed-library';
import { startRemoteFake } from './remoteFake';
import { longestStall } from './stall';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('items', '250000'));
// `--assets A`: a library of A assets with N fingerprints and vectors (seeding a million assets,
// about 2 KB each with their generations and FTS rows, takes hours on a busy 2-core machine).
const ASSETS = Number(arg('assets', String(N)));
const DIR = arg('dir', path.join(os.tmpdir(), ASSETS === N ? `atelier-bench-library-${N}` : `atelier-bench-finding-${N}-${ASSETS}`));
const sender = { url: 'app://atelier/', isMainFrame: true };

let seed = 42;
const rnd32 = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
const load = () => `load ${os.loadavg()[0]!.toFixed(1)}`;

const DB_FILE = path.join(DIR, 'library', 'atelier.sqlite');

function open() {
  const db = openDatabase(DB_FILE);
  const library = new Library(db, new ContentStore(path.join(DIR, 'library'), null as unknown as Images));
  return { db, library };
}

async function hashes(): Promise<void> {
  const { db, library } = open();
  // As the app reads it: on the index loader's worker thread, adopted by main.
  const fp = new Fingerprints(db, library, null as unknown as Images, new EventBus(), { autoStart: false, source: { dbFile: DB_FILE } });
  const loading = await longestStall(() => fp.loaded());
  const { index, layouts } = loading.value;
  console.log(
    `  ${index.size.toLocaleString('en')} fingerprints read from SQLite on the worker and adopted in ${ms(loading.totalMs)}; main's event loop held at most ${ms(loading.stallMs)} meanwhile (${load()})`,
  );
  const duplicates = new Duplicates(db, library, null as unknown as Organiser, null as unknown as Images, fp);
  const grouping = await longestStall(() => duplicates.groups('near'));
  const { totalGroups } = grouping.value;
  const grouped = grouping.totalMs / 1000;
  let t = performance.now();
  const groups = index.groups(8);
  console.log(
    `  near-duplicate grouping of the whole library ("near", radius 8), through Duplicates.groups (grouped on the worker): ${grouped.toFixed(2)} s, main's event loop held at most ${ms(grouping.stallMs)} ` +
      `(the index's part ${((performance.now() - t) / 1000).toFixed(2)} s, ${groups.length.toLocaleString('en')} groups; ${totalGroups} with live assets: the seeded fingerprints match none) (goal ≤ 15 s at 1M; ${load()})`,
  );
  const times: number[] = [];
  for (let q = 0; q < 100; q++) {
    const item = rnd32() % index.size;
    t = performance.now();
    const [hi, lo] = index.hashOf(item);
    const near = index.within(hi, lo, 14).filter((h) => h.item !== item).slice(0, 48);
    nearestLayouts(item, layouts, new Set(near.map((h) => h.item)), 48, 0.14);
    times.push(performance.now() - t);
  }
  console.log(`  "Similar" for one image (hash neighbours within 14 + colour-layout scan), 100 images: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (goal ≤ 30 ms; ${load()})`);
  db.close();
}

async function meaning(): Promise<void> {
  const { db, library } = open();
  // The query's own embedding answered at once: the goal excludes that one call.
  let next: number[] = [];
  const sdk = { models: { embedContent: async () => ({ embeddings: [{ values: next }] }) } } as unknown as GoogleGenAI;
  // On, but no backfill: the seeded palette pictures have no vector, and nothing is to be sent.
  const m = new Meaning(db, library, null as unknown as Images, new EventBus(), { sdk: async () => sdk, isOn: () => true, autoStart: false, source: { dbFile: DB_FILE } });
  // Queries near stored pictures, as a search with good matches is: a stored vector plus noise.
  const total = db.prepare('SELECT MAX(rowid) FROM image_embeddings').pluck().get() as number;
  const vectorAt = db.prepare('SELECT vector FROM image_embeddings WHERE rowid = ?').pluck();
  const query = () => {
    const q = fromBlob(vectorAt.get(1 + (rnd32() % total)) as Buffer);
    return Array.from(q.bytes, (b) => b * q.scale + ((rnd32() / 2 ** 31 - 1) * 0.5) / Math.sqrt(DIMENSIONS));
  };
  next = query();
  const first = await longestStall(() => m.search('first search loads the vectors'));
  console.log(
    `  meaning vectors read on the worker (signs in memory, int8 in SQLite) and a first search in ${ms(first.totalMs)}; main's event loop held at most ${ms(first.stallMs)} meanwhile (${load()})`,
  );
  let t: number;
  const times: number[] = [];
  for (let q = 0; q < 40; q++) {
    next = query();
    t = performance.now();
    await m.search('a query');
    times.push(performance.now() - t);
  }
  console.log(`  search by meaning through Meaning.search (sign scan + exact int8 rescoring read from SQLite), 40 queries: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (goal ≤ 100 ms; ${load()})`);
  await m.dispose();
  // Recall: the same two-step search against scoring every int8 vector, on all of them in memory.
  const kept = new VectorBlock();
  for (const r of db.prepare('SELECT vector FROM image_embeddings ORDER BY rowid').pluck().iterate() as Iterable<Buffer>) kept.add(fromBlob(r));
  let found = 0;
  const exactTimes: number[] = [];
  for (let q = 0; q < 20; q++) {
    const values = query();
    t = performance.now();
    const exact = kept.exact(values, 10).map((x) => x.item);
    exactTimes.push(performance.now() - t);
    found += kept.nearest(values, 10).filter((h) => exact.includes(h.item)).length;
  }
  console.log(`  recall@10 against scoring every vector exactly, 20 queries: ${(found / 200).toFixed(3)} (goal ≥ 0.95); scoring every vector took p50 ${ms(pct(exactTimes, 50))}`);
  db.close();
}

async function backfill(): Promise<void> {
  const { db } = open();
  // The library's own pictures (the palette the seeded assets share) are fingerprinted again, with a million rows around them.
  const n = db.prepare('DELETE FROM image_fingerprints WHERE sha256 IN (SELECT DISTINCT sha256 FROM assets)').run().changes;
  const missing = db.prepare('SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number;
  const helper = new ImageHelper();
  const library = new Library(db, new ContentStore(path.join(DIR, 'library'), helper));
  try {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const t = performance.now();
    const fp = new Fingerprints(db, library, helper, new EventBus());
    await fp.whenIdle();
    const secs = (performance.now() - t) / 1000;
    h.disable();
    console.log(
      `  fingerprint backfill of the library's ${missing} distinct pictures (${n} dropped first) amid ${ASSETS.toLocaleString('en')} assets: ${(missing / secs).toFixed(0)} images/s ` +
        `(goal ≥ 200/s); main's event loop p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(0)} ms (goal ≤ 20 ms; ${load()})`,
    );
    await fp.dispose();
  } finally {
    await helper.dispose();
    db.close();
  }
}

/** In a fresh process: the whole app on the library, both indexes loaded through its routes. */
async function rss(url: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const a = await createAtelier({ userDataDir: DIR, rendererDir: os.tmpdir(), trustedOrigin: () => 'app://atelier', appVersion: 'bench', keychain: null, encryptor: null, env: { GEMINI_API_KEY: 'AIzaBenchNoCalls0000000000000000000000', GEMINI_BASE_URL: url } });
  await a.router.handle(sender, 'library.search', { limit: 200 });
  const opened = process.memoryUsage().rss;
  await a.router.handle(sender, 'duplicates.backfill', { action: 'pause' });
  const groups = await a.router.handle(sender, 'duplicates.groups', { level: 'near' });
  const afterHashes = process.memoryUsage().rss;
  await a.router.handle(sender, 'settings.update', { searchByMeaning: true });
  const res = await a.router.handle(sender, 'meaning.search', { text: 'a lighthouse at dusk' });
  await a.router.handle(sender, 'settings.update', { searchByMeaning: false });
  const after = process.memoryUsage().rss;
  globalThis.gc?.();
  console.log(JSON.stringify({ before, opened, afterHashes, after, afterGc: process.memoryUsage().rss, ok: groups.ok && res.ok, heap: process.memoryUsage().heapUsed }));
  await a.dispose();
}

async function main(): Promise<void> {
  console.log(`finding bench: ${N.toLocaleString('en')} fingerprints and vectors, ${ASSETS.toLocaleString('en')} assets, in ${DIR} (${os.cpus().length} cores, ${load()})`);
  if (!fs.existsSync(path.join(DIR, 'library', 'atelier.sqlite'))) {
    const t = performance.now();
    const partial = `${DIR}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    await seedLibrary(partial, ASSETS, () => {}, { finding: N });
    fs.renameSync(partial, DIR);
    console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // `--rss-only`, `--meaning-only`, `--similar-only`: just that figure (the last with the index's load and grouping).
  const all = !['--rss-only', '--meaning-only', '--similar-only'].some((f) => process.argv.includes(f));
  if (all || process.argv.includes('--similar-only')) await hashes();
  if (all || process.argv.includes('--meaning-only')) await meaning();
  if (!all && !process.argv.includes('--rss-only')) return;
  const fake = await startRemoteFake();
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), __filename, '--items', String(N), '--dir', DIR, '--rss', fake.url], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    try {
      const r = JSON.parse(line) as Record<string, number>;
      console.log(
        `  main's RSS in a fresh process running the app: ${mb(r.before!)} before the library, ${mb(r.opened!)} with it open, ${mb(r.afterHashes!)} with the Hamming index and layouts loaded (a grouping run), ` +
          `**${mb(r.after!)}** with the meaning vectors loaded too (${mb(r.afterGc!)} after a full GC; heap ${mb(r.heap!)}) (goal ≤ 600 MB)`,
      );
    } catch {
      console.log(`  RSS: could not measure (${line.slice(0, 200)} ${child.stderr.slice(-400)})`);
    }
  } finally {
    await fake.close();
  }
  if (all) await backfill();
}

if (process.argv.includes('--rss')) void rss(arg('rss', ''));
else void main();
