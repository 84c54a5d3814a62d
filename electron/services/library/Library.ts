import type { AssetDetail, AssetSummary, GenerationDetail, LibraryQuery, LineageNode } from '../../../shared/domain';
import { LibraryQuerySchema } from '../../../shared/domain';
import { AppError } from '../errors';
import { cached, type Db } from '../db/db';
import { LibraryFiles } from './files';
import { GenerationRecords, type NewGeneration } from './generations';
import { ImageImport, type ImportedAsset } from './importImage';
import { LibraryIndex, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './LibraryIndex';
import type { EmbeddedGeneration } from './metadata';
import type { ContentStore, StoredImage } from './ContentStore';
import { Thumbnailer } from './Thumbnailer';
import { ScreenPreviews } from './screenPreviews';
import { CredentialRecords } from './credentials';
import { bundledTrustAnchors } from './trustList';
import type { ScreenEdge } from '../../../shared/urls';
import { compositeOf, keptWholeOf } from './composites';

export { slugOf, type NewGeneration } from './generations';

/** The screen-sized copy made ahead for large originals: the viewer's step for windows up to 1920 px. */
export const PREPARED_SCREEN_EDGE = 1920;
export { MAX_IMPORT_BYTES } from './importImage';

interface AssetRow extends SummaryRow {
  sha256: string;
  bytes: number;
  source: 'generated' | 'edited' | 'imported';
  name: string | null;
  generation_id: string | null;
  trashed_at: number | null;
}

const ASSET_SELECT = `SELECT ${SUMMARY_COLUMNS}, a.sha256, a.bytes, a.source, a.name, a.generation_id, a.trashed_at FROM assets a`;

/**
 * The local library: rows in SQLite, bytes in the ContentStore. Three parts, one door:
 * generation records (`generations.ts`), asset files (`files.ts`) and import (`importImage.ts`).
 * Files are always written before the rows that reference them, and the rows of one result land
 * in one transaction.
 */
export class Library {
  readonly index: LibraryIndex;
  readonly records: GenerationRecords;
  readonly files: LibraryFiles;
  private readonly imports: ImageImport;
  readonly screens: ScreenPreviews;
  readonly credentials: CredentialRecords;

  /**
   * `thumbnails`: who makes thumbnails left for later (the composition root passes one that yields
   * to the queue, and disposes it); by default one of the library's own that never waits.
   */
  constructor(
    readonly db: Db,
    readonly store: ContentStore,
    now: () => number = Date.now,
    readonly thumbnails: Thumbnailer = new Thumbnailer(store),
    /** Certificates a content credential's signer must chain to for "valid"; the bundled C2PA trust list (`trustList.ts`). */
    trustAnchors: readonly string[] = bundledTrustAnchors(),
  ) {
    this.index = new LibraryIndex(db);
    this.records = new GenerationRecords(db, this.index, now);
    this.credentials = new CredentialRecords(db, store.images, now, trustAnchors);
    this.files = new LibraryFiles(db, store, thumbnails, this.credentials);
    this.imports = new ImageImport(db, store, this.files, this.index, now, this.credentials);
    this.screens = new ScreenPreviews(store.root, store.tmpDir, store.images);
    thumbnails.alsoAfter((sha256, mime) => this.prepareScreenCopy(sha256, mime));
  }

  /** The library folder: served files must resolve inside it. */
  get root(): string {
    return this.store.root;
  }

  // Generation records
  insertGeneration(gen: NewGeneration, images: readonly StoredImage[]): { generationId: string; assets: AssetSummary[] } {
    return this.records.insert(gen, images);
  }
  generation(id: string): GenerationDetail {
    return this.records.detail(id);
  }
  lineage(id: string): LineageNode[] {
    return this.records.lineage(id);
  }
  groundingHtml(generationId: string): string | null {
    return this.records.groundingHtml(generationId);
  }
  /** What travels inside an exported file: how it was made (null for an imported photo). */
  embeddedOf(id: string): EmbeddedGeneration | null {
    const generationId = this.db.prepare('SELECT generation_id FROM assets WHERE id = ?').pluck().get(id) as string | null | undefined;
    if (generationId === undefined) throw new AppError('not_found', 'That image is no longer in the library.');
    return generationId ? this.records.embeddedOf(generationId) : null;
  }

  // Asset files
  writeImages(images: readonly Buffer[], opts: { thumbnails?: 'now' | 'later' } = {}): Promise<StoredImage[]> {
    return this.files.writeImages(images, opts);
  }
  writeResults(images: readonly Buffer[], opts: { thumbnails?: 'now' | 'later' } = {}): Promise<StoredImage[]> {
    return this.files.writeResults(images, opts);
  }
  discard(stored: readonly StoredImage[]): void {
    this.files.discard(stored);
  }
  insertBlobs(stored: readonly StoredImage[]): void {
    this.files.insertBlobs(stored);
  }
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null {
    return this.files.fileOf(id, variant);
  }
  thumbnailOf(id: string): Promise<{ path: string; mime: string } | null> {
    return this.files.thumbnailOf(id);
  }
  /**
   * In the background, after a large original's thumbnail: its copy for the most common window
   * size, so the first time it is shown large (the stage, the viewer) does not wait for it.
   */
  private async prepareScreenCopy(sha256: string, mime: string): Promise<void> {
    const row = cached(this.db, 'SELECT width, height FROM assets WHERE sha256 = ? LIMIT 1').get(sha256) as { width: number; height: number } | undefined;
    if (!row || Math.max(row.width, row.height) <= PREPARED_SCREEN_EDGE) return;
    await this.screens.of({ sha256, mime, ...row, path: this.store.originalPath(sha256, mime) }, PREPARED_SCREEN_EDGE);
  }

  /** The viewer's fit image: a copy at most `edge` pixels long (made once), or the original when it is no larger. */
  async screenOf(id: string, edge: ScreenEdge): Promise<{ path: string; mime: string } | null> {
    const row = cached(this.db, 'SELECT sha256, mime, width, height FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string; width: number; height: number } | undefined;
    if (!row) return null;
    return this.screens.of({ ...row, path: this.store.originalPath(row.sha256, row.mime) }, edge);
  }
  blobFile(sha256: string): { path: string; mime: string } | null {
    return this.files.blobFile(sha256);
  }
  readBySha(sha256: string): Buffer {
    return this.files.readBySha(sha256);
  }
  imageRef(id: string): { mimeType: string; sha256: string } {
    return this.files.imageRef(id);
  }
  original(id: string): { data: Buffer; mime: string; sha256: string; width: number; height: number } {
    return this.files.original(id);
  }

  // Import
  /** One image's bytes into the library (`importImage.ts`). */
  async importImage(name: string, data: Buffer, opts: { thumbnail?: boolean; sidecar?: EmbeddedGeneration | null } = {}): Promise<ImportedAsset> {
    const asset = await this.imports.importImage(name, data, opts);
    if (!asset.duplicate && Math.max(asset.width, asset.height) > PREPARED_SCREEN_EDGE) {
      // Its screen-sized copy (and a thumbnail left for later) follow in the background.
      const sha256 = cached(this.db, 'SELECT sha256 FROM assets WHERE id = ?').pluck().get(asset.id) as string | undefined;
      if (sha256) this.thumbnails.later([{ sha256, mime: asset.mime }]);
    }
    return asset;
  }

  /** A page of the library for a search and filters. */
  search(query: LibraryQuery): { assets: AssetSummary[]; total: number; capped: boolean } {
    return this.index.search(LibraryQuerySchema.parse(query));
  }

  /**
   * Reads the credentials of an image stored before Atelier read them (its first detail view):
   * one helper call, after which the row answers. Images read as they were stored return at once.
   */
  async ensureCredentials(id: string): Promise<void> {
    const row = cached(this.db, 'SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row || this.credentials.of(row.sha256)) return;
    await this.credentials.readAndRecord(row.sha256, { path: this.store.originalPath(row.sha256, row.mime) }, 'reading an image’s content credentials');
  }

  get(id: string): AssetDetail {
    const row = this.db.prepare(`${ASSET_SELECT} WHERE a.id = ?`).get(id) as AssetRow | undefined;
    if (!row) throw new AppError('not_found', 'That image is no longer in the library.');
    return {
      ...toSummary(row),
      bytes: row.bytes,
      sha256: row.sha256,
      source: row.source,
      name: row.name,
      tags: this.db.prepare('SELECT tag FROM asset_tags WHERE asset_id = ? ORDER BY tag COLLATE NOCASE').pluck().all(id) as string[],
      collections: this.db
        .prepare('SELECT c.id, c.name FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE ca.asset_id = ? ORDER BY c.name COLLATE NOCASE')
        .all(id) as Array<{ id: string; name: string }>,
      trashedAt: row.trashed_at,
      lineage: this.lineage(id),
      generation: row.generation_id ? this.records.detail(row.generation_id) : null,
      credentials: this.credentials.of(row.sha256),
      composite: compositeOf(this.db, id),
      keptWhole: keptWholeOf(this.db, id),
    };
  }

}
