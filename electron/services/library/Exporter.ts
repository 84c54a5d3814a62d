import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Library } from './Library';
import { embed, hasC2paManifest, withoutC2paManifest, xmpPacket } from './metadata';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/heif': 'heif' };

/**
 * Writes `data` as a new file named `base.ext` (or `base-2.ext`, …) in `folder`, atomically:
 * the bytes go to a hidden temporary file first, so anyone watching the folder (another app, a
 * sync client, a test) sees a file only once it is whole. A hard link publishes it without ever
 * replacing a file of the same name; where links are not supported (FAT, some network shares) a
 * rename after a check is the fallback.
 */
export async function writeNew(folder: string, base: string, ext: string, data: Buffer | string): Promise<string> {
  const tmp = path.join(folder, `.atelier-${crypto.randomUUID()}.part`);
  const fh = await fs.promises.open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    for (let n = 1; ; n++) {
      const file = path.join(folder, `${n === 1 ? base : `${base}-${n}`}${ext}`);
      try {
        await fs.promises.link(tmp, file);
        return file;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
        if (fs.existsSync(file)) continue;
        await fs.promises.rename(tmp, file);
        return file;
      }
    }
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

export interface ExportOptions {
  /** A JSON sidecar beside each file as well. */
  sidecar: boolean;
  /**
   * Embed Atelier's metadata even in files that carry content credentials, removing them. Off: such
   * a file is written byte for byte and the metadata goes to an XMP sidecar (`name.png.xmp`).
   */
  embedMetadata?: boolean;
  /** A file name (without extension) per id, in order, instead of the image's own name (a series' `title-01`). */
  baseNames?: readonly string[];
}

export interface ExportOutcome {
  written: string[];
  /** Files written untouched because they carry content credentials. */
  credentialsKept: number;
}

/**
 * Writes assets to a folder with their generation metadata inside each file (and, if asked, a JSON
 * sidecar beside it). Never overwrites: a name already taken gets a number.
 *
 * A file with content credentials (C2PA) is the exception: its manifest's hard binding hashes the
 * file's bytes, so writing a chunk into it would turn valid credentials into "tampered". Unless the
 * user chose to embed, its bytes go out exactly as stored and the metadata into `name.ext.xmp`.
 */
export async function exportAssets(library: Library, ids: readonly string[], folder: string, opts: ExportOptions): Promise<ExportOutcome> {
  await fs.promises.mkdir(folder, { recursive: true });
  const written: string[] = [];
  let credentialsKept = 0;
  for (const [i, id] of ids.entries()) {
    const detail = library.get(id);
    const { data, mime } = library.original(id);
    const meta = library.embeddedOf(id);
    const signed = hasC2paManifest(data);
    const keep = signed && !opts.embedMetadata;
    const bytes = keep ? data : (meta && embed(signed ? withoutC2paManifest(data) : data, mime, meta)) || data;
    const base = opts.baseNames?.[i] ?? `${(detail.name ?? 'image').replace(/\.[a-z0-9]+$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 80)}-${id.slice(0, 8)}`;
    const file = await writeNew(folder, base, `.${EXT[mime] ?? 'bin'}`, bytes);
    if (keep) {
      credentialsKept += 1;
      if (meta) await writeNew(folder, path.basename(file), '.xmp', xmpPacket(meta));
    }
    if (opts.sidecar) {
      const sidecar = { file: path.basename(file), ...(meta ?? { app: 'Atelier', version: 1, prompt: null }), tags: detail.tags, rating: detail.rating };
      const json = JSON.stringify(sidecar, null, 2);
      // The sidecar is named after its image; a stray file of that name is never replaced.
      await writeNew(folder, path.basename(file), '.json', json);
    }
    written.push(file);
  }
  return { written, credentialsKept };
}
