/**
 * Every stored picture's fingerprint (pHash + colour layout, made by the image helper), kept in
 * `image_fingerprints` and mirrored in memory as a Hamming index for near-duplicate queries.
 *
 * The backfill (a `BackgroundPass`) works through pictures that have no fingerprint yet, newest
 * first, a few at a time in the helper. Its state is the table itself: a quit mid-way loses nothing, and the next start
 * carries on where it stopped. New images (an import, a generation: `library.added`) wake it, so
 * they are fingerprinted within moments of arriving; an import asks for its own at once
 * (`ensureAssets`), to say which of its photos were already there.
 */
import fs from 'node:fs';
import type { FingerprintProgress } from '../../../shared/domain';
import { cached, type Db } from '../db/db';
import type { EventBus } from '../events';
import { halves } from '../images/fingerprint';
import { isHelperStopped } from '../images/ImageHelper';
import type { Images } from '../images/protocol';
import type { Library } from '../library/Library';
import type { Logger } from '../logger';
import { BackgroundPass, inPool } from '../backgroundPass';
import { HammingIndex } from './HammingIndex';
import { IndexLoader, type IndexSource } from './indexLoader';
import { liveCounts, liveGroups, readFingerprints } from './indexRead';
import { Layouts } from './Layouts';
import { ShaTable } from './ShaTable';

export interface FingerprintsOptions {
  /** The library's database file: the index is then read on a worker thread (see IndexLoader). */
  source?: IndexSource;
  /** How the index is read (tests stand in for the worker); by default a worker on `source`. */
  loader?: Pick<IndexLoader, 'read' | 'groups' | 'stop'>;
  /** Pictures in the helper at once: two keep its threads busy and leave the queue room. */
  concurrency?: number;
  /** Starts the backfill on construction (off in tests that drive it themselves). */
  autoStart?: boolean;
  logger?: Logger;
  now?: () => number;
  /**
   * How long the backfill should stay out of the way, in ms (a file batch importing thousands of
   * results: the helper's time is theirs first). Asked between batches of pictures; 0 goes on.
   */
  busyFor?: () => number;
}

interface Missing {
  sha256: string;
  mime: string;
}

