/**
 * `npm run seed-library -- --items 250000 [--dir <userDataDir>]`: a synthetic library for
 * benchmarks and for trying the app at scale. Real (small) images and thumbnails, realistic
 * prompts, ratings, tags, collections and dates over two years. Images come from a palette of a
 * few hundred pictures shared by hash, so a quarter of a million assets need no quarter of a
 * million files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openDatabase, tx } from '../electron/services/db/db';
import { ContentStore, type StoredImage } from '../electron/services/library/ContentStore';
import { slugOf } from '../electron/services/library/Library';
import { COMMON_ASPECT_RATIOS } from '../shared/domain/vocabulary';
import { inProcessImages } from '../electron/services/images/work';

const SUBJECTS = ['a lighthouse', 'a red fox', 'a tea house', 'a lone astronaut', 'a crème brûlée', 'an old bicycle', 'a koi pond', 'a paper crane', 'a glass greenhouse', 'a night market', 'a whale', 'a cedar forest', 'a vintage camera', 'a desert caravan', 'a snowy café', 'a robot gardener', 'an owl', 'a coral reef', 'a bookshop', 'a mountain pass'];
const STYLES = ['watercolour', 'oil painting', 'isometric 3D render', 'woodcut print', 'studio photograph', 'anime key visual', 'pencil sketch', 'cinematic still', 'ukiyo-e', 'Bauhaus poster', 'pixel art', 'claymation'];
const SETTINGS = ['at dusk', 'in heavy rain', 'under northern lights', 'at golden hour', 'in fog', 'on a summer morning', 'in Lisbon', 'in Kyoto', 'on Mars', 'by candlelight', 'in winter', 'at noon'];
const TAGS = ['portfolio', 'client', 'draft', 'favourite', 'print', 'social', 'moodboard', 'archive'];
const COLLECTIONS = ['Spring campaign', 'Book cover ideas', 'Kyoto trip', 'Logos', 'Textures', 'Characters'];

/** Deterministic pseudo-random numbers, so two seeds of the same size are the same library. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedLibrary(userDataDir: string, items: number, log: (s: string) => void = console.log): Promise<void> {
  const libraryDir = path.join(userDataDir, 'library');
  fs.mkdirSync(libraryDir, { recursive: true });
  const db = openDatabase(path.join(libraryDir, 'atelier.sqlite'));
  const store = new ContentStore(libraryDir, inProcessImages);
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const paletteSize = Math.min(400, Math.max(1, items));
  const palette: StoredImage[] = [];
  for (let i = 0; i < paletteSize; i++) {
    const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r: (i * 47) % 256, g: (i * 91) % 256, b: (i * 13) % 256 } } }).png().toBuffer();
    palette.push(await store.put(png));
  }
  log(`seed: ${paletteSize} palette images written`);

  const collections = COLLECTIONS.map((name) => ({ id: crypto.randomUUID(), name }));
  const now = Date.now();
  const span = 2 * 365 * 86_400_000;
  const insertGen = db.prepare(
    `INSERT INTO generations (id, prompt, tier, model_id, params_json, response_text, prompt_tokens, output_tokens, image_tokens, cost_usd, duration_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAsset = db.prepare(
    `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at, name, tier, model_id, aspect_ratio, image_size, has_grounding, rating, favorite)
     VALUES (?, ?, 'image/png', ?, ?, ?, 'generated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT OR IGNORE INTO asset_tags (asset_id, tag) VALUES (?, ?)');
  const insertMember = db.prepare('INSERT OR IGNORE INTO collection_assets (collection_id, asset_id, added_at) VALUES (?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO asset_fts (rowid, prompt, text, tags, collections, name) VALUES (?, ?, ?, ?, ?, ?)');
  tx(db, () => {
    for (const c of collections) db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)').run(c.id, c.name, now);
  });

  // A library grows in time order: assets enter (and get their rowid) in the order of their dates.
  const dates = Array.from({ length: items }, () => now - Math.floor(rand() * span)).sort((a, b) => a - b);
  const BATCH = 5000;
  const started = performance.now();
  for (let done = 0; done < items; done += BATCH) {
    tx(db, () => {
      for (let i = done; i < Math.min(items, done + BATCH); i++) {
        const prompt = `${pick(SUBJECTS)}, ${pick(STYLES)}, ${pick(SETTINGS)}`;
        const pro = rand() < 0.35;
        const tier = pro ? 'pro' : 'flash';
        const model = pro ? 'gemini-3-pro-image' : 'gemini-3.1-flash-image';
        const ratio = pick(COMMON_ASPECT_RATIOS);
        const size = pick(['1K', '1K', '2K', '4K'] as const);
        const grounded = rand() < 0.1;
        const created = dates[i]!;
        const gid = crypto.randomUUID();
        const aid = crypto.randomUUID();
        const img = palette[i % palette.length]!;
        const tags = rand() < 0.3 ? [pick(TAGS)] : [];
        const inCollection = rand() < 0.1 ? pick(collections) : null;
        insertGen.run(gid, prompt, tier, model, JSON.stringify({ aspectRatio: ratio, imageSize: size, modalities: 'TEXT_IMAGE', grounding: grounded, includeThoughts: false, references: [] }), `Here is ${prompt}.`, 20, 1140, 1120, pro ? 0.134 : 0.067, 8000, created);
        const { lastInsertRowid } = insertAsset.run(aid, img.sha256, img.width, img.height, img.bytes, gid, created, slugOf(prompt), tier, model, ratio, size, grounded ? 1 : 0, Math.floor(rand() * 6), rand() < 0.05 ? 1 : 0);
        for (const t of tags) insertTag.run(aid, t);
        if (inCollection) insertMember.run(inCollection.id, aid, created);
        insertFts.run(lastInsertRowid, prompt, `Here is ${prompt}.`, tags.join(' '), inCollection?.name ?? '', slugOf(prompt));
      }
    });
    if ((done / BATCH) % 10 === 0) log(`seed: ${Math.min(items, done + BATCH)} / ${items}`);
  }
  db.exec('ANALYZE');
  db.close();
  log(`seed: ${items} assets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1]?.endsWith('seed-library.ts')) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const items = Number(arg('items') ?? 250_000);
  const dir = arg('dir') ?? path.join(os.tmpdir(), `atelier-seed-${items}`);
  void seedLibrary(dir, items).then(() => console.log(`Library ready in ${dir} (start the preview with --data ${dir})`));
}
