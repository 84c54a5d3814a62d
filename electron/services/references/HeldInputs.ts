/**
 * Photos dropped or pasted as references are the request's own inputs, not library images: they
 * are held by hash (bytes in the content store, a row in `held_inputs`) and enter the library
 * only when a job that used them succeeds — then as an imported asset linked in the result's
 * lineage. One removed before generating leaves nothing behind, and one nobody used is swept
 * a day later.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetSummary, HeldInput, HoldOutcome, Reference } from '../../../shared/domain';
import { nearestAspectRatio } from '../../../shared/domain/vocabulary';
import { heldUrl } from '../../../shared/urls';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';
import { CorruptImageError, type StoredImage } from '../library/ContentStore';
import type { Db } from '../db/db';
import { readOpened, readStored } from '../library/files';
import { isHelperStopped } from '../images/ImageHelper';
import { checkImage, looksLikeImage } from '../library/imageCheck';
import type { Library } from '../library/Library';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../library/LibraryIndex';
import type { ReferenceImage, ReferenceImages } from './images';

/** Gemini takes 100 MB per request in all; one reference past this is never what was meant. */
export const MAX_HELD_BYTES = 50 * 1024 * 1024;
/** An input nothing refers to is kept this long (an undo window), then swept at start-up. */
export const HOLD_FOR_MS = 24 * 60 * 60 * 1000;
/** A sweep looks at this many of the oldest rows at most, so start-up stays quick. */
const SWEEP_BATCH = 500;

/** What a person reads when a file is refused; the detail behind it goes to the log. */
export const HELD_WORDS = {
  notImage: 'This file is not an image we can read.',
  empty: 'This file is empty.',
  tooBig: `This file is too large to use as a reference (${MAX_HELD_BYTES / 1024 / 1024} MB at most).`,
  damaged: 'This image is damaged or cut off, so it cannot be read.',
  format: 'This kind of image cannot be used as a reference; save it as PNG, JPEG or WebP.',
  tooManyPixels: 'This image has too many pixels to open; save a smaller copy and try again.',
  unexpected: 'Something went wrong while reading this file; the others were not affected.',
  gone: 'A reference photo is no longer here (it was removed or cleared away); add it again.',
} as const;

/** A file to hold: named by an absolute path (Electron) or carried as base64 (paste, browser). */
export interface HoldSource {
  name: string;
  path?: string | undefined;
  dataBase64?: string | undefined;
}

interface HeldRow {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  name: string;
  held_at: number;
}

/** A refusal worded for a person, with what the log should keep. */
class Refused extends Error {
  constructor(
    readonly words: string,
    readonly detail: string,
  ) {
    super(words);
  }
}

const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

export class HeldInputs implements ReferenceImages {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  /** Checks and keeps each file; a bad one gets its own sentence while the rest are held. */
  async hold(files: readonly HoldSource[]): Promise<HoldOutcome[]> {
    const outcomes: HoldOutcome[] = [];
    for (const f of files) {
      try {
        outcomes.push({ name: f.name, held: await this.holdOne(f) });
      } catch (err) {
        const words = err instanceof Refused ? err.words : isAppError(err) ? err.message : HELD_WORDS.unexpected;
        const detail = err instanceof Refused ? err.detail : err instanceof Error ? err.message : String(err);
        this.logger?.warn('references: a file was refused', { reason: words, detail: detail.slice(0, 500) });
        outcomes.push({ name: f.name, error: words });
      }
    }
    return outcomes;
  }

  private async holdOne(f: HoldSource): Promise<HeldInput> {
    const data = f.path !== undefined ? await readFile(f.path) : fromBase64(f.dataBase64 ?? '');
    if (!looksLikeImage(data.subarray(0, 16))) throw new Refused(HELD_WORDS.notImage, 'the first bytes are no image signature');
    let info;
    try {
      info = await checkImage(data, this.library.store.images, `reading ${f.name}`);
    } catch (err) {
      throw refusalOf(err);
    }
    let stored: StoredImage;
    try {
      stored = await this.library.store.put(data, { checked: info, name: f.name });
    } catch (err) {
      throw refusalOf(err);
    }
    this.db
      .prepare(
        `INSERT INTO held_inputs (sha256, mime, width, height, bytes, name, held_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET held_at = excluded.held_at`,
      )
      .run(stored.sha256, stored.mime, stored.width, stored.height, stored.bytes, path.basename(f.name).slice(0, 255) || 'Reference', this.now());
    return { sha256: stored.sha256, mime: stored.mime, width: stored.width, height: stored.height, previewUrl: heldUrl(stored.sha256) };
  }

