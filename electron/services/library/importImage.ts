/**
 * One image into the library: size, hash, duplicate or trashed twin, check, embedded record, then
 * the file, then the rows. Everything that can fail is read and checked before the file is
 * stored, and a failure after that removes what was written.
 *
 * Off the main thread: headers other than a PNG's and thumbnails are read and made by the image
 * helper process (from the file once it is under tmp/, so the bytes are not copied to it), zlib's
 * async inflate runs on libuv's thread pool, and hashing yields between slices.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { AssetSummary } from '../../../shared/domain';
import { nearestAspectRatio } from '../../../shared/domain/vocabulary';
import { AppError } from '../errors';
import { tx, type Db } from '../db/db';
import type { ContentStore, StoredImage } from './ContentStore';
import { checkImage, CorruptImageError } from './imageCheck';
import type { LibraryFiles } from './files';
import { SUMMARY_COLUMNS, toSummary, type LibraryIndex, type SummaryRow } from './LibraryIndex';
import { readEmbedded, type EmbeddedGeneration } from './metadata';
import type { CredentialRecords } from './credentials';

/** Images up to this size import; Gemini itself takes at most 100 MB per request. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** The one place the import size limit is checked, for bytes and for paths alike. */
export function checkImportSize(bytes: number): void {
  if (bytes === 0) throw new AppError('bad_file', 'The file is empty.');
  if (bytes > MAX_IMPORT_BYTES) throw new AppError('bad_file', `Too large: Atelier imports images up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
}

/** Hashes in slices, yielding between them: a 100 MB file never holds the event loop for more than a few ms. */
export async function sha256Of(data: Buffer, slice = 4 * 1024 * 1024): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (let at = 0; at < data.length; at += slice) {
    hash.update(data.subarray(at, at + slice));
    if (at + slice < data.length) await new Promise((r) => setImmediate(r));
  }
  return hash.digest('hex');
}

export type ImportedAsset = AssetSummary & { duplicate: boolean };

interface TwinRow extends SummaryRow {
  trashed_at: number | null;
}

export class ImageImport {
  constructor(
    private readonly db: Db,
    private readonly store: ContentStore,
    private readonly files: LibraryFiles,
    private readonly index: LibraryIndex,
    private readonly now: () => number,
    private readonly credentials?: CredentialRecords,
  ) {}

  /** The live asset with these bytes, or else the most recently trashed one. */
  private twin(sha256: string): TwinRow | undefined {
    return this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, a.trashed_at FROM assets a WHERE a.sha256 = ? ORDER BY a.trashed_at IS NOT NULL, a.trashed_at DESC, a.created_at LIMIT 1`)
      .get(sha256) as TwinRow | undefined;
  }

  /**
   * A duplicate answers with the asset already there; bytes whose asset is in the trash bring it
   * back, since importing them again says the user wants them. Synchronous: call inside a transaction.
   */
  private fromTwin(twin: TwinRow): ImportedAsset {
    if (twin.trashed_at === null) return { ...toSummary(twin), duplicate: true };
    this.db.prepare('UPDATE assets SET trashed_at = NULL WHERE id = ?').run(twin.id);
    this.index.reindex([twin.id]);
    return { ...toSummary(twin), duplicate: false };
  }

  /**
   * Imports one image. Returns the existing asset when the same bytes are already in the library.
   * Throws AppError('bad_file') with a reason a person understands.
   */
  async importImage(name: string, data: Buffer, { thumbnail = true, sidecar = null }: { thumbnail?: boolean; sidecar?: EmbeddedGeneration | null } = {}): Promise<ImportedAsset> {
    checkImportSize(data.length);
    const sha256 = await sha256Of(data);
    const known = this.twin(sha256);
    if (known) return tx(this.db, () => this.fromTwin(this.twin(sha256) ?? known));

    let checked;
    try {
      checked = await checkImage(data, this.store.images, `reading ${path.basename(name)}`);
    } catch (err) {
      if (err instanceof CorruptImageError) throw new AppError('bad_file', err.message);
      throw err;
    }
    // A file Atelier exported carries how it was made: bring the prompt and parameters back.
    // A file that carries content credentials was exported untouched, its record in an XMP sidecar.
    const meta = (await readEmbedded(data)) ?? sidecar;
    let stored: StoredImage;
    try {
      stored = await this.store.put(data, { thumbnail, checked, sha256, name: path.basename(name) });
    } catch (err) {
      if (err instanceof CorruptImageError) throw new AppError('bad_file', err.message);
      throw err;
    }
    await this.credentials?.readAndRecord(stored.sha256, { path: this.store.originalPath(stored.sha256, stored.mime) }, `reading ${path.basename(name)}’s content credentials`);
    const id = crypto.randomUUID();
    const createdAt = this.now();
    let twin: ImportedAsset | undefined;
    try {
      tx(this.db, () => {
        // Checked again here: imports run in parallel, and the same bytes may arrive twice at once.
        const raced = this.twin(sha256);
        if (raced) {
          twin = this.fromTwin(raced);
          return;
        }
        let generationId: string | null = null;
        if (meta) {
          generationId = crypto.randomUUID();
          this.db
            .prepare(
              `INSERT INTO generations (id, prompt, tier, model_id, params_json, response_text, duration_ms, created_at)
               VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
            )
            .run(generationId, meta.prompt, meta.tier, meta.modelId, JSON.stringify(meta.params), meta.text, meta.createdAt);
        }
        this.db
          .prepare(
            `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, name, created_at, aspect_ratio, generation_id, tier, model_id, image_size)
             VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id, stored.sha256, stored.mime, stored.width, stored.height, stored.bytes, path.basename(name).slice(0, 255), createdAt,
            meta?.params.aspectRatio ?? nearestAspectRatio(stored.width, stored.height), generationId, meta?.tier ?? null, meta?.modelId ?? null,
            meta?.params.imageSize ?? null,
          );
        this.index.reindex([id]);
      });
    } catch (err) {
      this.files.discard([stored]);
      throw err;
    }
    if (twin) return twin;
    return { id, width: stored.width, height: stored.height, mime: stored.mime, createdAt, prompt: meta?.prompt ?? name, tier: meta?.tier ?? null, rating: 0, favorite: false, duplicate: false };
  }
}
