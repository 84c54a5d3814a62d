/**
 * The finding indexes read from SQLite into typed arrays: every fingerprint (sha256, pHash,
 * colour layout with its sums and grid cell) and every meaning vector's signs. Run on the index
 * loader's worker thread (indexWorker.ts), so a million rows never become objects on main's heap
 * nor hold its event loop; main adopts the arrays (Fingerprints.loaded, Meaning.loaded). Plain
 * functions over a connection, so a library with no file of its own (tests) reads them in place.
 */
import type { Database } from 'better-sqlite3';
import { ShaTable } from './ShaTable';
import { LAYOUT_BYTES, COARSE, summarise } from './Layouts';
import { DIMENSIONS, WORDS, signsOf } from './vectors';

export interface FingerprintArrays {
  count: number;
  /** sha256 of item i at 32 i. */
  shaBytes: Uint8Array<ArrayBuffer>;
  hi: Uint32Array<ArrayBuffer>;
  lo: Uint32Array<ArrayBuffer>;
  full: Uint8Array<ArrayBuffer>;
  coarse: Uint16Array<ArrayBuffer>;
  cells: Uint16Array<ArrayBuffer>;
  /** The last row read: rows written after the read began come after it (catch up with `afterRowid`). */
  lastRowid: number;
}

export interface VectorArrays {
  count: number;
  shaBytes: Uint8Array<ArrayBuffer>;
  signs: Uint32Array<ArrayBuffer>;
  /** Each item's row in image_embeddings (the search reads its int8 vector back by it). */
  rowids: Float64Array<ArrayBuffer>;
  lastRowid: number;
}

/** One snapshot for the count and the rows: a backfill writing meanwhile cannot make them disagree. */
function inSnapshot<T>(db: Database, read: () => T): T {
  return db.transaction(read)();
}

function putSha(shaBytes: Uint8Array, item: number, sha: string): void {
  shaBytes.set(Buffer.from(sha, 'hex'), item * 32);
}

export function readFingerprints(db: Database, afterRowid = 0): FingerprintArrays {
  return inSnapshot(db, () => {
    const n = db.prepare('SELECT COUNT(*) FROM image_fingerprints WHERE failed = 0 AND rowid > ?').pluck().get(afterRowid) as number;
    const out: FingerprintArrays = {
      count: 0,
      shaBytes: new Uint8Array(n * 32),
      hi: new Uint32Array(n),
      lo: new Uint32Array(n),
      full: new Uint8Array(n * LAYOUT_BYTES),
      coarse: new Uint16Array(n * COARSE),
      cells: new Uint16Array(n),
      lastRowid: afterRowid,
    };
    const rows = db.prepare('SELECT rowid, sha256, phash_hi, phash_lo, layout FROM image_fingerprints WHERE failed = 0 AND rowid > ? ORDER BY rowid').raw();
    for (const [rowid, sha, hi, lo, layout] of rows.iterate(afterRowid) as Iterable<[number, string, number, number, Buffer | null]>) {
      if (out.count === n) break;
      out.lastRowid = rowid;
      if (!ShaTable.isSha(sha)) continue;
      const item = out.count++;
      putSha(out.shaBytes, item, sha);
      out.hi[item] = hi >>> 0;
      out.lo[item] = lo >>> 0;
      // A short or missing layout (a failed read) stays zeros: it is far from every real picture.
      if (layout) out.full.set(layout.subarray(0, LAYOUT_BYTES), item * LAYOUT_BYTES);
      summarise(out, item);
    }
    return out;
  });
}

export function readVectors(db: Database, afterRowid = 0): VectorArrays {
  return inSnapshot(db, () => {
    const n = db.prepare('SELECT COUNT(*) FROM image_embeddings WHERE rowid > ?').pluck().get(afterRowid) as number;
    const out: VectorArrays = { count: 0, shaBytes: new Uint8Array(n * 32), signs: new Uint32Array(n * WORDS), rowids: new Float64Array(n), lastRowid: afterRowid };
    const rows = db.prepare('SELECT rowid, sha256, vector FROM image_embeddings WHERE rowid > ? ORDER BY rowid').raw();
    for (const [rowid, sha, vector] of rows.iterate(afterRowid) as Iterable<[number, string, Buffer]>) {
      if (out.count === n) break;
      out.lastRowid = rowid;
      if (!ShaTable.isSha(sha) || vector.length < DIMENSIONS) continue;
      const item = out.count++;
      putSha(out.shaBytes, item, sha);
      signsOf(new Int8Array(vector.buffer, vector.byteOffset, DIMENSIONS), out.signs, item * WORDS);
      out.rowids[item] = rowid;
    }
    return out;
  });
}

/**
 * Live assets per picture (item), from one walk of the sha256 index. Asking for every grouped
 * picture's rows 500 at a time took most of the grouping's time at a million; the walk itself
 * holds a thread for seconds there, so the app runs it on the index worker.
 */
export function liveCounts(db: Database, shas: ShaTable, size: number): Uint16Array {
  const live = new Uint16Array(size);
  for (const [sha, n] of db.prepare('SELECT sha256, COUNT(*) FROM assets WHERE trashed_at IS NULL GROUP BY sha256').raw().iterate() as Iterable<[string, number]>) {
    const item = shas.itemOf(sha);
    if (item !== undefined && item < size) live[item] = Math.min(n, 65535);
  }
  return live;
}

/** The groups with two live assets or more (their pictures without one left out): the first `max` of them, and how many there are. */
export function liveGroups(groups: readonly number[][], live: Uint16Array, max: number): { shown: number[][]; total: number } {
  const shown: number[][] = [];
  let total = 0;
  for (const items of groups) {
    let n = 0;
    for (const item of items) n += live[item]!;
    if (n < 2) continue;
    total++;
    if (shown.length < max) shown.push(items.filter((item) => live[item]! > 0));
  }
  return { shown, total };
}

/** Search by meaning's counts: live pictures, and those of them embedded (seconds at a million, so the app counts on the index worker). */
export function meaningCounts(db: Database): { total: number; embedded: number } {
  return inSnapshot(db, () => ({
    total: db.prepare('SELECT COUNT(DISTINCT sha256) FROM assets WHERE trashed_at IS NULL').pluck().get() as number,
    embedded: db.prepare('SELECT COUNT(DISTINCT a.sha256) FROM assets a JOIN image_embeddings e ON e.sha256 = a.sha256 WHERE a.trashed_at IS NULL').pluck().get() as number,
  }));
}
