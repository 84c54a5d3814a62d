/**
 * The whole-queue pause for a reason only the user can clear (issue 17 §4): a 429 saying the
 * prepaid credit is used up or the billing account reached its tier's cap. Retrying those costs a
 * refused call each and cannot succeed, so the queue stops and the window shows why (the hold
 * travels on `queue.status`) until the user resumes it.
 */
import type { QueueHold as Hold } from '../../../shared/ipc/contract';
import type { AppError } from '../errors';
import type { Logger } from '../logger';

export class QueueHold {
  private held: Hold | null = null;

  constructor(private readonly logger: Logger) {}

  get current(): Hold | null {
    return this.held;
  }

  /** Records why; the first reason stands while held (the jobs behind it hear the same 429). */
  hold(e: AppError, now: number): void {
    if (this.held || !e.extra.quotaReason) return;
    this.held = { reason: e.extra.quotaReason, message: e.message, since: now };
    this.logger.warn('queue: paused by Gemini billing', { reason: e.extra.quotaReason });
  }

  clear(): void {
    this.held = null;
  }
}
