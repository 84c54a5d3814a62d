import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetSummary } from '../../../shared/domain';
import { AppError, isAppError } from '../errors';
import { readOpened } from './files';
import type { DesktopShell } from '../desktop/DesktopShell';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { looksLikeImage } from './imageCheck';
import { checkImportSize, type ImportedAsset } from './importImage';
import type { Library } from './Library';
import { MAX_METADATA_BYTES, readXmpRecord, type EmbeddedGeneration } from './metadata';

export interface ImportSource {
  name: string;
  path?: string | undefined;
  dataBase64?: string | undefined;
}

export interface ImportResult {
  imported: ImportedAsset[];
  rejected: Array<{ name: string; reason: string }>;
}

/** A file to import, or a line of the report decided before any file is read. */
interface Planned {
  name: string;
  path?: string;
  dataBase64?: string;
  /** Found by walking a folder: a link put there after the walk must not be followed either. */
  walked?: boolean;
  error?: string;
}

/** Hidden files and the OS's own clutter are skipped when a folder is dropped, not reported. */
const SKIP = /^\.|^(Thumbs\.db|desktop\.ini)$/i;
/** What a folder walk takes; other files are counted, not named (see `NOT_OPENED`). */
const IMAGE_NAME = /\.(png|jpe?g|webp|heic|heif)$/i;
/** An exported image's XMP sidecar (`name.png.xmp`): read with its image, not counted as a file left out. */
const SIDECAR_NAME = /\.(png|jpe?g|webp|heic|heif)\.xmp$/i;
/**
 * Files in flight at once: with decoding in the image helper this keeps both cores busy. 8 were
 * ~10% faster on the bench, but each file may be 100 MB in main's memory while it is in flight.
 */
const PARALLEL = 4;
/** Past this many files, thumbnails are made when first shown instead of during the import. */
export const LAZY_THUMBNAILS_ABOVE = 200;
/** A walk stops here: a window (or a mistaken drop of `/`) must not make main list a whole disk. */
export interface WalkLimits {
  /** Image files taken, over all the folders of one import (the contract's own cap per call). */
  files: number;
  /** Directory entries looked at, images or not. */
  entries: number;
  depth: number;
}
export const WALK_LIMITS: WalkLimits = { files: 10_000, entries: 100_000, depth: 32 };

/**
 * One sentence for a path that is missing, unreadable, not a file or not an image: the window
 * names paths, and a different answer for each would tell it which files exist. Only a file that
 * starts like an image learns more (too large, cut off).
 */
export const NOT_OPENED = 'Atelier could not open this as an image.';
const LINK = 'A link: Atelier imports files themselves, not links to them.';

