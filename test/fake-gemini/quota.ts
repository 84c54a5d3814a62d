/**
 * Per-model quota enforcement for generateContent (wire §6.2: limits are per project and per
 * model, in RPM, RPD and — for image models — IPM; the client sees 429 RESOURCE_EXHAUSTED with
 * QuotaFailure + RetryInfo, §3.2). The fake uses sliding windows so `retryDelay` can be exact:
 * a client that waits exactly that long and retries gets in, which is what a queue that
 * honours RetryInfo must be tested against.
 *
 * Counting rules (documented in README):
 * - a request counts when it is admitted (passed validation, not flapped, within quota);
 *   quota-rejected and flapped requests never count;
 * - IPM applies only to requests that plan an image. Such a request needs room for one image
 *   (the real server cannot know the count in advance either) and reserves it on admission, so
 *   concurrent requests cannot overshoot while still running; when the answer is built the
 *   reservation becomes the number of final images actually returned (0 for a block, an error
 *   or an abort), counted from that moment for one window;
 * - RPD uses a sliding window of 1440 × windowMs, i.e. a "day" at the same time compression
 *   (the real service resets at midnight Pacific instead).
 */

const stripPrefix = (id: string): string => id.replace(/^models\//, '');

export interface QuotaLimits {
  requestsPerMinute?: number;
  imagesPerMinute?: number;
  requestsPerDay?: number;
  /** Length of the "minute" in ms (default 60 000); benchmarks compress time with small windows. */
  windowMs?: number;
}

export interface QuotaStats {
  /** Requests admitted past the quota stage (whatever the scripted outcome then did). */
  accepted: number;
  /** Requests the quota stage answered with 429 (scripted 429 outcomes are not counted here). */
  rejected429: number;
  /** Requests failed by a 5xx flap (not counted against quotas). */
  flapped: number;
  /** Admission times (ms since epoch), ascending. */
  acceptedAt: number[];
}

export type QuotaKind = 'rpm' | 'ipm' | 'rpd';

/** One exceeded limit, in the vocabulary of the §3.2 QuotaFailure violation. */
export interface QuotaViolation {
  kind: QuotaKind;
  quotaId: string;
  quotaMetric: string;
  limit: number;
  /** Exact ms until the window frees enough room for this request. */
  retryDelayMs: number;
}

/** quotaId / quotaMetric per limit (paid-tier ids of §3.2, without the -FreeTier suffix). */
export const QUOTA_IDS: Record<QuotaKind, { quotaId: string; quotaMetric: string }> = {
  rpm: {
    quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
    quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
  },
  ipm: {
    quotaId: 'GenerateImagesPerMinutePerProjectPerModel',
    quotaMetric: 'generativelanguage.googleapis.com/generate_content_images',
  },
  rpd: {
    quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
    quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests_per_day',
  },
};

export const DEFAULT_WINDOW_MS = 60_000;
const DAY_IN_MINUTES = 1440;

interface ImageEvent {
  at: number;
  count: number;
  /** Reserved by a request still running: counts now, and expires no earlier than a window after it settles. */
  pending: boolean;
}

interface ModelBook {
  stats: QuotaStats;
  /** Admission times of requests, ascending; pruned beyond the longest window. */
  requests: number[];
  images: ImageEvent[];
}

/** Lets the handler settle the image reservation of an admitted request once its answer is known. */
export interface Admission {
  settleImages(count: number): void;
}

export function quotaProblem(v: unknown): string | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return 'quota must be an object or null';
  const o = v as Record<string, unknown>;
  for (const k of ['requestsPerMinute', 'imagesPerMinute', 'requestsPerDay'] as const) {
    const n = o[k];
    if (n !== undefined && n !== null && !(typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
      return `${k} must be a non-negative integer`;
    }
  }
  const w = o.windowMs;
  if (w !== undefined && w !== null && !(typeof w === 'number' && Number.isFinite(w) && w > 0)) {
    return 'windowMs must be a positive number';
  }
  return undefined;
}

export class QuotaBook {
  constructor(private readonly now: () => number = Date.now) {}

  private readonly limits = new Map<string, QuotaLimits>();
  private readonly books = new Map<string, ModelBook>();

  set(model: string, q: QuotaLimits | null): void {
    const problem = quotaProblem(q);
    if (problem) throw new TypeError(problem);
    const id = stripPrefix(model);
    if (q === null) this.limits.delete(id);
    else this.limits.set(id, { ...q });
  }

  limitsOf(model: string): QuotaLimits | undefined {
    return this.limits.get(stripPrefix(model));
  }

  /**
   * Which limits admitting one more request now would break, longest retry first (that one's
   * delay is what RetryInfo must carry for a retry to succeed). Empty → admit.
   */
  check(modelId: string, now: number, wantsImage: boolean): QuotaViolation[] {
    const model = stripPrefix(modelId);
    const q = this.limits.get(model);
    if (!q) return [];
    const book = this.book(model);
    const win = q.windowMs ?? DEFAULT_WINDOW_MS;
    const out: QuotaViolation[] = [];
    const push = (kind: QuotaKind, limit: number, retryDelayMs: number | undefined): void => {
      if (retryDelayMs !== undefined) out.push({ kind, ...QUOTA_IDS[kind], limit, retryDelayMs });
    };
    if (q.requestsPerDay !== undefined) push('rpd', q.requestsPerDay, requestDelay(book.requests, now, win * DAY_IN_MINUTES, q.requestsPerDay));
    if (q.requestsPerMinute !== undefined) push('rpm', q.requestsPerMinute, requestDelay(book.requests, now, win, q.requestsPerMinute));
    if (wantsImage && q.imagesPerMinute !== undefined) push('ipm', q.imagesPerMinute, imageDelay(book.images, now, win, q.imagesPerMinute));
    return out.sort((a, b) => b.retryDelayMs - a.retryDelayMs);
  }

  admit(modelId: string, now: number, wantsImage: boolean): Admission {
    const model = stripPrefix(modelId);
    const book = this.book(model);
    book.stats.accepted++;
    book.stats.acceptedAt.push(now);
    book.requests.push(now);
    this.prune(model, book, now);
    if (!wantsImage) return { settleImages: () => undefined };
    const ev: ImageEvent = { at: now, count: 1, pending: true };
    book.images.push(ev);
    let settled = false;
    return {
      settleImages: (count: number): void => {
        if (settled) return;
        settled = true;
        ev.count = count;
        ev.at = this.now();
        ev.pending = false;
      },
    };
  }

  noteRejected(model: string): void {
    this.book(stripPrefix(model)).stats.rejected429++;
  }

  noteFlapped(model: string): void {
    this.book(stripPrefix(model)).stats.flapped++;
  }

  /** One model's counters, or the sum over all models when `model` is omitted. */
  stats(model?: string): QuotaStats {
    if (model !== undefined) return copy(this.books.get(stripPrefix(model))?.stats);
    const total = emptyStats();
    for (const b of this.books.values()) {
      total.accepted += b.stats.accepted;
      total.rejected429 += b.stats.rejected429;
      total.flapped += b.stats.flapped;
      total.acceptedAt.push(...b.stats.acceptedAt);
    }
    total.acceptedAt.sort((a, b) => a - b);
    return total;
  }

  /** Models that have seen generateContent traffic since the last reset. */
  models(): string[] {
    return [...this.books.keys()];
  }

  reset(): void {
    this.limits.clear();
    this.books.clear();
  }

  private book(model: string): ModelBook {
    let b = this.books.get(model);
    if (!b) {
      b = { stats: emptyStats(), requests: [], images: [] };
      this.books.set(model, b);
    }
    return b;
  }

  /** Drops history no window can see any more, so long benchmarks stay O(window) per check. */
  private prune(model: string, book: ModelBook, now: number): void {
    const win = this.limits.get(model)?.windowMs ?? DEFAULT_WINDOW_MS;
    const horizon = now - win * DAY_IN_MINUTES;
    let i = 0;
    while (i < book.requests.length && book.requests[i]! <= horizon) i++;
    if (i > 0) book.requests.splice(0, i);
    book.images = book.images.filter((e) => e.pending || e.at > now - win);
  }
}

function emptyStats(): QuotaStats {
  return { accepted: 0, rejected429: 0, flapped: 0, acceptedAt: [] };
}

function copy(s: QuotaStats | undefined): QuotaStats {
  return s ? { ...s, acceptedAt: [...s.acceptedAt] } : emptyStats();
}

/**
 * Sliding window over request times: if `inWindow + 1 > limit`, the oldest
 * `inWindow + 1 - limit` entries must leave first; the last of them leaves at `t + win`.
 * Returns undefined when the request fits.
 */
function requestDelay(times: readonly number[], now: number, win: number, limit: number): number | undefined {
  const inWindow = times.filter((t) => t > now - win);
  const excess = inWindow.length + 1 - limit;
  if (excess <= 0) return undefined;
  // limit 0 (the §3.2 free-tier case): no amount of waiting helps; say one window like the real 429.
  if (excess > inWindow.length) return win;
  return inWindow[excess - 1]! + win - now;
}

/** Like requestDelay but weighted by image counts; running reservations expire last. */
function imageDelay(events: readonly ImageEvent[], now: number, win: number, limit: number): number | undefined {
  const live = events.filter((e) => e.pending || e.at > now - win);
  const used = live.reduce((n, e) => n + e.count, 0);
  let toFree = used + 1 - limit;
  if (toFree <= 0) return undefined;
  const ordered = [...live].sort((a, b) => (a.pending ? Infinity : a.at) - (b.pending ? Infinity : b.at));
  for (const e of ordered) {
    toFree -= e.count;
    // A still-running request frees its image no earlier than one window after it finishes.
    if (toFree <= 0) return e.pending ? win : e.at + win - now;
  }
  return win;
}
