/**
 * Small, pure helpers the features share for turning data into words.
 * Errors cross IPC as data; this is the one place that makes sure people read a sentence,
 * never `[object Object]` or an empty line.
 */
import type { IpcError } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/errors';

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
