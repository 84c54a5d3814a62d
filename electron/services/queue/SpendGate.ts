import type { JobRow } from './JobStore';

/** What the queue asks before starting a job and tells once it is over. */
export interface StartGate {
  /** null: may start now; a time: not before then; Infinity: not until something in flight finishes. */
  wait(row: JobRow, now: number): number | null;
  started(row: JobRow, now: number): void;
  /** `costUsd` undefined: nothing was billed (an error, a 429, a cancel before the answer). */
  finished(row: JobRow, now: number, costUsd: number | undefined): void;
}

/** Google's spend caps are per rolling 10 minutes (billing tiers $10 / $50 / $200). */
export const SPEND_WINDOW_MS = 10 * 60_000;

/**
 * Keeps the estimated spend of any rolling 10 minutes under the user's limit, so the queue
 * never runs into Google's spend cap (a 429 even under the rate limits). Jobs in flight count
 * at their estimate until their real cost is known. Time comes from the caller: tests drive it.
 */
export class SpendGate implements StartGate {
  private spent: Array<{ at: number; usd: number }> = [];
  private readonly reserved = new Map<string, number>();

  constructor(
    private readonly limitUsd: () => number | null,
    private readonly estimateUsd: (row: JobRow) => number,
    private readonly windowMs = SPEND_WINDOW_MS,
  ) {}

  wait(row: JobRow, now: number): number | null {
    const limit = this.limitUsd();
    if (limit === null) return null;
    this.prune(now);
    const cost = this.estimateUsd(row);
    const inFlight = [...this.reserved.values()].reduce((a, b) => a + b, 0);
    let total = this.spent.reduce((a, s) => a + s.usd, 0) + inFlight;
    if (total + cost <= limit) return null;
    // One request dearer than the whole limit can never fit: let it run alone rather than never.
    if (total === 0) return null;
    // Wait for the oldest spend to leave the window until this one fits.
    for (const s of this.spent) {
      total -= s.usd;
      if (total + cost <= limit || total <= 0) return s.at + this.windowMs;
    }
    return Infinity;
  }

  started(row: JobRow, _now: number): void {
    if (this.limitUsd() === null) return;
    this.reserved.set(row.id, this.estimateUsd(row));
  }

  finished(row: JobRow, now: number, costUsd: number | undefined): void {
    this.reserved.delete(row.id);
    if (costUsd !== undefined && costUsd > 0) this.spent.push({ at: now, usd: costUsd });
  }

  /** Estimated USD spent in the current window (for status and tests). */
  spentInWindow(now: number): number {
    this.prune(now);
    return this.spent.reduce((a, s) => a + s.usd, 0);
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.spent.length && this.spent[0]!.at <= cutoff) this.spent.shift();
  }
}
