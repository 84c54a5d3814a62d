import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db';
import type { LibraryLayout } from './layout';

export interface CheckReport {
  ok: boolean;
  repaired: string[];
  problems: string[];
}

/** Files last written before `before`: anything newer may belong to a write in progress right now. */
function filesUnder(dir: string, before: number): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => {
      try {
        return fs.statSync(f).mtimeMs < before;
      } catch {
        return false;
      }
    });
}

/**
 * The library checks itself at start (in a worker thread, `checkInWorker.ts`): the database's own consistency, leftovers of interrupted
 * writes, files no row uses (removed) and originals that went missing (reported: only the user can
 * bring them back).
 */
/**
 * `before`: when this run of the app started. The check runs while the app works, so only files
 * from before then are judged; newer ones may be an import or a result being written.
 */
export async function checkLibrary(db: Db, store: Pick<LibraryLayout, 'root' | 'filesDir' | 'thumbsDir' | 'originalPath'>, before: number = Date.now()): Promise<CheckReport> {
  const repaired: string[] = [];
  const problems: string[] = [];
  const quick = db.prepare('PRAGMA quick_check').pluck().all() as string[];
  if (quick.join() !== 'ok') problems.push(`The database reports damage: ${quick.slice(0, 3).join('; ')}`);

  const tmp = filesUnder(path.join(store.root, 'tmp'), before);
  for (const f of tmp) fs.rmSync(f, { force: true });
  if (tmp.length) repaired.push(`Removed ${tmp.length} unfinished file${tmp.length === 1 ? '' : 's'} left by an interrupted write.`);

  const known = new Set([
    ...(db.prepare('SELECT sha256 FROM assets').pluck().all() as string[]),
    ...(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]),
    ...(db.prepare('SELECT sha256 FROM held_inputs').pluck().all() as string[]),
  ]);
  let orphans = 0;
  for (const dir of [store.filesDir, store.thumbsDir]) {
    for (const f of filesUnder(dir, before)) {
      if (!known.has(path.basename(f).split('.')[0]!)) {
        fs.rmSync(f, { force: true });
        orphans += 1;
      }
    }
  }
  if (orphans) repaired.push(`Removed ${orphans} file${orphans === 1 ? '' : 's'} no image in the library used.`);

  // Missing thumbnails are never damage, so they are not even looked for: a generated result's
  // thumbnail is made in the background after its rows are committed (`Thumbnailer`), a huge
  // import leaves them for later, and the asset route makes any that is missing when it is shown.
  const rows = db.prepare('SELECT DISTINCT sha256, mime FROM assets').all() as Array<{ sha256: string; mime: string }>;
  let missing = 0;
  for (const r of rows) if (!fs.existsSync(store.originalPath(r.sha256, r.mime))) missing += 1;
  if (missing) problems.push(`${missing} image file${missing === 1 ? ' is' : 's are'} missing from the library folder.`);
  return { ok: problems.length === 0, repaired, problems };
}
