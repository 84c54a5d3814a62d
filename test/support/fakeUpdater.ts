import type { Updater, UpdaterEvent } from '../../electron/services/updates/UpdateService';

/**
 * Stands in for electron-updater: each check plays what the feed would answer (nothing new, a
 * version that downloads, or a failure) as the same events, and "Restart to update" is recorded.
 */
export class FakeUpdater implements Updater {
  /** What the next check finds. */
  next: { kind: 'none' } | { kind: 'update'; version: string } | { kind: 'fail'; message: string } = { kind: 'none' };
  checks = 0;
  installs = 0;
  private readonly listeners = new Set<(e: UpdaterEvent) => void>();

  onEvent(listener: (e: UpdaterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async check(): Promise<void> {
    this.checks += 1;
    this.emit({ type: 'checking' });
    const next = this.next;
    if (next.kind === 'fail') throw new Error(next.message);
    if (next.kind === 'none') return this.emit({ type: 'not-available' });
    this.emit({ type: 'available', version: next.version });
    this.emit({ type: 'progress', percent: 42.5 });
    this.emit({ type: 'downloaded', version: next.version });
  }

  quitAndInstall(): void {
    this.installs += 1;
  }

  private emit(e: UpdaterEvent): void {
    for (const l of this.listeners) l(e);
  }
}