// Windows has neither flag; there the walk's own lstat is the guard.
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
// A FIFO would block open() (and a libuv thread) until a writer came.
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Accepts only absolute paths: a relative one would resolve against main's working directory. */
function isAbsolutePath(p: string): boolean {
  return path.isAbsolute(p) && !p.includes('\0');
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * Imports files and folders: each file checked on its own (a bad one is reported, the rest go
 * on), duplicates recognised by hash, progress as events, cancellable between files. Whatever
 * goes wrong with one file is that file's reason; the import ends once, and its report is the
 * whole truth (nothing lands after "finished").
 */
export class Importer {
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly library: Library,
    private readonly events: EventBus,
    private readonly lazyThumbnailsAbove: number = LAZY_THUMBNAILS_ABOVE,
    private readonly logger?: Logger,
    private readonly limits: WalkLimits = WALK_LIMITS,
  ) {}

  cancel(importId: string): void {
    this.cancelled.add(importId);
  }

  async run(sources: readonly ImportSource[], importId: string = crypto.randomUUID()): Promise<ImportResult> {
    const progress = { importId, total: 0, done: 0, imported: 0, duplicates: 0, rejected: 0, finished: false };
    let lastEmit = 0;
    const report = (force = false) => {
      // At most ~10 progress events a second, whatever the number of files.
      if (force || Date.now() - lastEmit > 100) {
        lastEmit = Date.now();
        this.events.emit('import.progress', { ...progress });
      }
    };
    // Filled by position, so the report lists files in the order they were given.
    const outcomes: Array<{ asset: ImportedAsset } | { rejected: { name: string; reason: string } }> = [];
    let files: Planned[] = [];
    try {
      files = await this.expand(sources);
      progress.total = files.length;
      const thumbnail = files.length <= this.lazyThumbnailsAbove;
      let next = 0;
      const worker = async () => {
        while (next < files.length && !this.cancelled.has(importId)) {
          const i = next++;
          const f = files[i]!;
          try {
            const asset = await this.one(f, thumbnail);
            outcomes[i] = { asset };
            if (asset.duplicate) progress.duplicates += 1;
            else progress.imported += 1;
          } catch (err) {
            if (!isAppError(err)) this.logger?.warn('import: a file failed', { error: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500) });
            outcomes[i] = { rejected: { name: f.name, reason: isAppError(err) ? err.message : 'Something went wrong while importing this file; the rest went on.' } };
            progress.rejected += 1;
          }
          progress.done += 1;
          report();
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
    } finally {
      this.cancelled.delete(importId);
      progress.finished = true;
      report(true);
    }
    const result: ImportResult = { imported: [], rejected: [] };
    for (const o of outcomes) {
      if (!o) continue; // not reached: the import was cancelled
      if ('asset' in o) result.imported.push(o.asset);
      else result.rejected.push(o.rejected);
    }
    const fresh = result.imported.filter((a) => !a.duplicate).map(({ duplicate: _d, ...a }): AssetSummary => a);
    if (fresh.length) this.events.emit('library.added', fresh);
    return result;
  }

  /**
   * Imports what the user chose in main's own dialog (`DesktopShell.pickFiles/pickFolder`).
   * `unavailable` when there is no such dialog; `cancelled` when the user closed it.
   */
  async runPicked(
    kind: 'files' | 'folder',
    desktop: Pick<DesktopShell, 'pickFiles' | 'pickFolder'>,
    importId: string,
  ): Promise<ImportResult & { outcome: 'imported' | 'cancelled' | 'unavailable' }> {
    const pick = kind === 'folder' ? desktop.pickFolder && (async () => desktop.pickFolder!().then((f) => (f ? [f] : null))) : desktop.pickFiles && (() => desktop.pickFiles!());
    if (!pick) return { outcome: 'unavailable', imported: [], rejected: [] };
    const paths = await pick();
    if (!paths?.length) return { outcome: 'cancelled', imported: [], rejected: [] };
    return { outcome: 'imported', ...(await this.run(paths.map((p) => ({ name: path.basename(p), path: p })), importId)) };
  }

  private async one(f: Planned, thumbnail: boolean): Promise<ImportedAsset> {
    if (f.error) throw new AppError('bad_file', f.error);
    if (f.path !== undefined) {
      const data = await this.readPath(f.path, f.walked === true);
      const sidecar = await this.readSidecar(f.path, f.walked === true);
      return this.library.importImage(path.basename(f.path), data, { thumbnail, sidecar });
    }
    // Checked before decoding: base64 is 4/3 of the bytes it carries.
    checkImportSize(Math.floor((f.dataBase64!.length * 3) / 4));
    return this.library.importImage(f.name, Buffer.from(f.dataBase64!, 'base64'), { thumbnail });
  }

  /** The bytes of a file named by path; every way of not getting them reads as `NOT_OPENED`. */
  private async readPath(file: string, walked: boolean): Promise<Buffer> {
    const notOpened = () => new AppError('bad_file', NOT_OPENED);
    if (!isAbsolutePath(file)) throw notOpened();
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(file, fs.constants.O_RDONLY | NONBLOCK | (walked ? NOFOLLOW : 0));
    } catch {
      throw notOpened();
    }
    try {
      // fstat of what was opened: the path cannot be swapped between the check and the read.
      const stat = await fh.stat();
      if (!stat.isFile() || stat.size === 0) throw notOpened();
      const head = Buffer.alloc(16);
      await fh.read(head, 0, head.length, 0);
      if (!looksLikeImage(head)) throw notOpened();
      checkImportSize(stat.size);
      return await readOpened(fh, stat.size);
    } catch (err) {
      if (isAppError(err)) throw err;
      throw notOpened();
    } finally {
      await fh.close();
    }
  }

  /**
   * The record in an image's XMP sidecar (`photo.png.xmp`), which Atelier writes beside an exported
   * file that carries content credentials (its bytes stay untouched). Missing, a link where links
   * are refused, too large or not ours: no record.
   */
  private async readSidecar(file: string, walked: boolean): Promise<EmbeddedGeneration | null> {
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(`${file}.xmp`, fs.constants.O_RDONLY | NONBLOCK | (walked ? NOFOLLOW : 0));
    } catch {
      return null;
    }
    try {
      const stat = await fh.stat();
      if (!stat.isFile() || stat.size > MAX_METADATA_BYTES) return null;
      return readXmpRecord((await fh.readFile()).toString('utf8'));
    } catch {
      return null;
    } finally {
      await fh.close();
    }
  }

  /**
   * Folders become the image files inside them (recursively, in name order), within bounds.
   * Links are reported and never followed. Other files are counted, not named.
   */
  private async expand(sources: readonly ImportSource[]): Promise<Planned[]> {
    const out: Planned[] = [];
    const budget = { files: 0, entries: 0 };
    for (const s of sources) {
      if (s.path === undefined) {
        out.push({ name: s.name, ...(s.dataBase64 !== undefined ? { dataBase64: s.dataBase64 } : {}) });
        continue;
      }
      if (!isAbsolutePath(s.path)) {
        out.push({ name: s.name, error: 'Atelier imports only files named by their full path.' });
        continue;
      }
      const stat = await fs.promises.stat(s.path).catch(() => null);
      if (stat?.isDirectory()) await this.walk(s.path, out, budget);
      else {
        budget.files += 1;
        out.push({ name: s.name, path: s.path });
      }
    }
    return out;
  }

  private async walk(root: string, out: Planned[], budget: { files: number; entries: number }): Promise<void> {
    const label = path.basename(root) || root;
    let others = 0;
    let tooDeep = false;
    let full = false;
    const visit = async (dir: string, depth: number): Promise<void> => {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => null);
      if (!entries) return void out.push({ name: path.relative(path.dirname(root), dir) || label, error: 'The folder could not be read.' });
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (full) return;
        if (++budget.entries > this.limits.entries) {
          full = true;
          return;
        }
        if (SKIP.test(e.name)) continue;
        const file = path.join(dir, e.name);
        const name = path.relative(path.dirname(root), file);
        // withFileTypes reports the entry itself (lstat), so a link is seen as a link.
        if (e.isSymbolicLink()) out.push({ name, error: LINK });
        else if (e.isDirectory()) {
          if (depth < this.limits.depth) await visit(file, depth + 1);
          else tooDeep = true;
        } else if (e.isFile()) {
          if (SIDECAR_NAME.test(e.name)) continue;
          if (!IMAGE_NAME.test(e.name)) others += 1;
          else if (budget.files >= this.limits.files) full = true;
          else {
            budget.files += 1;
            out.push({ name, path: file, walked: true });
          }
        }
      }
    };
    await visit(root, 0);
    if (others) out.push({ name: label, error: `${plural(others, 'file that is not an image was', 'files that are not images were')} left out.` });
    if (tooDeep) out.push({ name: label, error: `Folders nested more than ${this.limits.depth} levels deep were left out.` });
    if (full) out.push({ name: label, error: `The folder holds more than Atelier takes at once; only the first ${plural(budget.files, 'image was', 'images were')} taken. Import the rest in parts.` });
  }
}
