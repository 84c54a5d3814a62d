import type { WaitReason } from '../../../shared/ipc/contract';

export interface RateLimits {
  requestsPerMinute: number;
  imagesPerMinute: number | null;
  requestsPerDay: number | null;
}

/** One request counted against the window; its time moves to when it actually went out. */
export interface Permit {
  at: number;
}

export interface Slot {
  /** Earliest time a request may start. */
  at: number;
  reason: Extract<WaitReason, 'rate_limit' | 'quota_retry' | 'daily_limit'> | null;
}

/** Google resets daily quotas at midnight Pacific time (rate-limits docs). */
const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function pacificParts(ms: number): { day: string; sinceMidnightMs: number } {
  const p = Object.fromEntries(PACIFIC.formatToParts(ms).map((x) => [x.type, x.value]));
  const sinceMidnightMs = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (ms % 1000);
  return { day: `${p.year}-${p.month}-${p.day}`, sinceMidnightMs };
}

/**
 * Keeps one model within its quota the way Google counts it: a sliding window of requests (and
 * images) per minute, and requests per Pacific day. After a 429 it stops the model until the
 * server's RetryInfo delay has passed and lowers its rate to what the server actually accepted,
 * then creeps back up once a full window has passed without another 429.
 */
export class RateLimiter {
  /** Requests accepted (or still pending) within the window, oldest first. */
  private starts: Permit[] = [];
  private images: Array<{ at: number; n: number }> = [];
  private day = { key: '', count: 0 };
  private last429At = -Infinity;
  private blockedUntil = 0;
  effectiveRpm: number;

  constructor(
    private limits: RateLimits,
    /** 60 s in the app; benchmarks compress it. */
    private readonly windowMs = 60_000,
    /**
     * The server counts a request when it arrives, a little after we send it, and that delay
     * varies; 1 % of the window absorbs the jitter at a cost of at most 1 % of the rate.
     */
    private readonly marginMs = windowMs / 100,
  ) {
    this.effectiveRpm = limits.requestsPerMinute;
  }

  setLimits(limits: RateLimits): void {
    const wasAtCeiling = this.effectiveRpm >= this.limits.requestsPerMinute;
    this.limits = limits;
    this.effectiveRpm = wasAtCeiling ? limits.requestsPerMinute : Math.min(this.effectiveRpm, limits.requestsPerMinute);
  }

  get configuredRpm(): number {
    return this.limits.requestsPerMinute;
  }

  nextSlot(now: number): Slot {
    this.prune(now);
    if (this.blockedUntil > now) return { at: this.blockedUntil, reason: 'quota_retry' };
    const { requestsPerDay, imagesPerMinute } = this.limits;
    if (requestsPerDay !== null && this.dayCount(now) >= requestsPerDay) {
      return { at: now + (24 * 3600_000 - pacificParts(now).sinceMidnightMs) + 1000, reason: 'daily_limit' };
    }
    let at = now;
    const rpm = Math.max(1, Math.floor(this.effectiveRpm));
    if (this.starts.length >= rpm) at = Math.max(at, this.starts[this.starts.length - rpm]!.at + this.windowMs + this.marginMs);
    if (imagesPerMinute !== null) {
      let total = this.images.reduce((sum, x) => sum + x.n, 0);
      // Expect one image per request: wait until enough images have left the window.
      for (const x of this.images) {
        if (total + 1 <= imagesPerMinute) break;
        total -= x.n;
        at = Math.max(at, x.at + this.windowMs + this.marginMs);
      }
    }
    return { at, reason: at > now ? 'rate_limit' : null };
  }

  /** Records a request that starts now. */
  acquire(now: number): Permit {
    const permit = { at: now };
    this.starts.push(permit);
    this.dayCount(now);
    this.day.count += 1;
    return permit;
  }

  /** The request left now (after building it, reading reference images): count it from here. */
  markSent(permit: Permit, now: number): void {
    if (now <= permit.at) return;
    permit.at = now;
    // Only this permit moved, and only later: slide it towards the end (it is near there) rather
    // than sort a window that holds thousands at a high rate.
    const s = this.starts;
    let i = s.lastIndexOf(permit);
    if (i < 0) return;
    while (i + 1 < s.length && s[i + 1]!.at < permit.at) {
      s[i] = s[i + 1]!;
      i += 1;
    }
    s[i] = permit;
  }

  onSuccess(now: number, images: number): void {
    if (images > 0) this.images.push({ at: now, n: images });
    // Additive increase, only once a whole window has passed without a 429.
    if (now - this.last429At >= this.windowMs && this.effectiveRpm < this.limits.requestsPerMinute) {
      this.effectiveRpm = Math.min(this.limits.requestsPerMinute, this.effectiveRpm + 1);
    }
  }

  /** The server refused this request: it did not count, and the model waits. */
  on429(now: number, permit: Permit, retryAfterMs: number | undefined): void {
    this.remove(permit);
    this.day.count = Math.max(0, this.day.count - 1);
    this.last429At = now;
    this.prune(now);
    // What the server accepted in the last window estimates the real limit; when that is little
    // (the quota went to another client of the project), halve instead so recovery stays quick.
    this.effectiveRpm = Math.max(1, Math.min(this.effectiveRpm - 1, Math.max(this.starts.length, Math.floor(this.effectiveRpm / 2))));
    this.blockedUntil = Math.max(this.blockedUntil, now + (retryAfterMs ?? this.windowMs / 4));
  }

  /** A request that never reached the server (network error, cancelled before sending) is not counted. */
  forget(permit: Permit): void {
    this.remove(permit);
  }

  private remove(permit: Permit): void {
    const i = this.starts.indexOf(permit);
    if (i >= 0) this.starts.splice(i, 1);
  }

  usedInWindow(now: number): number {
    this.prune(now);
    return this.starts.length;
  }

  blockedUntilAt(now: number): number | null {
    return this.blockedUntil > now ? this.blockedUntil : null;
  }

  /** The Pacific day of `dayKey.from`, valid until `until` (formatToParts costs more than the rest of a start). */
  private dayKey = { key: '', from: Infinity, until: -Infinity };

  private dayCount(now: number): number {
    if (now < this.dayKey.from || now >= this.dayKey.until) {
      const p = pacificParts(now);
      // Wall-clock time to midnight is real time to midnight unless a DST change (at 2 AM) lies
      // between, which moves it by an hour at most: more than 2 h off, the day holds for the next
      // hour; after 10 PM, exactly until midnight.
      const toMidnight = 24 * 3600_000 - p.sinceMidnightMs;
      this.dayKey = { key: p.day, from: now, until: now + (toMidnight > 2 * 3600_000 ? 3600_000 : toMidnight) };
    }
    const key = this.dayKey.key;
    if (key !== this.day.key) this.day = { key, count: 0 };
    return this.day.count;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.starts.length && this.starts[0]!.at <= cutoff) this.starts.shift();
    while (this.images.length && this.images[0]!.at <= cutoff) this.images.shift();
  }
}
