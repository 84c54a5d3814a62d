import type { WaitReason } from '../../../shared/ipc/contract';
import type { QueuedRow } from './JobStore';

/** A queued job as the scheduler holds it in memory: its place in line, never its request. */
export interface Waiting {
  id: string;
  modelId: string;
  priority: number;
  seq: number;
  /** Arrival order, for jobs of equal priority and seq. */
  ord: number;
  /** Its own earliest start (backoff, Retry-After, an offline probe); null when only the queue holds it back. */
  notBefore: number | null;
  /** What the row says now, so a pass writes only what changed. */
  wait: WaitReason | null;
  until: number | null;
}

/** Best first: higher priority, then lower seq, then arrival. */
function compare(a: Waiting, b: Waiting): number {
  return b.priority - a.priority || a.seq - b.seq || a.ord - b.ord;
}

/**
 * The queued jobs, one sorted line per model, kept in step with the table by the queue. A pass
 * of the scheduler looks at each model's head and a short stretch behind it, so its cost does
 * not grow with the length of the line (the table is read in full once, at start).
 */
export class WaitingLine {
  private readonly byModel = new Map<string, Waiting[]>();
  private readonly byId = new Map<string, Waiting>();
  /** Entries with a notBefore, so a pass finds what became due without walking the line. */
  private readonly delayed = new Set<Waiting>();
  private ord = 0;

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  add(row: QueuedRow, notBefore: number | null = null): Waiting {
    this.remove(row.id);
    const e: Waiting = {
      id: row.id,
      modelId: row.model_id!,
      priority: row.priority,
      seq: row.seq,
      ord: this.ord++,
      notBefore,
      wait: row.wait_reason,
      until: row.next_attempt_at,
    };
    let line = this.byModel.get(e.modelId);
    if (!line) this.byModel.set(e.modelId, (line = []));
    line.splice(this.upperBound(line, e), 0, e);
    this.byId.set(e.id, e);
    if (notBefore !== null) this.delayed.add(e);
    return e;
  }

  remove(id: string): Waiting | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    this.byId.delete(id);
    this.delayed.delete(e);
    const line = this.byModel.get(e.modelId)!;
    // Arrival order makes every entry's key unique, so the lower bound is the entry itself.
    const i = this.lowerBound(line, e);
    if (line[i] === e) line.splice(i, 1);
    else line.splice(line.indexOf(e), 1);
    if (line.length === 0) this.byModel.delete(e.modelId);
    return e;
  }

  /** Each model's line, best first. */
  models(): IterableIterator<[string, readonly Waiting[]]> {
    return this.byModel.entries();
  }

  /** The best entry of a model that is not held by its own delay. */
  head(modelId: string): Waiting | null {
    for (const e of this.byModel.get(modelId) ?? []) if (e.notBefore === null) return e;
    return null;
  }

  /** Frees entries whose own delay has passed; returns when the next one ends (Infinity: none). */
  releaseDue(now: number): number {
    let next = Infinity;
    for (const e of this.delayed) {
      if (e.notBefore! <= now) {
        e.notBefore = null;
        this.delayed.delete(e);
      } else next = Math.min(next, e.notBefore!);
    }
    return next;
  }

  /** Frees every delayed entry that `which` picks (the connection came back). */
  release(which: (e: Waiting) => boolean): void {
    for (const e of this.delayed) {
      if (which(e)) {
        e.notBefore = null;
        this.delayed.delete(e);
      }
    }
  }

  private upperBound(line: readonly Waiting[], e: Waiting): number {
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(line[mid]!, e) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(line: readonly Waiting[], e: Waiting): number {
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(line[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
