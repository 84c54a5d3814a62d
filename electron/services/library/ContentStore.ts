import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isHelperStopped } from '../images/ImageHelper';
import type { ContentCredentials } from '../../../shared/domain';
import type { Images } from '../images/protocol';
import { checkImage, CorruptImageError, type ImageInfo } from './imageCheck';
import { libraryLayout, type LibraryLayout } from './layout';
import { removeScreenCopies } from './screenPreviews';

export { CorruptImageError } from './imageCheck';

/** Longest edge of a thumbnail: 2× the 160 px grid tile, for high-DPI screens (made in images/work.ts). */
export const THUMB_EDGE = 320;

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

  /** `images`: the image helper process that decodes and makes thumbnails (sharp never runs in main). */
  constructor(
    readonly root: string,
    readonly images: Images,
  ) {
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
   * `name`: the file's name, for the sentence if the image helper stops while reading it.
   */
  async put(
    data: Buffer,
    { thumbnail = true, checked, sha256: known, name }: { thumbnail?: boolean; checked?: ImageInfo; sha256?: string; name?: string } = {},
  ): Promise<StoredImage> {
    const about = `reading ${name ?? 'an image'}`;
    const { mime, width, height } = checked ?? (await checkImage(data, this.images, about));
    const sha256 = known ?? crypto.createHash('sha256').update(data).digest('hex');
    const original = this.originalPath(sha256, mime);
    const thumb = this.thumbPath(sha256);
    const wantThumb = thumbnail && !fs.existsSync(thumb);
    const haveOriginal = fs.existsSync(original);
    if (!wantThumb && haveOriginal) return { sha256, mime, width, height, bytes: data.length, created: false };
    // The original goes to tmp/ first and the helper makes the thumbnail from that file: a path
    // crosses to the helper, not the bytes. Both are renamed into place only once the pixels
    // decoded, so a damaged file leaves nothing behind.
    const tmpOriginal = haveOriginal ? null : await this.writeTmp(data);
    const tmpThumb = wantThumb ? this.tmpFile() : null;
    try {
      if (tmpThumb) {
        try {
          await this.images.run('thumbnail', { source: { path: tmpOriginal ?? original }, to: tmpThumb }, about);
        } catch (err) {
          if (isHelperStopped(err)) throw err;
          throw new CorruptImageError('The image could not be decoded (the file is damaged).');
        }
      }
      if (tmpOriginal) await this.moveIntoPlace(tmpOriginal, original);
      if (tmpThumb) await this.moveIntoPlace(tmpThumb, thumb);
    } finally {
      for (const f of [tmpOriginal, tmpThumb]) if (f) fs.rmSync(f, { force: true });
    }
    return { sha256, mime, width, height, bytes: data.length, created: tmpOriginal !== null };
  }

  /**
   * `put` for a generated result: the original (written and fsynced by the helper, so main's
   * thread pool and event loop never touch the bytes on disk), its thumbnail unless `thumbnail`
   * is false, and its content credentials (when `anchorsFor` gives anchors) in one trip to the
   * image helper, which gets the bytes once. A results file of thousands of images is stored at
   * the helper's pace rather than at the pace of a disk write in main and two trips per image.
   */
  async putResult(
    data: Buffer,
    anchorsFor: (sha256: string) => readonly string[] | null,
    { thumbnail = true }: { thumbnail?: boolean } = {},
  ): Promise<{ stored: StoredImage; credentials: ContentCredentials | null; credentialsError: string | null }> {
    const about = 'storing a result';
    const { mime, width, height } = await checkImage(data, this.images, about);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const original = this.originalPath(sha256, mime);
    const thumb = this.thumbPath(sha256);
    const anchors = anchorsFor(sha256);
    const tmpOriginal = fs.existsSync(original) ? null : this.tmpFile();
    const tmpThumb = !thumbnail || fs.existsSync(thumb) ? null : this.tmpFile();
    const stored = { sha256, mime, width, height, bytes: data.length, created: tmpOriginal !== null };
    if (!tmpOriginal && !tmpThumb && !anchors) return { stored, credentials: null, credentialsError: null };
    try {
      let read: { credentials: ContentCredentials | null; credentialsError: string | null };
      try {
        read = await this.images.run('storeResult', { bytes: data, original: tmpOriginal, thumb: tmpThumb, anchors }, about);
      } catch (err) {
        if (isHelperStopped(err)) throw err;
        throw new CorruptImageError('The image could not be decoded (the file is damaged).');
      }
      if (tmpOriginal) await this.moveIntoPlace(tmpOriginal, original);
      if (tmpThumb) await this.moveIntoPlace(tmpThumb, thumb);
      return { stored, ...read };
    } finally {
      for (const f of [tmpOriginal, tmpThumb]) if (f) fs.rmSync(f, { force: true });
    }
  }

  /**
   * Makes a missing thumbnail from the original (huge imports and generated results leave them for
   * later). Does the work each time it is called: `Thumbnailer.ensure` makes it once per image.
   */
  async ensureThumb(sha256: string, mime: string): Promise<string> {
    const thumb = this.thumbPath(sha256);
    if (fs.existsSync(thumb)) return thumb;
    const tmp = this.tmpFile();
    try {
      await this.images.run('thumbnail', { source: { path: this.originalPath(sha256, mime) }, to: tmp }, 'making a thumbnail');
      await this.moveIntoPlace(tmp, thumb);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return thumb;
  }

  /** Removes the files of an image that no row references any more. */
  remove(sha256: string, mime: string): void {
    fs.rmSync(this.originalPath(sha256, mime), { force: true });
    fs.rmSync(this.thumbPath(sha256), { force: true });
    removeScreenCopies(this.root, sha256);
  }

  /**
   * Takes a file the image helper wrote under tmp/ (already fsynced, its hash computed there) as
   * the original for `sha256`: a rename, so main never reads or hashes the bytes. Returns whether
   * it created the file (false: the same bytes were already stored, and the copy is removed).
   */
  async adopt(tmp: string, sha256: string, mime: string): Promise<boolean> {
    const original = this.originalPath(sha256, mime);
    if (fs.existsSync(original)) {
      await fs.promises.rm(tmp, { force: true });
      return false;
    }
    await this.moveIntoPlace(tmp, original);
    return true;
  }

  /** A fresh path under tmp/ for the helper to write to. */
  tmpPath(): string {
    return this.tmpFile();
  }

  private tmpFile(): string {
    return path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
  }

  /** Written and fsynced under tmp/, ready to be renamed into place. */
  private async writeTmp(data: Buffer): Promise<string> {
    const tmp = this.tmpFile();
    const fh = await fs.promises.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return tmp;
  }

  private async moveIntoPlace(tmp: string, target: string): Promise<void> {
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
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
