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
import { BackgroundPass, inPool } from '../backgroundPass';
import { cached, type Db } from '../db/db';
import type { EventBus } from '../events';
import { halves } from '../images/fingerprint';
import { isHelperStopped } from '../images/ImageHelper';
import type { Images } from '../images/protocol';
import type { Library } from '../library/Library';
import type { Logger } from '../logger';
import { HammingIndex } from './HammingIndex';

/**
 * An 8 × 8 RGB layout averaged to 2 × 2 cells. The mean difference of averages is never more than
 * the mean difference (|mean a − mean b| ≤ mean |a − b|), so a picture whose coarse layout is
 * already too far cannot be a look-alike: the first pass rules it out without any loss.
 */
export function coarseLayout(layout: Uint8Array, out: Float32Array, at: number): void {
  out.fill(0, at, at + 12);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) for (let c = 0; c < 3; c++) out[at + ((y >> 2) * 2 + (x >> 2)) * 3 + c]! += layout[(y * 8 + x) * 3 + c]! / 16;
}

export interface FingerprintsOptions {
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
  /** The index's items: sha256 and layout by item number, and item by sha256. */
  private shas: string[] = [];
  private layouts: Uint8Array[] = [];
  /** Each layout averaged to 2 × 2 cells (12 numbers, item i at 12 i): the look-alike scan's first pass. */
  private coarse = new Float32Array(12 * 1024);
  private readonly itemOf = new Map<string, number>();
  private readonly making = new Map<string, Promise<void>>();
  /** Times the helper stopped under a picture: after three it is marked failed, so one file cannot keep restarting it. */
  private readonly stops = new Map<string, number>();
  private readonly pass: BackgroundPass<Missing>;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly images: Images,
    private readonly events: EventBus,
    private readonly o: FingerprintsOptions = {},
  ) {
    this.pass = new BackgroundPass<Missing>({
      concurrency: o.concurrency ?? 3,
      chunks: () => {
        const next = db.prepare(
          `SELECT a.sha256, a.mime FROM assets a LEFT JOIN image_fingerprints f ON f.sha256 = a.sha256
           WHERE f.sha256 IS NULL GROUP BY a.sha256 ORDER BY MAX(a.created_at) DESC LIMIT 64`,
        );
        return () => next.all() as Missing[];
      },
      one: (r) => this.one(r.sha256, r.mime),
      busyFor: o.busyFor,
      report: () => this.events.emit('fingerprints.progress', this.progress()),
      onError: (err) => o.logger?.warn('finding: the fingerprint backfill stopped', { message: err instanceof Error ? err.message : String(err) }),
    });
    // Woken without counting progress: `library.added` comes after every few results of an import,
    // and the count is two scans of the library.
    this.unsubscribe = events.onAny((event) => {
      if (event === 'library.added') this.wake();
    });
    if (o.autoStart !== false) this.wake();
  }

  progress(): FingerprintProgress {
    const total = cached(this.db, 'SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number;
    const missing = cached(this.db, 'SELECT COUNT(DISTINCT a.sha256) FROM assets a LEFT JOIN image_fingerprints f ON f.sha256 = a.sha256 WHERE f.sha256 IS NULL').pluck().get() as number;
    return { done: total - missing, total, state: this.pass.state };
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
    await inPool(rows, this.o.concurrency ?? 3, (r) => this.one(r.sha256, r.mime), () => this.disposed);
  }

  /** The in-memory index, loaded from the table on first use. */
  loaded(): { index: HammingIndex; shas: readonly string[]; layouts: readonly Uint8Array[]; coarse: Float32Array; itemOf: ReadonlyMap<string, number> } {
    if (!this.index) {
      this.index = new HammingIndex();
      for (const r of this.db.prepare('SELECT sha256, phash_hi, phash_lo, layout FROM image_fingerprints WHERE failed = 0').iterate() as Iterable<{
        sha256: string;
        phash_hi: number;
        phash_lo: number;
        layout: Buffer;
      }>) {
        this.addToIndex(r.sha256, r.phash_hi, r.phash_lo, new Uint8Array(r.layout));
      }
    }
    return { index: this.index, shas: this.shas, layouts: this.layouts, coarse: this.coarse, itemOf: this.itemOf };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    return Promise.allSettled([this.pass.dispose(), ...this.making.values()]).then(() => undefined);
  }

  private addToIndex(sha256: string, hi: number, lo: number, layout: Uint8Array): void {
    if (!this.index || this.itemOf.has(sha256)) return;
    const item = this.index.add(hi, lo);
    this.shas[item] = sha256;
    this.layouts[item] = layout;
    this.itemOf.set(sha256, item);
    if ((item + 1) * 12 > this.coarse.length) {
      const bigger = new Float32Array(this.coarse.length * 2);
      bigger.set(this.coarse);
      this.coarse = bigger;
    }
    coarseLayout(layout, this.coarse, item * 12);
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
        },
      )
      .finally(() => this.making.delete(sha256));
    this.making.set(sha256, work);
    return work;
  }
}