  /**
   * Lets go of inputs the user removed. One a job still needs (waiting, running, or failed or
   * cancelled recently enough to be retried) stays until the sweep finds it unused.
   */
  release(sha256s: readonly string[]): number {
    let released = 0;
    for (const sha of new Set(sha256s)) {
      const row = this.row(sha);
      if (!row || this.inUse(sha)) continue;
      this.drop(row);
      released += 1;
    }
    return released;
  }

  /** Removes held inputs older than a day that nothing refers to; run once at start-up. */
  sweep(): number {
    const old = this.db.prepare('SELECT sha256, mime FROM held_inputs WHERE held_at < ? ORDER BY held_at LIMIT ?').all(this.now() - HOLD_FOR_MS, SWEEP_BATCH) as HeldRow[];
    let swept = 0;
    for (const row of old) {
      if (this.inUse(row.sha256)) continue;
      this.drop(row);
      swept += 1;
    }
    if (swept) this.logger?.info('references: swept unused held inputs', { swept });
    return swept;
  }

  /** True while a photo is held (not yet a library image, not released). */
  isHeld(sha256: string): boolean {
    return this.row(sha256) !== undefined;
  }

  /** Throws the person's sentence when a reference's image is gone (checked before queueing). */
  check(ref: Reference): void {
    if ('assetId' in ref) this.library.original(ref.assetId);
    else if (!this.row(ref.heldSha256) && !this.assetWith(ref.heldSha256)) throw new AppError('not_found', HELD_WORDS.gone);
  }

  /** The bytes of a reference, whichever kind: what goes to Gemini. */
  imageOf(ref: Reference): ReferenceImage {
    if ('assetId' in ref) return this.library.original(ref.assetId);
    const row = this.row(ref.heldSha256);
    if (row) return { ...row, data: readStored(this.library.root, this.library.store.originalPath(row.sha256, row.mime)) };
    // Held earlier, imported since by a job that succeeded: the same bytes are now an asset.
    const asset = this.assetWith(ref.heldSha256);
    if (asset) return this.library.original(asset);
    throw new AppError('not_found', HELD_WORDS.gone);
  }

  /** How a chat's stored user turn names a reference's image: by type and hash. */
  imageRef(ref: Reference): { mimeType: string; sha256: string } {
    if ('assetId' in ref) return this.library.imageRef(ref.assetId);
    const row = this.row(ref.heldSha256);
    if (row) return { mimeType: row.mime, sha256: row.sha256 };
    const asset = this.assetWith(ref.heldSha256);
    if (asset) return this.library.imageRef(asset);
    throw new AppError('not_found', HELD_WORDS.gone);
  }

  /** A held input's small preview (or, once imported, its asset's thumbnail), for the window. */
  async previewOf(sha256: string): Promise<{ path: string; mime: string } | null> {
    const row = this.row(sha256) ?? (this.db.prepare('SELECT sha256, mime FROM assets WHERE sha256 = ? LIMIT 1').get(sha256) as HeldRow | undefined);
    if (!row) return null;
    return { path: await this.library.store.ensureThumb(row.sha256, row.mime).catch(() => this.library.store.thumbPath(row.sha256)), mime: 'image/webp' };
  }

  /**
   * A job that used this input succeeded: it becomes a library asset (or, when the same bytes
   * already are one, that asset — brought back from the trash if need be, as an import would).
   * Synchronous: runs inside the transaction that stores the result. Null when it is gone.
   */
  adopt(sha256: string): { assetId: string; added: AssetSummary | null } | null {
    const twin = this.db
      .prepare('SELECT id, trashed_at FROM assets WHERE sha256 = ? ORDER BY trashed_at IS NOT NULL, trashed_at DESC, created_at LIMIT 1')
      .get(sha256) as { id: string; trashed_at: number | null } | undefined;
    const row = this.row(sha256);
    if (row) this.db.prepare('DELETE FROM held_inputs WHERE sha256 = ?').run(sha256);
    if (twin) {
      if (twin.trashed_at === null) return { assetId: twin.id, added: null };
      this.db.prepare('UPDATE assets SET trashed_at = NULL WHERE id = ?').run(twin.id);
      this.library.index.reindex([twin.id]);
      return { assetId: twin.id, added: this.summary(twin.id) };
    }
    if (!row) return null;
    const id = crypto.randomUUID();
    // Dated when it was dropped: the source comes before the result made from it, in the grid too.
    this.db
      .prepare(
        `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, name, created_at, aspect_ratio)
         VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?, ?)`,
      )
      .run(id, row.sha256, row.mime, row.width, row.height, row.bytes, row.name, Math.min(row.held_at, this.now() - 1), nearestAspectRatio(row.width, row.height));
    this.library.index.reindex([id]);
    return { assetId: id, added: this.summary(id) };
  }

