import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import type { Db } from '../db/db';

/**
 * Where the library lives. A small file in the app's data folder (not a setting the window can
 * write), so a move is only ever made by main, after it has copied and checked everything.
 */
interface Location {
  current: string | null;
  /** The folder a move came from, removed once the new one has opened. */
  previous: string | null;
}

const FILE = 'library-location.json';

function read(userDataDir: string): Location {
  try {
    return JSON.parse(fs.readFileSync(path.join(userDataDir, FILE), 'utf8')) as Location;
  } catch {
    return { current: null, previous: null };
  }
}

function write(userDataDir: string, loc: Location): void {
  const tmp = path.join(userDataDir, `${FILE}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(loc));
  fs.renameSync(tmp, path.join(userDataDir, FILE));
}

export function libraryDirOf(userDataDir: string): string {
  return read(userDataDir).current ?? path.join(userDataDir, 'library');
}

/**
 * Copies the library into `<parent>/Atelier Library`: the database through SQLite's online
 * backup (consistent while open), the content-addressed files as they are (they never change).
 * The new copy is checked before it becomes the library on the next start.
 */
export async function copyLibrary(db: Db, fromDir: string, parent: string, userDataDir: string): Promise<string> {
  const to = path.join(parent, 'Atelier Library');
  if (path.resolve(to) === path.resolve(fromDir)) throw new AppError('bad_input', 'The library is already there.');
  if (path.resolve(to).startsWith(path.resolve(fromDir) + path.sep)) throw new AppError('bad_input', 'The library cannot move inside itself.');
  if (fs.existsSync(to) && fs.readdirSync(to).length) throw new AppError('bad_input', `${to} already exists and is not empty.`);
  fs.mkdirSync(to, { recursive: true });
  try {
    await db.backup(path.join(to, 'atelier.sqlite'));
    for (const sub of ['files', 'thumbs']) {
      if (fs.existsSync(path.join(fromDir, sub))) await fs.promises.cp(path.join(fromDir, sub), path.join(to, sub), { recursive: true });
    }
    const copy = new Database(path.join(to, 'atelier.sqlite'), { readonly: true });
    try {
      const ok = copy.pragma('quick_check', { simple: true }) === 'ok';
      const same = copy.prepare('SELECT count(*) FROM assets').pluck().get() === db.prepare('SELECT count(*) FROM assets').pluck().get();
      if (!ok || !same) throw new AppError('internal', 'The copy of the library did not check out; nothing was moved.');
    } finally {
      copy.close();
    }
  } catch (err) {
    fs.rmSync(to, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('bad_input', `The library could not be copied there: ${err instanceof Error ? err.message : String(err)}`);
  }
  write(userDataDir, { current: to, previous: fromDir });
  return to;
}

/** After a start on the new folder: removes the old one (only if it really is a library). */
export function finishMove(userDataDir: string, openedDir: string): string | null {
  const loc = read(userDataDir);
  if (!loc.previous || path.resolve(loc.previous) === path.resolve(openedDir)) return null;
  if (fs.existsSync(path.join(loc.previous, 'atelier.sqlite'))) fs.rmSync(loc.previous, { recursive: true, force: true });
  write(userDataDir, { current: loc.current, previous: null });
  return `The library now lives in ${openedDir}.`;
}

export interface MoveLibraryDeps {
  db: Db;
  libraryDir: string;
  userDataDir: string;
  /** Asks the user where the library should go (main's own folder dialog). */
  chooseParent: () => Promise<string | null>;
  /** Stops new work and resolves when nothing is in flight, so no result lands mid-copy. */
  quiesce: () => Promise<void>;
  relaunch: () => void;
}

/** The whole move: the user picks a folder, the queue goes quiet, the copy is made and checked, the app restarts on it. */
export async function moveLibrary(d: MoveLibraryDeps): Promise<{ movedTo: string | null }> {
  const parent = await d.chooseParent();
  if (!parent) return { movedTo: null };
  await d.quiesce();
  const movedTo = await copyLibrary(d.db, d.libraryDir, parent, d.userDataDir);
  d.relaunch();
  return { movedTo };
}
