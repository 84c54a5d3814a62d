/**
 * Keeps the app up to date without ever forcing a restart: checks shortly after start and then
 * daily, lets the updater download in the background, and offers "Restart to update" once a
 * verified update is on disk. Plain Node: the Electron side (electron-updater) arrives as an
 * `Updater`; in development and in tests there is none, or a fake.
 */
import type { UpdateStatus } from '../../../shared/domain/updates';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Clock } from '../clock';

export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** What electron-updater does for us, as much as the app needs of it. */
export interface Updater {
  /** Checks the feed; if there is a newer version, downloads it in the background. */
  check(): Promise<void>;
  /** Quits and installs the downloaded update, then starts the new version. */
  quitAndInstall(): void | Promise<void>;
  onEvent(listener: (event: UpdaterEvent) => void): () => void;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface UpdateServiceOptions {
  updater: Updater | null;
  /** Why there is no updater, in a person's words (a .deb install, say); shown with the disabled state. */
  offReason?: string | null;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** Delay of the first check, so it does not compete with start-up. */
  firstCheckMs?: number;
  intervalMs?: number;
}

export class UpdateService {
  private state: UpdateStatus;
  private timer: unknown = null;
  private lastCheckedAt: number | null = null;
  private pendingVersion = '';
  private readonly stop: () => void;
  private disposed = false;

  constructor(private readonly o: UpdateServiceOptions) {
    this.state = o.updater ? { state: 'idle', lastCheckedAt: null } : { state: 'disabled', ...(o.offReason ? { reason: o.offReason } : {}) };
    this.stop = o.updater?.onEvent((e) => this.apply(e)) ?? (() => {});
  }

  status(): UpdateStatus {
    return this.state;
  }

  start(): void {
    if (!this.o.updater) return;
    this.schedule(this.o.firstCheckMs ?? 5_000);
  }

  /** Checks now (also what the daily timer calls). A failure is logged and shown as state, never thrown. */
  async check(): Promise<void> {
    const updater = this.o.updater;
    if (!updater || this.state.state === 'checking' || this.state.state === 'downloading' || this.state.state === 'ready') return;
    this.lastCheckedAt = this.o.clock.now();
    try {
      await updater.check();
    } catch (err) {
      this.apply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** "Restart to update": only ever on the user's word, and only with an update on disk. */
  async restart(): Promise<void> {
    if (!this.o.updater || this.state.state !== 'ready') throw new AppError('not_found', 'There is no downloaded update to install yet.');
    this.o.logger.info('updates: restarting to install', { version: this.state.version });
    await this.o.updater.quitAndInstall();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.stop();
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    this.timer = this.o.clock.setTimeout(() => {
      void this.check().finally(() => this.schedule(this.o.intervalMs ?? DAY_MS));
    }, ms);
  }

  private apply(e: UpdaterEvent): void {
    if (this.disposed) return;
    // A downloaded update stays on offer: a later failed check must not hide the button.
    if (this.state.state === 'ready' && e.type !== 'downloaded') return;
    switch (e.type) {
      case 'checking':
        return this.set({ state: 'checking' });
      case 'available':
        this.pendingVersion = e.version;
        return this.set({ state: 'downloading', version: e.version, percent: 0 });
      case 'progress':
        return this.set({ state: 'downloading', version: this.pendingVersion, percent: Math.max(0, Math.min(100, Number.isFinite(e.percent) ? e.percent : 0)) });
      case 'not-available':
        return this.set({ state: 'idle', lastCheckedAt: this.lastCheckedAt });
      case 'downloaded':
        this.o.logger.info('updates: downloaded', { version: e.version });
        return this.set({ state: 'ready', version: e.version });
      case 'error':
        // Offline, GitHub down, a bad signature: worth a log line, not an interruption.
        this.o.logger.warn('updates: check failed', { message: e.message });
        return this.set({ state: 'error', message: e.message.slice(0, 500) });
    }
  }

  private set(next: UpdateStatus): void {
    this.state = next;
    this.o.events.emit('updates.status', next);
  }
}
