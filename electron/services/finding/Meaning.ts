/**
 * Search by meaning (opt-in): each picture embedded once with gemini-embedding-2, the words of a
 * search embedded as they are typed, the nearest pictures found by exact search (`vectors.ts`).
 *
 * Facts it relies on (checked December 2026): the Gemini API's `batchEmbedContents`, which the
 * SDK's `ai.models.embedContent` calls with one request per content; output size 128–3072 by
 * `outputDimensionality`; at most 6 images in one content (Vertex AI's model page: "Maximum
 * images per prompt: 6") — here each picture is its own content, 16 contents a call; images bill
 * at $0.45 per million tokens, about $0.00012 an image, text at $0.20 per million (Google's
 * pricing page as quoted by tokencost.app and zilliz.com). The embed request has no `store`
 * field (the SDK's EmbedContentConfig offers none), so there is nothing to set to false.
 *
 * Whether it is on is the setting `searchByMeaning` (Settings → Library); every call goes through
 * the queue's request lane (`send`), so a 429 is waited out and an offline spell pauses the work.
 */
import type { GoogleGenAI } from '@google/genai';
import { cached, type Db } from '../db/db';
import { AppError, isAppError } from '../errors';
import type { EventBus } from '../events';
import { toAppError } from '../gemini/errors';
import { asBuffer, type Images } from '../images/protocol';
import type { Library } from '../library/Library';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../library/LibraryIndex';
import type { Logger } from '../logger';
import { IndexLoader, type IndexSource } from './indexLoader';
import { meaningCounts, readVectors } from './indexRead';
import { ShaTable } from './ShaTable';
import { DIMENSIONS, fromBlob, quantise, toBlob, VectorBlock, type Quantised } from './vectors';

export const EMBEDDING_MODEL = 'gemini-embedding-2';
export const USD_PER_IMAGE = 0.00012;
/** Pictures per call: each its own content, so the 6-images-per-content limit never applies. */
const PER_CALL = 16;
/** Pictures larger than this are sent as a 1024 px JPEG copy instead of the original. */
const SEND_ORIGINAL_UP_TO = 4 * 1024 * 1024;
/** Hits below this cosine are not worth showing. */
const MIN_SCORE = 0.15;

export interface MeaningStatus {
  enabled: boolean;
  embedded: number;
  total: number;
  /** What embedding the pictures not yet embedded would cost, in USD. */
  remainingUsd: number;
  state: 'off' | 'running' | 'idle' | 'stopped';
  /** Why it stopped, in words. */
  message: string | null;
}

export interface MeaningHit {
  asset: ReturnType<typeof toSummary>;
  score: number;
}

/** How a call reaches Gemini: the queue's lane in the app (JobQueue.request), a direct call in unit tests. */
export type SendEmbedding = <T>(modelId: string, send: (signal: AbortSignal) => Promise<T>, o?: { failOffline?: boolean; signal?: AbortSignal }) => Promise<T>;

export interface MeaningOptions {
  /** The library's database file: the vectors are then read on a worker thread (see IndexLoader). */
  source?: IndexSource;
  /** A client with the stored key (GeminiGateway.sdk). */
  sdk: () => Promise<GoogleGenAI>;
  /** The setting `searchByMeaning`, the one place it is kept. */
  isOn: () => boolean;
  /** Omitted, calls go straight out. */
  send?: SendEmbedding;
  /** Carries on embedding what is missing at construction, when on (the app's start-up; tests opt in). */
  autoStart?: boolean;
  /** Asked before each call with its estimated cost: false holds the embedding back (the spend limit). */
  mayspend?: (usd: number) => boolean;
  logger?: Logger;
  now?: () => number;
}

interface Missing {
  sha256: string;
  mime: string;
  bytes: number;
}