  private summary(id: string): AssetSummary {
    return toSummary(this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE a.id = ?`).get(id) as SummaryRow);
  }

  private row(sha256: string): HeldRow | undefined {
    return this.db.prepare('SELECT sha256, mime, width, height, bytes, name, held_at FROM held_inputs WHERE sha256 = ?').get(sha256) as HeldRow | undefined;
  }

  private assetWith(sha256: string): string | undefined {
    return this.db.prepare('SELECT id FROM assets WHERE sha256 = ? ORDER BY trashed_at IS NOT NULL, created_at LIMIT 1').pluck().get(sha256) as string | undefined;
  }

  /**
   * True when a job's stored request names this hash: one waiting or running (it will send it),
   * or one that failed or was cancelled within the hold time (its Retry would).
   */
  private inUse(sha256: string): boolean {
    const active = this.db.prepare("SELECT 1 FROM jobs WHERE state IN ('queued', 'running', 'paused') AND instr(request_json, ?) > 0 LIMIT 1").get(sha256);
    if (active) return true;
    return !!this.db
      .prepare("SELECT 1 FROM jobs WHERE created_at > ? AND state IN ('failed', 'cancelled') AND instr(request_json, ?) > 0 LIMIT 1")
      .get(this.now() - HOLD_FOR_MS, sha256);
  }

  /** Forgets a held input and removes its files unless something else stores the same bytes. */
  private drop(row: Pick<HeldRow, 'sha256' | 'mime'>): void {
    this.db.prepare('DELETE FROM held_inputs WHERE sha256 = ?').run(row.sha256);
    const shared = this.db.prepare('SELECT 1 FROM assets WHERE sha256 = ? UNION ALL SELECT 1 FROM blobs WHERE sha256 = ? LIMIT 1').get(row.sha256, row.sha256);
    if (!shared) this.library.store.remove(row.sha256, row.mime);
  }
}

function fromBase64(b64: string): Buffer {
  // Checked before decoding: base64 is 4/3 of the bytes it carries.
  if (Math.floor((b64.length * 3) / 4) > MAX_HELD_BYTES) throw new Refused(HELD_WORDS.tooBig, `base64 of ${b64.length} characters`);
  const data = Buffer.from(b64, 'base64');
  if (data.length === 0) throw new Refused(HELD_WORDS.empty, 'no bytes');
  return data;
}

/**
 * A file named by path. Every way of not reading it is "not an image we can read", and only a
 * file that starts like an image learns more (too large): the window must not learn which paths
 * exist. An empty file is named as such, since a person dropped it and needs to know why.
 */
async function readFile(file: string): Promise<Buffer> {
  const notImage = (detail: string) => new Refused(HELD_WORDS.notImage, detail);
  if (!path.isAbsolute(file) || file.includes('\0')) throw notImage('not an absolute path');
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, fs.constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    throw notImage(`open failed: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) throw notImage('not a regular file');
    if (stat.size === 0) throw new Refused(HELD_WORDS.empty, 'size 0');
    const head = Buffer.alloc(16);
    await fh.read(head, 0, head.length, 0);
    if (!looksLikeImage(head)) throw notImage('the first bytes are no image signature');
    if (stat.size > MAX_HELD_BYTES) throw new Refused(HELD_WORDS.tooBig, `size ${stat.size}`);
    return await readOpened(fh, stat.size);
  } finally {
    await fh.close();
  }
}

/** The check's own sentence (written for the library) turned into the words of a reference. */
function refusalOf(err: unknown): Error {
  // Not the file's fault: its own sentence says the helper stopped, and holding it again will work.
  if (isHelperStopped(err)) return err;
  if (!(err instanceof CorruptImageError)) return new Refused(HELD_WORDS.unexpected, err instanceof Error ? err.message : String(err));
  const m = err.message;
  if (/^Not a readable image/.test(m)) return new Refused(HELD_WORDS.notImage, m);
  if (/^Unsupported image format/.test(m)) return new Refused(HELD_WORDS.format, m);
  if (/too large to open/.test(m)) return new Refused(HELD_WORDS.tooManyPixels, m);
  return new Refused(HELD_WORDS.damaged, m);
}
