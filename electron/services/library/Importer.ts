import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetSummary } from '../../../shared/ipc/contract';
import { AppError, isAppError } from '../errors';
import type { EventBus } from '../events';
import { MAX_IMPORT_BYTES, type Library } from './Library';

export interface ImportSource {
  name: string;
  path?: string | undefined;
  dataBase64?: string | undefined;
}

export interface ImportResult {
  imported: Array<AssetSummary & { duplicate: boolean }>;
  rejected: Array<{ name: string; reason: string }>;
}

/** Hidden files and the OS's own clutter are skipped when a folder is dropped, not reported. */
const SKIP = /^\.|^(Thumbs\.db|desktop\.ini)$/i;
/** sharp decodes on libuv's worker threads; this many at once keeps both cores busy. */
const PARALLEL = 4;
/** Past this many files, thumbnails are made when first shown instead of during the import. */
export const LAZY_THUMBNAILS_ABOVE = 200;

/**
 * Imports files and folders: each file checked on its own (a bad one is reported, the rest go
 * on), duplicates recognised by hash, progress as events, cancellable between files.
 */
export class Importer {
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly library: Library,
    private readonly events: EventBus,
    private readonly lazyThumbnailsAbove: number = LAZY_THUMBNAILS_ABOVE,
  ) {}

  cancel(importId: string): void {
    this.cancelled.add(importId);
  }

  async run(sources: readonly ImportSource[], importId: string = crypto.randomUUID()): Promise<ImportResult> {
    const files = await this.expand(sources);
    // Filled by position, so the report lists files in the order they were given.
    const outcomes: Array<{ asset: AssetSummary & { duplicate: boolean } } | { rejected: { name: string; reason: string } }> = [];
    const progress = { importId, total: files.length, done: 0, imported: 0, duplicates: 0, rejected: 0, finished: false };
    let lastEmit = 0;
    const report = (force = false) => {
      // At most ~10 progress events a second, whatever the number of files.
      if (force || Date.now() - lastEmit > 100) {
        lastEmit = Date.now();
        this.events.emit('import.progress', { ...progress });
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < files.length && !this.cancelled.has(importId)) {
        const i = next++;
        const f = files[i]!;
        try {
          const asset = await this.one(f, files.length <= this.lazyThumbnailsAbove);
          outcomes[i] = { asset };
          if (asset.duplicate) progress.duplicates += 1;
          else progress.imported += 1;
        } catch (err) {
          if (!isAppError(err)) throw err;
          outcomes[i] = { rejected: { name: f.name, reason: err.message } };
          progress.rejected += 1;
        }
        progress.done += 1;
        report();
      }
    };
    try {
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
    const fresh = result.imported.filter((a) => !a.duplicate).map(({ duplicate: _d, ...a }) => a);
    if (fresh.length) this.events.emit('library.added', fresh);
    return result;
  }

  private async one(f: ImportSource & { error?: string }, thumbnail: boolean): Promise<AssetSummary & { duplicate: boolean }> {
    if (f.error) throw new AppError('bad_file', f.error);
    if (f.path) {
      const stat = await fs.promises.stat(f.path).catch(() => null);
      if (!stat?.isFile()) throw new AppError('bad_file', 'Not a file Atelier can open (a folder, or it was moved).');
      return this.library.importImage(path.basename(f.path), () => fs.promises.readFile(f.path!), stat.size, { thumbnail });
    }
    const size = Math.floor((f.dataBase64!.length * 3) / 4);
    if (size > MAX_IMPORT_BYTES) throw new AppError('bad_file', `Too large; Atelier imports images up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    return this.library.importImage(f.name, async () => Buffer.from(f.dataBase64!, 'base64'), size, { thumbnail });
  }

  /** Folders become the files inside them (recursively, in name order). */
  private async expand(sources: readonly ImportSource[]): Promise<Array<ImportSource & { error?: string }>> {
    const out: Array<ImportSource & { error?: string }> = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => null);
      if (!entries) return void out.push({ name: path.basename(dir), path: dir, error: 'The folder could not be read.' });
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (SKIP.test(e.name)) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory() && depth < 32) await walk(full, depth + 1);
        else if (e.isFile()) out.push({ name: path.relative(path.dirname(dir), full), path: full });
      }
    };
    for (const s of sources) {
      if (s.path && (await fs.promises.stat(s.path).catch(() => null))?.isDirectory()) await walk(s.path, 0);
      else out.push(s);
    }
    return out;
  }
}