export class Meaning {
  private block: VectorBlock | null = null;
  private readonly shas = new ShaTable();
  /** Each item's row in image_embeddings: the search reads the candidates' int8 vectors back by it. */
  private rowids = new Float64Array(1024);
  private running: Promise<void> | null = null;
  private stopped: string | null = null;
  private disposed = false;
  /** Withdraws calls still waiting in the queue's lane (offline, after a 429) when disposed. */
  private readonly withdraw = new AbortController();
  private readonly unsubscribe: () => void;
  /** Reads the vectors off main's thread (a library with a file); without one they are read in place. */
  private readonly loader: IndexLoader | null;
  private loading: Promise<VectorBlock> | null = null;
  /**
   * The library's picture counts, kept between calls and moved as pictures arrive and are
   * embedded: counting a million assets' distinct pictures took main 1.7–3.5 s, and the status is
   * sent after every batch of embeddings and asked for when the library opens.
   */
  private counts: { total: number; embedded: number } | null = null;
  private counting: Promise<void> | null = null;
  /** Library changes seen: a count made across one may have missed it. */
  private epoch = 0;

  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly images: Images,
    private readonly events: EventBus,
    private readonly o: MeaningOptions,
  ) {
    this.loader = o.source ? new IndexLoader(o.source) : null;
    // Once on, new pictures (imports, generations) are embedded as they arrive; Settings says what each costs.
    this.unsubscribe = events.onAny((event, payload) => {
      if (event.startsWith('library.')) this.epoch++;
      if (event === 'library.added') {
        this.countAdded(payload as ReadonlyArray<{ id: string }>);
        if (this.enabled && !this.stopped) this.start();
      } else if (event.startsWith('library.')) {
        // Trashed, restored, deleted: counted afresh when next asked.
        this.counts = null;
      }
    });
    if (o.autoStart !== false && this.enabled) this.start();
  }

  get enabled(): boolean {
    return this.o.isOn();
  }

  /** The status now; its counts are made in place when not known (`counted` makes them on the index worker). */
  status(): MeaningStatus {
    const { total, embedded } = (this.counts ??= meaningCounts(this.db));
    const enabled = this.enabled;
    return {
      enabled,
      embedded,
      total,
      remainingUsd: Math.round((total - embedded) * USD_PER_IMAGE * 10_000) / 10_000,
      state: !enabled ? 'off' : this.running ? 'running' : this.stopped ? 'stopped' : 'idle',
      message: this.stopped,
    };
  }

  /**
   * The status with its counts, counted on the index worker when not known: in place they held
   * main 1.7–3.5 s at a million, and the library asks for them as it opens. A library change
   * during the count sends it round once more; after that its answer stands (the next change
   * counts again).
   */
  async counted(): Promise<MeaningStatus> {
    for (let round = 0; !this.counts && round < 2; round++) {
      this.counting ??= this.count(round === 1).finally(() => (this.counting = null));
      await this.counting;
    }
    return this.status();
  }

  private async count(last: boolean): Promise<void> {
    const epoch = this.epoch;
    const counts = this.loader ? await this.loader.meaningCounts() : meaningCounts(this.db);
    if (!this.counts && (last || epoch === this.epoch)) this.counts = counts;
  }

  /** New pictures among assets just added (a picture stored before is not new), and whether they were embedded already. */
  private countAdded(added: ReadonlyArray<{ id: string }>): void {
    if (!this.counts || !Array.isArray(added)) return;
    const shaOf = cached(this.db, 'SELECT sha256 FROM assets WHERE id = ?').pluck();
    const bySha = new Map<string, number>();
    for (const a of added) {
      const sha = shaOf.get(a.id) as string | undefined;
      if (sha) bySha.set(sha, (bySha.get(sha) ?? 0) + 1);
    }
    const live = cached(this.db, 'SELECT COUNT(*) FROM assets WHERE sha256 = ? AND trashed_at IS NULL').pluck();
    const embedded = cached(this.db, 'SELECT 1 FROM image_embeddings WHERE sha256 = ?').pluck();
    for (const [sha, n] of bySha) {
      if ((live.get(sha) as number) !== n) continue;
      this.counts.total++;
      if (embedded.get(sha)) this.counts.embedded++;
    }
  }

  /** The setting changed (Settings → Library): starts embedding when it is now on; the new status goes out as an event. */
  settingChanged(): void {
    if (this.enabled) {
      this.stopped = null;
      this.start();
    }
    this.emit();
  }

  /** Resolves once the embedding run has ended (finished, stopped or turned off). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * The pictures nearest in meaning to `text`. `offline` when Gemini cannot be reached (the
   * caller then shows the word search alone, and says so).
   */
  async search(text: string, limit = 48): Promise<{ hits: MeaningHit[]; offline: boolean }> {
    if (!this.enabled) throw new AppError('unsupported', 'Search by meaning is off. Turn it on in Settings → Library.');
    // The index is read while the query's words are embedded (seconds at a million pictures, the first time).
    const loading = this.loaded();
    loading.catch(() => undefined);
    let values: number[];
    try {
      const ai = await this.o.sdk();
      const res = await this.send((signal) => ai.models.embedContent({ model: EMBEDDING_MODEL, contents: [{ parts: [{ text }] }], config: { outputDimensionality: DIMENSIONS, abortSignal: signal } }), { failOffline: true });
      values = res.embeddings?.[0]?.values ?? [];
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'network' || e.code === 'timeout') return { hits: [], offline: true };
      throw e;
    }
    if (values.length !== DIMENSIONS) throw new AppError('bad_response', 'Gemini answered the search with something other than a meaning vector.');
    const block = await loading;
    const near = block.nearest(values, limit * 2, (items) => this.vectorsOf(items)).filter((n) => n.score >= MIN_SCORE);
    const shas = near.map((n) => this.shas.shaOf(n.item));
    const rows = new Map<string, SummaryRow>();
    for (let i = 0; i < shas.length; i += 500) {
      const slice = shas.slice(i, i + 500);
      for (const r of this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS}, a.sha256 FROM assets a WHERE a.trashed_at IS NULL AND a.sha256 IN (${slice.map(() => '?').join(',')})`)
        .all(...slice) as Array<SummaryRow & { sha256: string }>) {
        if (!rows.has(r.sha256)) rows.set(r.sha256, r);
      }
    }
    const hits = near.flatMap((n) => {
      const r = rows.get(this.shas.shaOf(n.item));
      return r ? [{ asset: toSummary(r), score: Math.round(n.score * 1000) / 1000 }] : [];
    });
    return { hits: hits.slice(0, limit), offline: false };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.withdraw.abort();
    this.unsubscribe();
    return Promise.allSettled([this.running, this.loader?.stop()]).then(() => undefined);
  }

  /**
   * Only the vectors' signs stay in memory (32 MB at a million pictures, not 256 MB); the search
   * reads the int8 vectors of its few thousand candidates back from SQLite by rowid. Read on the
   * index loader's worker thread when the library has a file (`o.source`), then caught up with
   * the vectors stored meanwhile.
   */
  private loaded(): Promise<VectorBlock> {
    if (this.block) return Promise.resolve(this.block);
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<VectorBlock> {
    const read = this.loader ? await this.loader.read('vectors') : readVectors(this.db);
    if (this.disposed) throw new Error('The library was closed while its search-by-meaning index was being read.');
    const block = new VectorBlock({ keepBytes: false });
    block.adoptSigns(read.signs, read.count);
    this.shas.adopt(read.shaBytes, read.count);
    // An empty read keeps room to grow (doubling nothing stays nothing).
    if (read.count) this.rowids = read.rowids;
    this.block = block;
    for (const r of this.db.prepare('SELECT rowid, sha256, vector FROM image_embeddings WHERE rowid > ?').iterate(read.lastRowid) as Iterable<{ rowid: number; sha256: string; vector: Buffer }>) {
      this.addToBlock(r.sha256, r.vector, r.rowid);
    }
    return block;
  }

  private addToBlock(sha256: string, blob: Buffer, rowid?: number): void {
    if (!this.block || !ShaTable.isSha(sha256)) return;
    // INSERT OR REPLACE gives a picture embedded again a new rowid: follow it.
    const row = rowid ?? (cached(this.db, 'SELECT rowid FROM image_embeddings WHERE sha256 = ?').pluck().get(sha256) as number | undefined);
    if (row === undefined) return;
    const known = this.shas.itemOf(sha256);
    const item = known ?? this.shas.add(sha256);
    if (known === undefined) this.block.add(fromBlob(blob));
    else this.block.set(item, fromBlob(blob));
    if (item >= this.rowids.length) {
      const bigger = new Float64Array(this.rowids.length * 2);
      bigger.set(this.rowids);
      this.rowids = bigger;
    }
    this.rowids[item] = row;
  }

  /** The candidates' int8 vectors, 500 rows a query (one statement, padded with a rowid that never exists). */
  private vectorsOf(items: Int32Array): Array<Quantised | undefined> {
    const CHUNK = 500;
    const read = cached(this.db, `SELECT rowid, vector FROM image_embeddings WHERE rowid IN (${Array(CHUNK).fill('?').join(',')})`).raw();
    const byRow = new Map<number, Quantised>();
    const rows = Array.from(items, (i) => this.rowids[i]!);
    const args = new Array<number>(CHUNK);
    for (let i = 0; i < rows.length; i += CHUNK) {
      for (let j = 0; j < CHUNK; j++) args[j] = rows[i + j] ?? -1;
      for (const [rowid, v] of read.all(...args) as Array<[number, Buffer]>) {
        // A view of the blob, not a copy: thousands of them per search.
        byRow.set(rowid, { bytes: new Int8Array(v.buffer, v.byteOffset, DIMENSIONS), scale: v.readFloatLE(DIMENSIONS) });
      }
    }
    return rows.map((r) => byRow.get(r));
  }

  private start(): void {
    if (this.running || this.disposed) return;
    this.running = this.run()
      .catch((err: unknown) => {
        const e = isAppError(err) ? err : toAppError(err);
        this.stopped = `Embedding stopped: ${e.message}`;
        this.o.logger?.warn('finding: embedding stopped', { code: e.code, message: e.message });
      })
      .finally(() => {
        this.running = null;
        this.emit();
      });
  }

  private async run(): Promise<void> {
    const next = this.db.prepare(
      `SELECT a.sha256, a.mime, MAX(a.bytes) AS bytes FROM assets a LEFT JOIN image_embeddings e ON e.sha256 = a.sha256
       WHERE e.sha256 IS NULL AND a.trashed_at IS NULL GROUP BY a.sha256 ORDER BY MAX(a.created_at) DESC LIMIT ${PER_CALL}`,
    );
    for (;;) {
      if (this.disposed || !this.enabled) return;
      const batch = next.all() as Missing[];
      if (!batch.length) return;
      const cost = batch.length * USD_PER_IMAGE;
      if (this.o.mayspend && !this.o.mayspend(cost)) throw new AppError('over_budget', 'the spend limit (Settings → Spending) was reached; it goes on when you turn it on again.');
      const contents: Array<{ parts: Array<{ inlineData: { mimeType: string; data: string } }> }> = [];
      for (const m of batch) contents.push({ parts: [{ inlineData: { mimeType: m.bytes > SEND_ORIGINAL_UP_TO ? 'image/jpeg' : m.mime, data: (await this.bytesOf(m)).toString('base64') } }] });
      const ai = await this.o.sdk();
      const res = await this.send((signal) => ai.models.embedContent({ model: EMBEDDING_MODEL, contents, config: { outputDimensionality: DIMENSIONS, abortSignal: signal } }));
      const vectors = res.embeddings ?? [];
      if (vectors.length !== batch.length) throw new AppError('bad_response', 'Gemini answered with a different number of vectors than pictures sent.');
      const insert = cached(this.db, 'INSERT OR REPLACE INTO image_embeddings (sha256, model, vector, made_at) VALUES (?, ?, ?, ?)');
      const now = (this.o.now ?? Date.now)();
      batch.forEach((m, i) => {
        const blob = toBlob(quantise(vectors[i]!.values ?? []));
        insert.run(m.sha256, EMBEDDING_MODEL, blob, now);
        this.addToBlock(m.sha256, blob);
      });
      // Each was a live picture without a vector.
      if (this.counts) this.counts.embedded += batch.length;
      this.emit();
    }
  }

  /** One call, with the SDK's error turned into the AppError the queue classifies (a 429's wait, offline). */
  private send<T>(call: (signal: AbortSignal) => Promise<T>, o?: { failOffline?: boolean }): Promise<T> {
    const guarded = (signal: AbortSignal) => call(signal).catch((err: unknown) => Promise.reject(toAppError(err, { model: EMBEDDING_MODEL })));
    return this.o.send ? this.o.send(EMBEDDING_MODEL, guarded, { ...o, signal: this.withdraw.signal }) : guarded(this.withdraw.signal);
  }

  private async bytesOf(m: Missing): Promise<Buffer> {
    const path = this.library.store.originalPath(m.sha256, m.mime);
    if (m.bytes <= SEND_ORIGINAL_UP_TO) return this.library.readBySha(m.sha256);
    return asBuffer((await this.images.run('shrink', { source: { path }, edge: 1024 }, 'preparing an image for search by meaning')).bytes);
  }

  private emit(): void {
    void this.counted()
      .then((status) => {
        if (!this.disposed) this.events.emit('meaning.status', status);
      })
      .catch((err: unknown) => this.o.logger?.warn('finding: search by meaning could not be counted', { message: err instanceof Error ? err.message : String(err) }));
  }
}
