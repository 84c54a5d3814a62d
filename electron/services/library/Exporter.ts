import fs from 'node:fs';
import path from 'node:path';
import type { Library } from './Library';
import { embed } from './metadata';

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/heif': 'heif' };

/**
 * Writes assets to a folder with their generation metadata inside each file (and, if asked, a JSON
 * sidecar beside it). Never overwrites: a name already taken gets a number.
 */
export async function exportAssets(library: Library, ids: readonly string[], folder: string, opts: { sidecar: boolean }): Promise<string[]> {
  await fs.promises.mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const id of ids) {
    const detail = library.get(id);
    const { data, mime } = library.original(id);
    const meta = library.embeddedOf(id);
    const bytes = (meta && embed(data, mime, meta)) || data;
    const base = `${(detail.name ?? 'image').replace(/\.[a-z0-9]+$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 80)}-${id.slice(0, 8)}`;
    let file = path.join(folder, `${base}.${EXT[mime] ?? 'bin'}`);
    for (let n = 2; fs.existsSync(file); n++) file = path.join(folder, `${base}-${n}.${EXT[mime] ?? 'bin'}`);
    await fs.promises.writeFile(file, bytes, { flag: 'wx' });
    if (opts.sidecar) {
      const sidecar = { file: path.basename(file), ...(meta ?? { app: 'Atelier', version: 1, prompt: null }), tags: detail.tags, rating: detail.rating };
      await fs.promises.writeFile(`${file}.json`, JSON.stringify(sidecar, null, 2), { flag: 'wx' });
    }
    written.push(file);
  }
  return written;
}
