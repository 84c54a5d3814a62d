import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/services/db/db';
import { EventBus } from '../../../../electron/services/events';
import { Fingerprints } from '../../../../electron/services/finding/Fingerprints';
import { HammingIndex } from '../../../../electron/services/finding/HammingIndex';
import { IndexLoader } from '../../../../electron/services/finding/indexLoader';
import { readFingerprints, readVectors, type FingerprintArrays } from '../../../../electron/services/finding/indexRead';
import { LAYOUT_BYTES, Layouts } from '../../../../electron/services/finding/Layouts';
import { ShaTable } from '../../../../electron/services/finding/ShaTable';
import { DIMENSIONS, VectorBlock, fromBlob, quantise, toBlob } from '../../../../electron/services/finding/vectors';
import type { Images } from '../../../../electron/services/images/protocol';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { Library } from '../../../../electron/services/library/Library';
import { tempDir } from '../../../support/tmp';

let seed = 7;
const u32 = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const shaOf = (i: number) => crypto.createHash('sha256').update(`picture ${i}`).digest('hex');
const layoutOf = () => Buffer.from(Array.from({ length: LAYOUT_BYTES }, () => u32() & 255));

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A library file with `n` fingerprints (one failed, one with a short layout) and `n` meaning vectors. */
function library(n: number): { db: Db; dbFile: string; rows: Array<{ sha: string; hi: number; lo: number; layout: Buffer }> } {
  const dbFile = path.join(tempDir(), 'lib.sqlite');
  const db = openDatabase(dbFile);
  open.push(db);
  const rows: Array<{ sha: string; hi: number; lo: number; layout: Buffer }> = [];
  const print = db.prepare('INSERT INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, failed, made_at) VALUES (?, ?, ?, ?, 0, 1)');
  const vector = db.prepare("INSERT INTO image_embeddings (sha256, model, vector, made_at) VALUES (?, 'gemini-embedding-2', ?, 1)");
  for (let i = 0; i < n; i++) {
    const row = { sha: shaOf(i), hi: u32(), lo: u32(), layout: i === 3 ? layoutOf().subarray(0, 10) : layoutOf() };
    print.run(row.sha, row.hi, row.lo, row.layout);
    rows.push(row);
    vector.run(row.sha, toBlob(quantise(Array.from({ length: DIMENSIONS }, () => u32() / 2 ** 31 - 1))));
  }
  db.prepare('INSERT INTO image_fingerprints (sha256, failed, made_at) VALUES (?, 1, 1)').run(shaOf(n));
  return { db, dbFile, rows };
}

