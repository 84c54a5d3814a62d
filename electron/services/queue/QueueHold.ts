/**
 * The whole-queue pause for a reason only the user can clear (issue 17 §4): a 429 saying the
 * prepaid credit is used up or the billing account reached its tier's cap. Retrying those costs a
 * refused call each and cannot succeed, so the queue stops and the window shows why (the hold
 * travels on `queue.status`) until the user resumes it. The hold is a row in `queue_hold`
 * (migration 0125): a restart keeps the queue paused instead of sending every waiting job into
 * the same refusal.
 */
import { QueueHoldSchema, type QueueHold as Hold } from '../../../shared/domain/jobs';
import { cached, type Db } from '../db/db';
import type { AppError } from '../errors';
import type { Logger } from '../logger';

export class QueueHold {
  private held: Hold | null;

  constructor(private readonly db: Db, private readonly logger: Logger) {
    this.held = this.load();
  }

  get current(): Hold | null {
    return this.held;
  }

  /** Records why; the first reason stands while held (the jobs behind it hear the same 429). */
  hold(e: AppError, now: number): void {
    if (this.held || !e.extra.quotaReason) return;
    this.held = { reason: e.extra.quotaReason, message: e.message, since: now };
    cached(this.db, 'INSERT OR REPLACE INTO queue_hold (id, reason, message, since) VALUES (1, ?, ?, ?)').run(this.held.reason, this.held.message, this.held.since);
    this.logger.warn('queue: paused by Gemini billing', { reason: e.extra.quotaReason });
  }

  clear(): void {
    if (!this.held) return;
    this.held = null;
    cached(this.db, 'DELETE FROM queue_hold').run();
  }

  /** A row that does not read as a hold (edited by hand, damaged) is dropped: the queue runs rather than stays stuck. */
  private load(): Hold | null {
    const row = this.db.prepare('SELECT reason, message, since FROM queue_hold WHERE id = 1').get();
    if (!row) return null;
    const parsed = QueueHoldSchema.safeParse(row);
    if (parsed.success) return parsed.data;
    this.logger.warn('queue: a stored billing pause cannot be read; the queue runs', { issue: parsed.error.issues[0]?.message });
    this.db.prepare('DELETE FROM queue_hold').run();
    return null;
  }
}
