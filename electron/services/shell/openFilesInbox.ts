/**
 * Files handed to Atelier by the OS (the first launch's argv, a second launch's argv forwarded
 * to this one, macOS's open-file) arrive whenever the OS likes: before 'ready', while the
 * services start, before the window can show them. The inbox listens from the very start and
 * keeps them until the window has loaded; nothing that arrives early is lost.
 */
import { imagePathsFromArgv, OPENABLE } from './openFiles';

/** The part of Electron's `app` the inbox listens on (an EventEmitter in tests). */
export interface OpenFilesSource {
  on(event: 'open-file', listener: (event: { preventDefault(): void }, file: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export interface OpenFilesInbox {
  /**
   * From now on files go straight to `open`, and what waited goes there at once. `reveal` brings
   * the window forward when the user launches Atelier again, with files or without.
   */
  deliverTo(open: (paths: string[]) => void, reveal: () => void): void;
  /** Files waiting for the window (tests). */
  pending(): readonly string[];
}

/**
 * Call before anything slow (the services' start), right after the single-instance lock:
 * Electron emits second-instance in the first instance as soon as it holds the lock.
 */
export function createOpenFilesInbox(app: OpenFilesSource, o: { argv: readonly string[]; cwd: string; argvSkip: number }): OpenFilesInbox {
  const waiting: string[] = imagePathsFromArgv(o.argv, o.cwd, o.argvSkip);
  let open: ((paths: string[]) => void) | null = null;
  let reveal: (() => void) | null = null;
  const deliver = (paths: string[]) => {
    if (open) {
      if (paths.length) open(paths);
      return;
    }
    for (const p of paths) if (!waiting.includes(p)) waiting.push(p);
  };
  app.on('open-file', (event, file) => {
    // Without preventDefault macOS treats the file as not handled.
    event.preventDefault();
    if (OPENABLE.test(file)) deliver([file]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    reveal?.();
    deliver(imagePathsFromArgv(argv, workingDirectory, o.argvSkip));
  });
  return {
    deliverTo(openNow, revealNow) {
      open = openNow;
      reveal = revealNow;
      const early = waiting.splice(0);
      if (early.length) openNow(early);
    },
    pending: () => waiting,
  };
}