describe('the finding indexes, read off main thread', () => {
  it('the worker reads every fingerprint as the table holds it: hashes, layouts and their sums, failed rows left out', async () => {
    const { db, dbFile, rows } = library(300);
    const loader = new IndexLoader({ dbFile });
    const read = await loader.read('fingerprints');
    expect(read.count).toBe(300);
    // An oracle built the way the index was built before: one row at a time.
    const layouts = new Layouts();
    rows.forEach((r, i) => {
      expect(Buffer.from(read.shaBytes.subarray(i * 32, i * 32 + 32)).toString('hex')).toBe(r.sha);
      expect([read.hi[i], read.lo[i]]).toEqual([r.hi, r.lo]);
      layouts.set(i, r.layout);
    });
    expect(Buffer.from(read.full.subarray(0, 300 * LAYOUT_BYTES)).equals(Buffer.from(layouts.full.subarray(0, 300 * LAYOUT_BYTES)))).toBe(true);
    expect(Array.from(read.coarse.subarray(0, 300 * 12))).toEqual(Array.from(layouts.coarse.subarray(0, 300 * 12)));
    expect(Array.from(read.cells.subarray(0, 300))).toEqual(Array.from(layouts.cells.subarray(0, 300)));
    // The same as reading it in place, which a library without a file of its own does.
    expect(read).toEqual(readFingerprints(db));
  });

  it('the worker reads every vector: its signs find what the vectors themselves find', async () => {
    const { db, dbFile } = library(200);
    const read = await new IndexLoader({ dbFile }).read('vectors');
    expect(read.count).toBe(200);
    expect(read).toEqual(readVectors(db));
    const blobs = db.prepare('SELECT vector FROM image_embeddings ORDER BY rowid').pluck().all() as Buffer[];
    const whole = new VectorBlock();
    for (const b of blobs) whole.add(fromBlob(b));
    const signs = new VectorBlock({ keepBytes: false });
    signs.adoptSigns(read.signs, read.count);
    const query = Array.from(fromBlob(blobs[17]!).bytes, (x) => x + 1);
    const bytesOf = (items: Int32Array) => Array.from(items, (i) => fromBlob(blobs[i]!));
    expect(signs.nearest(query, 10, bytesOf)).toEqual(whole.nearest(query, 10));
  });

  it('a library file that cannot be opened is said in words, not a crash', async () => {
    await expect(new IndexLoader({ dbFile: path.join(tempDir(), 'gone.sqlite') }).read('fingerprints')).rejects.toThrow(/near-duplicate index could not be read/);
  });

  it('fingerprints the backfill stored while the index was being read are in it once read, and callers at the same moment share one read', async () => {
    const { db, dbFile, rows } = library(50);
    let reads = 0;
    const late = { sha: shaOf(999), hi: 0x12345678, lo: 0x9abcdef0 };
    const loader = {
      read: async (kind: 'fingerprints') => {
        reads++;
        const arrays = await new IndexLoader({ dbFile }).read(kind);
        // The backfill goes on while the worker reads: this row is after the worker's snapshot.
        db.prepare('INSERT INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, failed, made_at) VALUES (?, ?, ?, ?, 0, 2)').run(late.sha, late.hi, late.lo, layoutOf());
        return arrays;
      },
      stop: async () => {},
    } as unknown as IndexLoader;
    const fp = new Fingerprints(db, new Library(db, new ContentStore(tempDir(), null as unknown as Images)), null as unknown as Images, new EventBus(), { autoStart: false, loader });
    const [a, b] = await Promise.all([fp.loaded(), fp.loaded()]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
    expect(a.index.size).toBe(51);
    expect(a.shas.itemOf(rows[10]!.sha)).toBe(10);
    const item = a.shas.itemOf(late.sha)!;
    expect(a.index.hashOf(item)).toEqual([late.hi, late.lo]);
    expect(a.index.within(late.hi, late.lo, 0).map((h) => h.item)).toEqual([item]);
    await fp.dispose();
  });

  it('the app reads its index on the worker: the same near neighbours as an index read in place', async () => {
    const { db, dbFile, rows } = library(120);
    const lib = new Library(db, new ContentStore(tempDir(), null as unknown as Images));
    const viaWorker = new Fingerprints(db, lib, null as unknown as Images, new EventBus(), { autoStart: false, source: { dbFile } });
    const inPlace = new Fingerprints(db, lib, null as unknown as Images, new EventBus(), { autoStart: false });
    const [w, p] = await Promise.all([viaWorker.loaded(), inPlace.loaded()]);
    for (const r of rows.slice(0, 20)) expect(w.index.within(r.hi, r.lo, 15)).toEqual(p.index.within(r.hi, r.lo, 15));
    await Promise.all([viaWorker.dispose(), inPlace.dispose()]);
  });

  it('grouping on the worker keeps exactly the groups found in place: two live assets or more, pictures without one left out, the first few and the count', async () => {
    const dbFile = path.join(tempDir(), 'lib.sqlite');
    const db = openDatabase(dbFile);
    open.push(db);
    const print = db.prepare('INSERT INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, failed, made_at) VALUES (?, ?, ?, ?, 0, 1)');
    const asset = db.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at, trashed_at) VALUES (?, ?, 'image/png', 8, 8, 100, 'imported', 1, ?)");
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 3000; i++) {
      // Series of near-identical hashes (a few bits apart) among unrelated ones.
      if (i % 5 === 0) [hi, lo] = [u32(), u32()];
      else [hi, lo] = [(hi ^ (1 << (u32() % 32))) >>> 0, i % 3 ? lo : (lo ^ (1 << (u32() % 32))) >>> 0];
      print.run(shaOf(i), hi, lo, layoutOf());
      // Most pictures have an asset, some two, some none, some only in the trash.
      const copies = i % 7 === 0 ? 0 : i % 11 === 0 ? 2 : 1;
      for (let c = 0; c < copies; c++) asset.run(`a-${i}-${c}`, shaOf(i), i % 13 === 0 ? 5 : null);
    }
    const lib = new Library(db, new ContentStore(tempDir(), null as unknown as Images));
    const viaWorker = new Fingerprints(db, lib, null as unknown as Images, new EventBus(), { autoStart: false, source: { dbFile } });
    const inPlace = new Fingerprints(db, lib, null as unknown as Images, new EventBus(), { autoStart: false });
    const [w, p] = await Promise.all([viaWorker.groups(8, 40), inPlace.groups(8, 40)]);
    expect(p.total).toBeGreaterThan(100);
    expect(p.shown).toHaveLength(40);
    expect(w).toEqual(p);
    // A picture kept in a shown group has a live asset.
    const { shas } = await inPlace.loaded();
    const live = db.prepare('SELECT COUNT(*) FROM assets WHERE sha256 = ? AND trashed_at IS NULL').pluck();
    for (const item of p.shown.flat()) expect(live.get(shas.shaOf(item))).toBeGreaterThan(0);
    await Promise.all([viaWorker.dispose(), inPlace.dispose()]);
  });

  it("search by meaning's counts are made on the worker, match the counts made in place, and are made again after a library change", async () => {
    const { db, dbFile, rows } = library(30);
    const asset = db.prepare("INSERT INTO assets (id, sha256, mime, width, height, bytes, source, created_at) VALUES (?, ?, 'image/png', 8, 8, 100, 'imported', 1)");
    rows.slice(0, 12).forEach((r, i) => asset.run(`a-${i}`, r.sha));
    asset.run('b-0', shaOf(5000));
    const { Meaning } = await import('../../../../electron/services/finding/Meaning');
    const lib = new Library(db, new ContentStore(tempDir(), null as unknown as Images));
    const bus = new EventBus();
    const make = (source?: { dbFile: string }) =>
      new Meaning(db, lib, null as unknown as Images, bus, { sdk: async () => { throw new Error('no calls'); }, isOn: () => false, autoStart: false, ...(source ? { source } : {}) });
    const viaWorker = make({ dbFile });
    const inPlace = make();
    expect(await viaWorker.counted()).toMatchObject({ total: 13, embedded: 12 });
    expect(inPlace.status()).toMatchObject({ total: 13, embedded: 12 });
    db.prepare("UPDATE assets SET trashed_at = 1 WHERE id = 'a-0'").run();
    bus.emit('library.changed', { ids: ['a-0'] });
    expect(await viaWorker.counted()).toMatchObject({ total: 12, embedded: 11 });
    await Promise.all([viaWorker.dispose(), inPlace.dispose()]);
  });

  it('an index adopted empty still grows as pictures arrive (doubling nothing stays nothing)', () => {
    const empty: FingerprintArrays = readFingerprints(library(0).db);
    const index = new HammingIndex();
    index.adopt(empty.hi, empty.lo, 0);
    const shas = new ShaTable();
    shas.adopt(empty.shaBytes, 0);
    const block = new VectorBlock({ keepBytes: false });
    block.adoptSigns(new Uint32Array(0), 0);
    for (let i = 0; i < 3000; i++) {
      expect(index.add(i, i)).toBe(i);
      expect(shas.add(shaOf(i))).toBe(i);
      block.add(quantise(Array.from({ length: DIMENSIONS }, (_, d) => (d === i % DIMENSIONS ? 1 : 0))));
    }
    expect(index.within(2999, 2999, 0).map((h) => h.item)).toEqual([2999]);
    expect(shas.shaOf(2999)).toBe(shaOf(2999));
    expect(block.size).toBe(3000);
  });
});
