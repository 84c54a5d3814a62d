/**
 * Small, pure helpers the features share for turning data into words.
 * Errors cross IPC as data; this is the one place that makes sure people read a sentence,
 * never `[object Object]` or an empty line.
 */
import type { IpcError } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/errors';
import type { ResponseModalities } from '../../../shared/domain/vocabulary';

const FALLBACK_MESSAGES: Partial<Record<ErrorCode, string>> = {
  no_key: 'Connect a Gemini API key first.',
  invalid_key: 'Gemini did not accept that API key.',
  key_store_unavailable: 'There is no safe place to store a key on this system.',
  quota: 'Gemini’s quota for this key is used up for now. Try again later.',
  network: 'Could not reach Gemini. Check your connection.',
  server: 'Gemini had a problem on its side. Try again in a moment.',
  prompt_blocked: 'Gemini declined this prompt.',
  image_blocked: 'Gemini generated an image but withheld it.',
  no_image: 'Gemini answered without an image.',
  not_found: 'That item no longer exists.',
};

/** A readable sentence for an `ok: false` result, whatever shape the message arrived in. */
export function errorText(err: Pick<IpcError, 'code' | 'message'>): string {
  const raw: unknown = err.message;
  if (typeof raw === 'string' && raw.trim() !== '') return raw;
  if (raw instanceof Error && raw.message) return raw.message;
  return FALLBACK_MESSAGES[err.code] ?? `Something went wrong (${String(err.code ?? 'unknown error')}).`;
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 850 → "0.9 s", 12_400 → "12.4 s", 95_000 → "1 min 35 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/*
 * Money. Prices are estimates in USD and a single image costs a few cents, so there are three
 * ways to show an amount; pick by what the figure is:
 * - formatUsdTotal: sums (a day, a month, a budget, a batch): always cents.
 * - formatUsdPrecise: one request's cost, with the digits a few cents need.
 * - formatUsdCompact: a short "≈" next to a job or a generate button.
 */
const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd3 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 3, maximumFractionDigits: 3 });
const usd4 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** Totals: "$12.40". Amounts under a cent that are not zero read "<$0.01" rather than a false "$0.00". */
export function formatUsdTotal(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n > 0 && n < 0.005) return '<$0.01';
  return usd2.format(n);
}

/** One request's cost: "$0.067", "$0.0042". */
export function formatUsdPrecise(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n === 0) return usd2.format(0);
  if (Math.abs(n) < 0.01) return usd4.format(n);
  if (Math.abs(n) < 1) return usd3.format(n);
  return usd2.format(n);
}

/** 0.1342 → "$0.134", 0.004 → "$0.004", 0 → "$0", 12.5 → "$12.50". Estimates, so never more precise than that. */
export function formatUsdCompact(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (Math.abs(usd) < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A wait shown while it counts down: "8 s", "2 min 05 s", "1 h 12 min". */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "just now", "4 min ago", "3 h ago", "yesterday", "Nov 24". */
export function formatRelative(epochMs: number, now: number): string {
  const s = Math.max(0, (now - epochMs) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  const then = new Date(epochMs);
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (then.toDateString() === yesterday.toDateString()) return 'yesterday';
  const sameYear = then.getFullYear() === new Date(now).getFullYear();
  return then.toLocaleDateString(undefined, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' });
}

/** The wall-clock time of an instant, "09:00"; with the day when it is not today. */
export function formatClock(epochMs: number, now = Date.now()): string {
  const d = new Date(epochMs);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === new Date(now).toDateString()) return time;
  return `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

/** What the user asked Gemini to answer with (responseModalities), in their words. */
export const MODALITY_LABELS: Record<ResponseModalities, string> = {
  TEXT_IMAGE: 'Image and text',
  IMAGE: 'Image only',
  TEXT: 'Text only',
};
