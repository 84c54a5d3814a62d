/**
 * Which reason a waiting job shows, and until when. A model-wide wait (the queue paused, offline,
 * a rate limit, the spend limit) has one end time; only the first job waiting on it carries the
 * countdown, so a long line is not rewritten on every pass. Jobs further back than the part a
 * person looks at keep the reason they were given until they move up, so a pass costs the same
 * with 20 jobs waiting or 20,000.
 */
import type { WaitReason } from '../../../shared/ipc/contract';
import type { Slot } from './RateLimiter';
import type { Waiting } from './WaitingLine';

/** How many jobs behind each model's head keep an exact wait reason. */
export const DETAILED_WAITING = 100;

/** Why a model's line waits in this pass; `until` null when its end is not known. */
export interface LineWait {
  wait: WaitReason;
  until: number | null;
}

export interface LineFacts {
  /** Paused by the user or by a billing hold. */
  paused: boolean;
  /** The next offline probe, when the queue waits for one; null otherwise. */
  probeAt: number | null;
  /** Whether the in-flight cap leaves room for another request. */
  room: boolean;
  /** The model's quota; asked only when nothing before it explains the wait. */
  slot: () => Slot;
  /** The spend limit held the best job back this pass: until then, or Infinity until a request in flight ends. */
  spendWaitUntil: number | null;
}

/** The reason the jobs of one model wait, first match wins. */
export function lineWait(f: LineFacts): LineWait {
  if (f.paused) return { wait: 'queue_paused', until: null };
  if (f.probeAt !== null) return { wait: 'offline', until: f.probeAt };
  if (!f.room) return { wait: 'capacity', until: null };
  const slot = f.slot();
  if (slot.reason) return { wait: slot.reason, until: slot.at };
  // Infinity: until a request in flight finishes (its end pumps the queue).
  if (f.spendWaitUntil !== null) return { wait: 'spend_limit', until: Number.isFinite(f.spendWaitUntil) ? f.spendWaitUntil : null };
  return { wait: 'capacity', until: null };
}

/**
 * Gives the first jobs of a model's line the reason they wait, updating the entries in place, and
 * calls `changed` for each whose reason or end moved (the caller writes and emits it).
 */
export function assignWaits(entries: readonly Waiting[], line: LineWait, changed: (e: Waiting) => void): void {
  let first = true;
  for (let i = 0; i < entries.length && i < DETAILED_WAITING; i++) {
    const e = entries[i]!;
    if (e.notBefore !== null) continue; // its own wait (backoff, Retry-After) stands
    // A daily limit or an offline spell ends for all at once, so every job shows when.
    const until = first || line.wait === 'daily_limit' || line.wait === 'offline' ? line.until : null;
    first = false;
    if (e.wait === line.wait && e.until === until) continue;
    e.wait = line.wait;
    e.until = until;
    changed(e);
  }
}
