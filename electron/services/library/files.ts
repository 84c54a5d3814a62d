import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { cached, type Db } from '../db/db';
import type { ContentStore, StoredImage } from './ContentStore';
import type { Thumbnailer } from './Thumbnailer';
import type { CredentialRecords } from './credentials';
import { isHelperStopped } from '../images/ImageHelper';

const SHA256 = /^[0-9a-f]{64}$/;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * An original's bytes, only if it is still a regular file inside the library: bytes read here go
 * to Gemini as references, so an original replaced by a link must not send what it points to.
 */
/**
 * The bytes of a file already opened (and checked by fstat): read from that descriptor, so the
 * path cannot be swapped in between. `size` from the fstat; a file that shrank since gives less.
 */
export async function readOpened(fh: fs.promises.FileHandle, size: number): Promise<Buffer> {
  const data = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < data.length) {
    const { bytesRead } = await fh.read(data, at, data.length - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === data.length ? data : data.subarray(0, at);
}

export function readStored(root: string, file: string): Buffer {
  const missing = () => new AppError('not_found', 'An image file is missing from the library folder.');
  let fd: number;
  try {
    const real = fs.realpathSync(file);
    const inside = fs.realpathSync(root);
    if (!real.startsWith(inside + path.sep)) throw missing();
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW);
  } catch {
    throw missing();
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw missing();
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Asset files: the bytes behind rows. Files are always written before the rows that reference
 * them; files no row took are discarded.
 */
export class LibraryFiles {
  constructor(
    private readonly db: Db,
    readonly store: ContentStore,
    private readonly thumbnails: Thumbnailer,
    private readonly credentials?: CredentialRecords,
  ) {}

  /**
   * Puts images on disk. Reference them with `insertGeneration`/`insertBlobs` inside a transaction.
   * `thumbnails: 'later'` stores the originals only: once the rows are committed, hand them to
   * `Thumbnailer.later` (or, for images never shown as thumbnails, to nobody).
   */
  async writeImages(images: readonly Buffer[], { thumbnails = 'now' }: { thumbnails?: 'now' | 'later' } = {}): Promise<StoredImage[]> {
    const stored: StoredImage[] = [];
    try {
      for (const data of images) {
        const put = () => this.store.put(data, { thumbnail: thumbnails === 'now' });
        // A result is billed before it is stored: an image helper that stopped under it (a new one
        // is already up) gets one more try, rather than failing a job whose retry is billed again.
        const s = await put().catch((err: unknown) => (isHelperStopped(err) ? put() : Promise.reject(err)));
        stored.push(s);
        // Read from the stored original: the bytes exactly as Gemini sent them.
        await this.credentials?.readAndRecord(s.sha256, { path: this.store.originalPath(s.sha256, s.mime) }, 'reading a result’s content credentials');
      }
    } catch (err) {
      this.discard(stored);
      throw err;
    }
    return stored;
  }

  /**
   * `writeImages` for results that come by the thousand (a file batch's results): each image is
   * written, its credentials read (and its thumbnail made, unless 'later') in one trip to the image
   * helper (`ContentStore.putResult`), so several can be stored side by side, cheaply for main.
   */
  async writeResults(images: readonly Buffer[], { thumbnails = 'now' }: { thumbnails?: 'now' | 'later' } = {}): Promise<StoredImage[]> {
    const stored: StoredImage[] = [];
    const anchorsFor = (sha256: string) => this.credentials?.toRead(sha256) ?? null;
    try {
      for (const data of images) {
        const put = () => this.store.putResult(data, anchorsFor, { thumbnail: thumbnails === 'now' });
        // As in writeImages: an image helper that stopped under a billed result gets one more try.
        const s = await put().catch((err: unknown) => (isHelperStopped(err) ? put() : Promise.reject(err)));
        stored.push(s.stored);
        this.credentials?.recordRead(s.stored.sha256, s.credentials, s.credentialsError);
      }
    } catch (err) {
      this.discard(stored);
      throw err;
    }
    return stored;
  }

  /** Deletes files written by `writeImages` that no row references (after a failed or abandoned commit). */
  discard(stored: readonly StoredImage[]): void {
    const asset = this.db.prepare('SELECT 1 FROM assets WHERE sha256 = ? LIMIT 1');
    const blob = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ? UNION ALL SELECT 1 FROM held_inputs WHERE sha256 = ? LIMIT 1');
    for (const s of stored) if (s.created && !asset.get(s.sha256) && !blob.get(s.sha256, s.sha256)) this.store.remove(s.sha256, s.mime);
  }

  /** Keeps files that are not library assets (interim thought images). Synchronous, for use inside a transaction. */
  insertBlobs(stored: readonly StoredImage[]): void {
    const insert = cached(this.db, 'INSERT OR IGNORE INTO blobs (sha256, mime) VALUES (?, ?)');
    for (const s of stored) insert.run(s.sha256, s.mime);
  }

  /** The thumbnail's path, made now if it was left for later (a huge import, a result not yet thumbnailed). */
  async thumbnailOf(id: string): Promise<{ path: string; mime: string } | null> {
    const row = cached(this.db, 'SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) return null;
    return { path: await this.thumbnails.ensure(row.sha256, row.mime), mime: 'image/webp' };
  }

  /** Where the bytes of an asset are, for the app:// handler. Null for an unknown id. */
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) return null;
    return variant === 'thumb'
      ? { path: this.store.thumbPath(row.sha256), mime: 'image/webp' }
      : { path: this.store.originalPath(row.sha256, row.mime), mime: row.mime };
  }

  /** A kept thought image by hash; null unless the library knows it. */
  blobFile(sha256: string): { path: string; mime: string } | null {
    if (!SHA256.test(sha256)) return null;
    const row = this.db.prepare('SELECT mime FROM blobs WHERE sha256 = ?').get(sha256) as { mime: string } | undefined;
    return row ? { path: this.store.originalPath(sha256, row.mime), mime: row.mime } : null;
  }

  /** The bytes behind a stored {sha256} reference (an asset or a blob). */
  readBySha(sha256: string): Buffer {
    const row = (this.db.prepare('SELECT mime FROM assets WHERE sha256 = ? LIMIT 1').get(sha256) ??
      this.db.prepare('SELECT mime FROM blobs WHERE sha256 = ?').get(sha256)) as { mime: string } | undefined;
    if (!row) throw new AppError('not_found', 'An image this conversation needs is missing from the library.');
    return readStored(this.store.root, this.store.originalPath(sha256, row.mime));
  }

  /** How a stored turn refers to an asset's image: by type and hash. */
  imageRef(id: string): { mimeType: string; sha256: string } {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) throw new AppError('not_found', 'A reference image is no longer in the library.');
    return { mimeType: row.mime, sha256: row.sha256 };
  }

  /** An asset's original bytes and type (for reference images). */
  original(id: string): { data: Buffer; mime: string; sha256: string; width: number; height: number } {
    const row = this.db.prepare('SELECT sha256, mime, width, height FROM assets WHERE id = ?').get(id) as
      | { sha256: string; mime: string; width: number; height: number }
      | undefined;
    if (!row) throw new AppError('not_found', 'A reference image is no longer in the library.');
    return { ...row, data: readStored(this.store.root, this.store.originalPath(row.sha256, row.mime)) };
  }
}