export class Fingerprints {
  private index: HammingIndex | null = null;
  /** The index's items: sha256 ↔ item number, and each item's colour layout. */
  private shas = new ShaTable();
  private readonly layouts = new Layouts();
  private readonly making = new Map<string, Promise<void>>();
  /** Times the helper stopped under a picture: after three it is marked failed, so one file cannot keep restarting it. */
  private readonly stops = new Map<string, number>();
  private readonly pass: BackgroundPass<Missing>;
  /** The library's picture counts, kept between runs: counting a million assets takes main about a second. */
  private counts: { total: number; missing: number } | null = null;
  /** Pictures arrived during a run: walk again from the top when it ends. */
  private again = false;
  private disposed = false;
  private readonly unsubscribe: () => void;
  /** Reads the index off main's thread (a library with a file); without one it is read in place. */
  private readonly loader: Pick<IndexLoader, 'read' | 'groups' | 'stop'> | null;
  private loading: Promise<{ index: HammingIndex; shas: ShaTable; layouts: Layouts }> | null = null;

  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly images: Images,
    private readonly events: EventBus,
    private readonly o: FingerprintsOptions = {},
  ) {
    this.loader = o.loader ?? (o.source ? new IndexLoader(o.source) : null);
    this.pass = new BackgroundPass<Missing>({
      concurrency: o.concurrency ?? 3,
      chunks: () => this.walk(),
      one: (r) => this.one(r.sha256, r.mime),
      busyFor: o.busyFor,
      report: () => this.events.emit('fingerprints.progress', this.progress()),
      onError: (err) => o.logger?.warn('finding: the fingerprint backfill stopped', { message: err instanceof Error ? err.message : String(err) }),
    });
    // Woken without counting progress: `library.added` comes after every few results of an import,
    // and the count is two scans of the library.
    this.unsubscribe = events.onAny((event) => {
      if (event !== 'library.added') return;
      this.counts = null;
      // A run walking down from the top would not come back for pictures added above it.
      this.again = true;
      this.wake();
    });
    if (o.autoStart !== false) this.wake();
  }

  progress(): FingerprintProgress {
    if (!this.counts) {
      this.counts = {
        total: cached(this.db, 'SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number,
        missing: cached(this.db, 'SELECT COUNT(DISTINCT a.sha256) FROM assets a LEFT JOIN image_fingerprints f ON f.sha256 = a.sha256 WHERE f.sha256 IS NULL').pluck().get() as number,
      };
    }
    const { total, missing } = this.counts;
    return { done: total - Math.max(0, missing), total, state: this.pass.state };
  }

  pause(): FingerprintProgress {
    this.pass.pause();
    return this.progress();
  }

  /** Starts (or wakes) the backfill; `byUser` also lifts a pause. */
  resume(byUser = true): FingerprintProgress {
    if (!this.disposed) this.pass.resume(byUser);
    return this.progress();
  }

  private wake(): void {
    if (!this.disposed) this.pass.resume(false);
  }

  /** Resolves when the backfill has nothing left (or is paused). */
  whenIdle(): Promise<void> {
    return this.pass.whenIdle();
  }

  /** Fingerprints these assets now (those missing one), for the import's question. */
  async ensureAssets(ids: readonly string[]): Promise<void> {
    const rows: Missing[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      rows.push(
        ...(this.db
          .prepare(
            `SELECT DISTINCT a.sha256, a.mime FROM assets a LEFT JOIN image_fingerprints f ON f.sha256 = a.sha256
             WHERE f.sha256 IS NULL AND a.id IN (${slice.map(() => '?').join(',')})`,
          )
          .all(...slice) as Missing[]),
      );
    }
    await inPool(rows, this.o.concurrency ?? 3, (r) => this.one(r.sha256, r.mime));
  }

  /**
   * The in-memory index, read from the table on first use: on the index loader's worker thread
   * when the library has a file (`o.source`), then adopted here, then caught up with the rows the
   * backfill wrote meanwhile. Callers at the same moment share one read.
   */
  loaded(): Promise<{ index: HammingIndex; shas: ShaTable; layouts: Layouts }> {
    if (this.index) return Promise.resolve({ index: this.index, shas: this.shas, layouts: this.layouts });
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Groups of near-identical pictures with two live assets or more: the first `max`, each without
   * its pictures that have none, and how many there are. Worked out on the index loader's worker
   * from a copy of the index when there is one (grouping and counting each picture's assets hold
   * a thread for seconds at a million). Pictures fingerprinted meanwhile are in the next grouping.
   */
  async groups(radius: number, max: number): Promise<{ shown: number[][]; total: number }> {
    const { index } = await this.loaded();
    if (!this.loader) return liveGroups(index.groups(radius), liveCounts(this.db, this.shas, index.size), max);
    const { members, ends, total } = await this.loader.groups({ ...index.hashes(), shaBytes: this.shas.snapshot() }, radius, max);
    const shown: number[][] = new Array<number[]>(ends.length);
    for (let g = 0, from = 0; g < ends.length; from = ends[g++]!) shown[g] = Array.from(members.subarray(from, ends[g]));
    return { shown, total };
  }

  private async load(): Promise<{ index: HammingIndex; shas: ShaTable; layouts: Layouts }> {
    const read = this.loader ? await this.loader.read('fingerprints') : readFingerprints(this.db);
    if (this.disposed) throw new Error('The library was closed while its near-duplicate index was being read.');
    const index = new HammingIndex();
    index.adopt(read.hi, read.lo, read.count);
    this.shas.adopt(read.shaBytes, read.count);
    this.layouts.adopt(read, read.count);
    this.index = index;
    const late = this.db.prepare('SELECT sha256, phash_hi, phash_lo, layout FROM image_fingerprints WHERE failed = 0 AND rowid > ?');
    for (const r of late.iterate(read.lastRowid) as Iterable<{ sha256: string; phash_hi: number; phash_lo: number; layout: Buffer | null }>) {
      this.addToIndex(r.sha256, r.phash_hi, r.phash_lo, r.layout ?? new Uint8Array(0));
    }
    // Ordered now, with the rest of the loading, rather than in the first "Similar".
    this.layouts.grid();
    return { index, shas: this.shas, layouts: this.layouts };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    return Promise.allSettled([this.pass.dispose(), ...this.making.values(), this.loader?.stop()]).then(() => undefined);
  }

  private addToIndex(sha256: string, hi: number, lo: number, layout: Uint8Array): void {
    if (!this.index || !ShaTable.isSha(sha256) || this.shas.itemOf(sha256) !== undefined) return;
    const item = this.index.add(hi, lo);
    this.shas.add(sha256);
    this.layouts.set(item, layout);
  }

  /**
   * One run's chunks: the assets newest first (rowid order is the order they entered the library),
   * read in windows of 20,000 rows, each one short query, and handed out 64 pictures at a time; a
   * window with nothing missing is an empty chunk, so the runner takes a turn of the event loop
   * before the next. One query for "the next 64 without a fingerprint" scanned and grouped every
   * asset: about a second of main's time per batch at a million. Pictures added during the run
   * (`again`) send it back to the top once it reaches the bottom.
   */
  private walk(): () => Missing[] | null {
    const WINDOW = 20_000;
    const window = this.db.prepare(
      `SELECT a.sha256, a.mime FROM assets a WHERE a.rowid <= ? AND a.rowid > ?
       AND NOT EXISTS (SELECT 1 FROM image_fingerprints f WHERE f.sha256 = a.sha256) ORDER BY a.rowid DESC`,
    );
    const top = this.db.prepare('SELECT MAX(rowid) FROM assets').pluck();
    let cursor = 0;
    let rows: Missing[] = [];
    this.again = true;
    return () => {
      if (rows.length) return rows.splice(0, 64);
      if (cursor <= 0) {
        if (!this.again) {
          // Counted afresh when the run ends: a picture that failed or was passed over stays missing.
          this.counts = null;
          return null;
        }
        this.again = false;
        cursor = (top.get() as number | null) ?? 0;
        if (cursor <= 0) return null;
      }
      const bySha = new Map<string, Missing>();
      for (const r of window.all(cursor, cursor - WINDOW) as Missing[]) if (!bySha.has(r.sha256)) bySha.set(r.sha256, r);
      cursor -= WINDOW;
      rows = [...bySha.values()];
      return rows.splice(0, 64);
    };
  }

  /** One picture: from its thumbnail when there is one (a 320 px WebP decodes in a fraction of the time), else its original. */
  private one(sha256: string, mime: string): Promise<void> {
    const started = this.making.get(sha256);
    if (started) return started;
    const thumb = this.library.store.thumbPath(sha256);
    const path = fs.existsSync(thumb) ? thumb : this.library.store.originalPath(sha256, mime);
    const work = this.images
      .run('fingerprint', { source: { path } }, 'fingerprinting an image for near-duplicates')
      .then(
        ({ phash, layout }) => {
          const [hi, lo] = halves(phash);
          cached(
            this.db,
            `INSERT OR REPLACE INTO image_fingerprints (sha256, phash_hi, phash_lo, layout, failed, made_at) VALUES (?, ?, ?, ?, 0, ?)`,
          ).run(sha256, hi, lo, Buffer.from(layout), (this.o.now ?? Date.now)());
          this.addToIndex(sha256, hi, lo, layout);
          if (this.counts) this.counts.missing--;
        },
        (err: unknown) => {
          if (this.disposed) return;
          if (isHelperStopped(err)) {
            const stops = (this.stops.get(sha256) ?? 0) + 1;
            this.stops.set(sha256, stops);
            if (stops < 3) return;
          }
          this.o.logger?.warn('finding: an image could not be fingerprinted', { sha256, message: err instanceof Error ? err.message : String(err) });
          cached(this.db, 'INSERT OR REPLACE INTO image_fingerprints (sha256, failed, made_at) VALUES (?, 1, ?)').run(sha256, (this.o.now ?? Date.now)());
          if (this.counts) this.counts.missing--;
        },
      )
      .finally(() => this.making.delete(sha256));
    this.making.set(sha256, work);
    return work;
  }
}
