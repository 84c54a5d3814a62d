/**
 * Every stored picture's fingerprint (pHash + colour layout, made by the image helper), kept in
 * `image_fingerprints` and mirrored in memory as a Hamming index for near-duplicate queries.
 *
 * The backfill works through pictures that have no fingerprint yet, newest first, a few at a time
 * in the helper. Its state is the table itself: a quit mid-way loses nothing, and the next start
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
import { HammingIndex } from './HammingIndex';
import { ShaTable } from './ShaTable';

/** Bytes in a colour layout: 8 × 8 cells of RGB. */
export const LAYOUT_BYTES = 192;
/** Numbers in a coarse layout: 2 × 2 cells of RGB. */
export const COARSE = 12;

/**
 * An 8 × 8 RGB layout summed to 2 × 2 cells (each the sum of 16 bytes, kept whole in 16 bits, so
 * nothing is rounded). The mean difference of averages is never more than the mean difference
 * (|mean a − mean b| ≤ mean |a − b|), so a picture whose coarse layout is already too far cannot
 * be a look-alike: the first pass rules it out without any loss.
 */
export function coarseLayout(layout: Uint8Array, out: Uint16Array, at: number, from = 0): void {
  out.fill(0, at, at + COARSE);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) for (let c = 0; c < 3; c++) out[at + ((y >> 2) * 2 + (x >> 2)) * 3 + c]! += layout[from + (y * 8 + x) * 3 + c]!;
}

/** Every item's colour layout in one block (item i at 192 i), and its coarse sums (12 i). */
export class Layouts {
  full = new Uint8Array(LAYOUT_BYTES * 1024);
  coarse = new Uint16Array(COARSE * 1024);
  size = 0;

  /** Room for `n` items at once: growing by doubling to a million left the halves behind in main's RSS. */
  reserve(n: number): void {
    if (n * LAYOUT_BYTES <= this.full.length) return;
    const full = new Uint8Array(n * LAYOUT_BYTES);
    full.set(this.full);
    this.full = full;
    const coarse = new Uint16Array(n * COARSE);
    coarse.set(this.coarse);
    this.coarse = coarse;
  }

  set(item: number, layout: Uint8Array): void {
    while ((item + 1) * LAYOUT_BYTES > this.full.length) {
      const full = new Uint8Array(this.full.length * 2);
      full.set(this.full);
      this.full = full;
      const coarse = new Uint16Array(this.coarse.length * 2);
      coarse.set(this.coarse);
      this.coarse = coarse;
    }
    // A short or missing layout (a failed read) stays zeros: it is far from every real picture.
    this.full.set(layout.subarray(0, LAYOUT_BYTES), item * LAYOUT_BYTES);
    coarseLayout(this.full, this.coarse, item * COARSE, item * LAYOUT_BYTES);
    this.size = Math.max(this.size, item + 1);
  }
}

