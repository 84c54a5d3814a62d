/**
 * Reads the content credentials of every image stored before Atelier read them (a library from an
 * older version), so the credentials filter and the facts sheet know about all of them, not only
 * the images someone happened to open.
 *
 * Images stored now are read as they are stored (`CredentialRecords.readAndRecord`), so this pass
 * runs once at start and when the user resumes it, never on every new image. Its state is
 * `content_credentials` itself: a row missing there is an image still to read, whatever happened
 * to the last run.
 */
import type { BackgroundProgress } from '../../../shared/domain';
import { BackgroundPass } from '../backgroundPass';
import type { Clock } from '../clock';
import { cached, type Db } from '../db/db';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Library } from './Library';

interface Unread {
  sha256: string;
  mime: string;
}

export interface CredentialsPassOptions {
  /** Starts the pass on construction (tests that drive it themselves turn it off). */
  autoStart?: boolean;
  /** Images in the helper at once: one, so the pass never competes with the queue's own pixel work. */
  concurrency?: number;
  /** Images asked of the database at a time. */
  chunk?: number;
  /** How long to stay out of the way of the queue, in ms (its `busyFor`): results come first. */
  busyFor?: () => number;
  clock?: Clock;
  logger?: Logger;
}

export class CredentialsPass {
  private readonly pass: BackgroundPass<Unread>;

  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly events: EventBus,
    o: CredentialsPassOptions = {},
  ) {
    const chunk = o.chunk ?? 32;
    this.pass = new BackgroundPass<Unread>({
      concurrency: o.concurrency ?? 1,
      ...(o.busyFor ? { busyFor: o.busyFor } : {}),
      ...(o.clock ? { clock: o.clock } : {}),
      // By hash, after a cursor: an image whose reading failed (its file is missing) is passed over
      // for the rest of this run instead of being asked for again; the next start tries it again.
      chunks: () => {
        let after = '';
        const next = db.prepare(
          `SELECT a.sha256, MIN(a.mime) AS mime FROM assets a LEFT JOIN content_credentials c ON c.sha256 = a.sha256
           WHERE c.sha256 IS NULL AND a.sha256 > ? GROUP BY a.sha256 ORDER BY a.sha256 LIMIT ?`,
        );
        return () => {
          const rows = next.all(after, chunk) as Unread[];
          if (!rows.length) return null;
          after = rows[rows.length - 1]!.sha256;
          return rows;
        };
      },
      one: async ({ sha256, mime }) => {
        await this.library.credentials.readAndRecord(sha256, { path: this.library.store.originalPath(sha256, mime) }, 'reading an older image’s content credentials');
      },
      report: () => this.events.emit('credentials.progress', this.progress()),
      onError: (err) => o.logger?.warn('credentials: the background pass stopped', { message: err instanceof Error ? err.message : String(err) }),
    });
    if (o.autoStart !== false) this.pass.resume(false);
  }

  progress(): BackgroundProgress {
    const total = cached(this.db, 'SELECT COUNT(DISTINCT sha256) FROM assets').pluck().get() as number;
    const unread = cached(this.db, 'SELECT COUNT(DISTINCT a.sha256) FROM assets a LEFT JOIN content_credentials c ON c.sha256 = a.sha256 WHERE c.sha256 IS NULL').pluck().get() as number;
    return { done: total - unread, total, state: this.pass.state };
  }

  pause(): BackgroundProgress {
    this.pass.pause();
    return this.progress();
  }

  resume(byUser = true): BackgroundProgress {
    this.pass.resume(byUser);
    return this.progress();
  }

  whenIdle(): Promise<void> {
    return this.pass.whenIdle();
  }

  dispose(): Promise<void> {
    return this.pass.dispose();
  }
}
