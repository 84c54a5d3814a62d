import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { checkImage, CorruptImageError, type ImageInfo } from './imageCheck';
import { libraryLayout, type LibraryLayout } from './layout';
import { removeScreenCopies } from './screenPreviews';

export { CorruptImageError } from './imageCheck';

/** Longest edge of a thumbnail: 2× the 160 px grid tile, for high-DPI screens. */
export const THUMB_EDGE = 320;

/**
 * The thumbnail pipeline, for stored bytes or a file. `sequentialRead` decodes top to bottom in
 * one pass (no random access into the decoded image, so less memory and work); the linear kernel
 * after vips' box pre-shrink and WebP effort 2 cost about half of lanczos3 + effort 4 (~12 ms
 * rather than ~23 ms of CPU for a 1024 × 1024 PNG) with no difference one can see at 320 px
 * (≈ 1.5 dB PSNR against a lanczos3 reference) and files of the same size.
 */
export function thumbnailPipeline(input: Buffer | string): Sharp {
  return sharp(input, { sequentialRead: true })
    .rotate()
    .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .webp({ quality: 80, effort: 2 });
}

/** An image whose original (and, unless left for later, its thumbnail) is fully on disk, ready to be referenced by a row. */
export interface StoredImage {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** True when this call created the file (false when the same bytes were already stored). */
  created: boolean;
}

/**
 * Image files addressed by the sha256 of their bytes: `files/ab/abcd….png` and
 * `thumbs/ab/abcd….webp`. Files are written to `tmp/` and renamed into place, so a reader
 * never sees half a file, and identical bytes are stored once.
 */
export class ContentStore implements LibraryLayout {
  readonly filesDir: string;
  readonly thumbsDir: string;
  readonly tmpDir: string;
  private readonly layout: LibraryLayout;
  /** Shard folders known to exist: a finished job writes two files, and each mkdir is a trip to the thread pool. */
  private readonly madeDirs = new Set<string>();

  constructor(readonly root: string) {
    this.layout = libraryLayout(root);
    this.filesDir = this.layout.filesDir;
    this.thumbsDir = this.layout.thumbsDir;
    this.tmpDir = this.layout.tmpDir;
    for (const d of [this.filesDir, this.thumbsDir, this.tmpDir]) fs.mkdirSync(d, { recursive: true });
  }

  originalPath(sha256: string, mime: string): string {
    return this.layout.originalPath(sha256, mime);
  }

  thumbPath(sha256: string): string {
    return this.layout.thumbPath(sha256);
  }

  /**
   * Checks (header, dimensions, completeness: `checkImage`), stores the original and (unless
   * `thumbnail` is false) its thumbnail. Throws CorruptImageError for bytes that are not a whole
   * image. `checked`: what the caller's own `checkImage` of these bytes found, to not read them twice.
   */
  async put(data: Buffer, { thumbnail = true, checked, sha256: known }: { thumbnail?: boolean; checked?: ImageInfo; sha256?: string } = {}): Promise<StoredImage> {
    const { mime, width, height } = checked ?? (await checkImage(data));
    const sha256 = known ?? crypto.createHash('sha256').update(data).digest('hex');
    const original = this.originalPath(sha256, mime);
    const thumb = this.thumbPath(sha256);
    // Decoded before anything is written, so a damaged file leaves nothing behind.
    let thumbBytes: Buffer | null = null;
    if (thumbnail && !fs.existsSync(thumb)) {
      try {
        thumbBytes = await thumbnailPipeline(data).toBuffer();
      } catch {
        throw new CorruptImageError('The image could not be decoded (the file is damaged).');
      }
    }
    let created = false;
    if (!fs.existsSync(original)) {
      await this.writeAtomic(original, data);
      created = true;
    }
    if (thumbBytes) await this.writeAtomic(thumb, thumbBytes);
    return { sha256, mime, width, height, bytes: data.length, created };
  }

  /**
   * Makes a missing thumbnail from the original (huge imports and generated results leave them for
   * later). Does the work each time it is called: `Thumbnailer.ensure` makes it once per image.
   */
  async ensureThumb(sha256: string, mime: string): Promise<string> {
    const thumb = this.thumbPath(sha256);
    if (fs.existsSync(thumb)) return thumb;
    const bytes = await thumbnailPipeline(this.originalPath(sha256, mime)).toBuffer();
    await this.writeAtomic(thumb, bytes);
    return thumb;
  }

  /** Removes the files of an image that no row references any more. */
  remove(sha256: string, mime: string): void {
    fs.rmSync(this.originalPath(sha256, mime), { force: true });
    fs.rmSync(this.thumbPath(sha256), { force: true });
    removeScreenCopies(this.root, sha256);
  }

  private async writeAtomic(target: string, data: Buffer): Promise<void> {
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
    const fh = await fs.promises.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await fs.promises.rename(tmp, target);
    } catch (err) {
      // The folder went away since it was made (a person tidying up): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(tmp)) throw err;
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.rename(tmp, target);
    }
  }
}