export interface FingerprintsOptions {
  /** Pictures in the helper at once: two keep its threads busy and leave the queue room. */
  concurrency?: number;
  /** Starts the backfill on construction (off in tests that drive it themselves). */
  autoStart?: boolean;
  logger?: Logger;
  now?: () => number;
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
  private paused = false;
  /** The library's picture counts, kept between runs: counting a million assets takes main about a second. */
  private counts: { total: number; missing: number } | null = null;
  /** Pictures arrived during a run: walk again from the top when it ends. */
  private again = false;
  private running: Promise<void> | null = null;
  private disposed = false;
  private lastEmit = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly images: Images,
    private readonly events: EventBus,
    private readonly o: FingerprintsOptions = {},
  ) {
    this.unsubscribe = events.onAny((event) => {
      if (event !== 'library.added') return;
      this.counts = null;
      // A run walking down from the top would not come back for pictures added above it.
      this.again = true;
      this.resume(false);
    });
    if (o.autoStart !== false) this.resume(false);
  }

  progress(): FingerprintProgress {
    if (!this.counts) {
      this.counts = {
        total: cached(this.db, 'SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number,
        missing: cached(this.db, 'SELECT COUNT(DISTINCT a.sha256) FROM assets a LEFT JOIN image_fingerprints f ON f.sha256 = a.sha256 WHERE f.sha256 IS NULL').pluck().get() as number,
      };
    }
    const { total, missing } = this.counts;
    return { done: total - Math.max(0, missing), total, state: this.paused ? 'paused' : this.running ? 'running' : 'idle' };
  }

  pause(): FingerprintProgress {
    if (this.paused) return this.progress();
    this.paused = true;
    this.emit(true);
    return this.progress();
  }

  /** Starts (or wakes) the backfill; `byUser` also lifts a pause. */
  resume(byUser = true): FingerprintProgress {
    if (byUser) this.paused = false;
    if (!this.paused && !this.disposed && !this.running) {
      this.running = this.backfill().finally(() => {
        this.running = null;
        this.counts = null;
        this.emit(true);
      });
    }
    return this.progress();
  }

  /** Resolves when the backfill has nothing left (or is paused). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
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
    await this.inParallel(rows);
  }

  /** The in-memory index, loaded from the table on first use. */
  loaded(): { index: HammingIndex; shas: ShaTable; layouts: Layouts } {
    if (!this.index) {
      this.index = new HammingIndex();
      const n = this.db.prepare('SELECT COUNT(*) FROM image_fingerprints WHERE failed = 0').pluck().get() as number;
      this.index.reserve(n);
      this.shas.reserve(n);
      this.layouts.reserve(n);
      for (const r of this.db.prepare('SELECT sha256, phash_hi, phash_lo, layout FROM image_fingerprints WHERE failed = 0').iterate() as Iterable<{
        sha256: string;
        phash_hi: number;
        phash_lo: number;
        layout: Buffer;
      }>) {
        this.addToIndex(r.sha256, r.phash_hi, r.phash_lo, r.layout);
      }
    }
    return { index: this.index, shas: this.shas, layouts: this.layouts };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    return Promise.allSettled([this.running, ...this.making.values()]).then(() => undefined);
  }

  private addToIndex(sha256: string, hi: number, lo: number, layout: Uint8Array): void {
    if (!this.index || !ShaTable.isSha(sha256) || this.shas.itemOf(sha256) !== undefined) return;
    const item = this.index.add(hi, lo);
    this.shas.add(sha256);
    this.layouts.set(item, layout);
  }

  /**
   * Walks the assets newest first (rowid order is the order they entered the library) in windows
   * of 20,000 rows, each one short query. One query for "the next 64 without a fingerprint"
   * scanned and grouped every asset: about a second of main's time per batch at a million.
   */
  private async backfill(): Promise<void> {
    const WINDOW = 20_000;
    const window = this.db.prepare(
      `SELECT a.sha256, a.mime FROM assets a WHERE a.rowid <= ? AND a.rowid > ?
       AND NOT EXISTS (SELECT 1 FROM image_fingerprints f WHERE f.sha256 = a.sha256) ORDER BY a.rowid DESC`,
    );
    do {
      this.again = false;
      let cursor = (this.db.prepare('SELECT MAX(rowid) FROM assets').pluck().get() as number | null) ?? 0;
      while (cursor > 0) {
        if (this.paused || this.disposed) return;
        const bySha = new Map<string, Missing>();
        for (const r of window.all(cursor, cursor - WINDOW) as Missing[]) if (!bySha.has(r.sha256)) bySha.set(r.sha256, r);
        cursor -= WINDOW;
        const rows = [...bySha.values()];
        for (let i = 0; i < rows.length; i += 64) {
          if (this.paused || this.disposed) return;
          await this.inParallel(rows.slice(i, i + 64), true);
        }
        // A turn of the event loop between windows, so the window's requests are never held up.
        await new Promise((r) => setImmediate(r));
      }
    } while (this.again && !this.paused && !this.disposed);
  }

  /** `background`: a pause stops it between pictures, and each picture tells the progress. */
  private async inParallel(rows: readonly Missing[], background = false): Promise<void> {
    let at = 0;
    const worker = async () => {
      while (at < rows.length && !this.disposed && !(background && this.paused)) {
        const r = rows[at++]!;
        await this.one(r.sha256, r.mime);
        if (background) this.emit(false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency ?? 3, rows.length) }, worker));
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

  private emit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    this.events.emit('fingerprints.progress', this.progress());
  }
}
