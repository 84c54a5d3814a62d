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
import { openDatabase, tx, type Db as Database } from '../electron/services/db/db';
import { DIMENSIONS, quantise, toBlob } from '../electron/services/finding/vectors';
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

/**
 * What a library of `items` pictures has once fingerprinted and embedded (issue 19 §4): a
 * fingerprint and a meaning vector per picture. They are keyed by sha256s of their own (the
 * seeded assets share a few hundred palette images), so they load, group and search at full size
 * without matching an asset; the palette images keep no fingerprint, for the backfill to do.
 * Series as a library has them: one in four starts one, the rest a few bits off the one before;
 * layouts smooth around a colour; vectors around 500 meanings.
 */
export function seedFinding(db: Database, items: number, rand: () => number): void {
  const u32 = () => Math.floor(rand() * 4294967296) >>> 0;
  const insertPrint = db.prepare('INSERT INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, failed, made_at) VALUES (?, ?, ?, ?, 0, ?)');
  const insertVector = db.prepare("INSERT INTO image_embeddings (sha256, model, vector, made_at) VALUES (?, 'gemini-embedding-2', ?, ?)");
  const centres = Array.from({ length: 500 }, () => Array.from({ length: DIMENSIONS }, () => rand() * 2 - 1));
  let hi = 0;
  let lo = 0;
  const layout = new Uint8Array(192);
  const values = new Array<number>(DIMENSIONS);
  for (let done = 0; done < items; done += 5000) {
    tx(db, () => {
      for (let i = done; i < Math.min(items, done + 5000); i++) {
        const sha = crypto.createHash('sha256').update(`seeded picture ${i}`).digest('hex');
        if (i % 4 === 0) {
          hi = u32();
          lo = u32();
        } else {
          for (let f = Math.floor(rand() * 6); f > 0; f--) {
            const b = Math.floor(rand() * 64);
            if (b < 32) hi = (hi ^ (1 << b)) >>> 0;
            else lo = (lo ^ (1 << (b - 32))) >>> 0;
          }
        }
        const base = [rand() * 256, rand() * 256, rand() * 256];
        for (let k = 0; k < 192; k++) layout[k] = Math.max(0, Math.min(255, Math.round(base[k % 3]! + rand() * 40 - 20)));
        insertPrint.run(sha, hi, lo, Buffer.from(layout), i);
        const c = centres[Math.floor(rand() * centres.length)]!;
        for (let k = 0; k < DIMENSIONS; k++) values[k] = c[k]! + (rand() * 2 - 1) * 0.8;
        insertVector.run(sha, toBlob(quantise(values)), i);
      }
    });
  }
}

export async function seedLibrary(userDataDir: string, items: number, log: (s: string) => void = console.log, o: { finding?: boolean | number } = {}): Promise<void> {
  const libraryDir = path.join(userDataDir, 'library');
  fs.mkdirSync(libraryDir, { recursive: true });
  const db = openDatabase(path.join(libraryDir, 'atelier.sqlite'));
  // Random UUID keys land all over their indexes: with SQLite's default 2 MB cache, past about
  // 100,000 rows every insert went back to the file (a million took hours), and with 1 GB past
  // half a million. A cache as large as the library (about 2 GB at a million) keeps them in memory.
  db.pragma(`cache_size = -${Math.max(100_000, Math.ceil(items * 3))}`);
  db.pragma('synchronous = OFF');
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
        insertAsset.run(aid, img.sha256, img.width, img.height, img.bytes, gid, created, slugOf(prompt), tier, model, ratio, size, grounded ? 1 : 0, Math.floor(rand() * 6), rand() < 0.05 ? 1 : 0);
        for (const t of tags) insertTag.run(aid, t);
        if (inCollection) insertMember.run(inCollection.id, aid, created);
      }
    });
    if ((done / BATCH) % 10 === 0) log(`seed: ${Math.min(items, done + BATCH)} / ${items}`);
  }
  // The search index is filled afterwards, 100,000 rows a statement. Row by row inside a
  // transaction, FTS5 writes out its pending terms at every statement (its savepoint), and with
  // the seeded prompts' few dozen shared words a million-row seed took hours.
  const indexing = performance.now();
  const fill = db.prepare(
    `INSERT INTO asset_fts (rowid, prompt, text, tags, collections, name)
     SELECT a.rowid, g.prompt, g.response_text,
            COALESCE((SELECT group_concat(t.tag, ' ') FROM asset_tags t WHERE t.asset_id = a.id), ''),
            COALESCE((SELECT group_concat(c.name, ' ') FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE ca.asset_id = a.id), ''),
            a.name
     FROM assets a JOIN generations g ON g.id = a.generation_id WHERE a.rowid > ? AND a.rowid <= ?`,
  );
  const last = (db.prepare('SELECT MAX(rowid) FROM assets').pluck().get() as number | null) ?? 0;
  for (let from = 0; from < last; from += 100_000) tx(db, () => fill.run(from, from + 100_000));
  db.prepare("INSERT INTO asset_fts (asset_fts) VALUES ('optimize')").run();
  log(`seed: search index filled in ${((performance.now() - indexing) / 1000).toFixed(1)} s`);
  if (o.finding) {
    const t = performance.now();
    // A number: that many (a million fingerprints over fewer seeded assets, which take far longer to seed).
    const count = o.finding === true ? items : o.finding;
    seedFinding(db, count, rand);
    log(`seed: ${count} fingerprints and meaning vectors in ${((performance.now() - t) / 1000).toFixed(1)} s`);
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
  void seedLibrary(dir, items, console.log, { finding: process.argv.includes('--finding') }).then(() => console.log(`Library ready in ${dir} (start the preview with --data ${dir})`));
}
