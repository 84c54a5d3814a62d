/**
 * "Open with Atelier": image paths the OS hands over — on the command line of the first launch,
 * in a second launch's argv (forwarded to the running instance), or in macOS's open-file event —
 * are imported and shown. The paths come from the OS and the user, never from the window.
 */
import path from 'node:path';
import type { OpenedFiles } from '../../../shared/domain/updates';
import type { EventBus } from '../events';
import type { Importer } from '../library/Importer';

/** The types electron-builder.yml associates with Atelier. */
export const OPENABLE = /\.(png|jpe?g|webp)$/i;

/**
 * Image paths in an argv. Skips the executable, switches (Chromium's and ours, which the OS may
 * add in a second instance's argv), and anything not of an associated type; relative paths are
 * resolved against the launching process's working directory, not main's.
 */
export function imagePathsFromArgv(argv: readonly string[], workingDirectory: string, skipFirst: number): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(skipFirst)) {
    if (!arg || arg.startsWith('-') || !OPENABLE.test(arg)) continue;
    const full = path.resolve(workingDirectory, arg);
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

export async function openFiles(importer: Importer, events: EventBus, paths: readonly string[]): Promise<OpenedFiles> {
  const absolute = paths.filter((p) => path.isAbsolute(p));
  if (!absolute.length) return { assetIds: [], rejected: [] };
  const result = await importer.run(absolute.map((p) => ({ name: path.basename(p), path: p })));
  const opened: OpenedFiles = { assetIds: result.imported.map((a) => a.id), rejected: result.rejected };
  events.emit('app.filesOpened', opened);
  return opened;
}
