import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/**
 * Google API keys start with "AIza" followed by 35 URL-safe characters. Anything shaped like one
 * is masked before a line is written, in case an error message or a URL ever carries a key.
 */
const KEY_SHAPE = /AIza[0-9A-Za-z_-]{20,}/g;

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(KEY_SHAPE, 'AIza…[redacted]');
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

/** A field longer than this is cut: a 10 MB route name from the window once wrote 105 MB of log. */
export const MAX_FIELD_CHARS = 4096;

export interface LogLimits {
  /** main.log is rotated to main.1.log … once it passes this size. */
  maxFileBytes: number;
  /** How many rotated files are kept besides main.log. */
  keepFiles: number;
}

const DEFAULT_LIMITS: LogLimits = { maxFileBytes: 5 * 1024 * 1024, keepFiles: 3 };

function capField(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…[${value.length - MAX_FIELD_CHARS} more characters]` : value;
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => capField(v, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, 50).map(([k, v]) => [k.slice(0, 100), capField(v, depth + 1)]));
}

function rotate(file: string, keep: number): void {
  for (let i = keep; i >= 1; i -= 1) {
    const from = i === 1 ? file : file.replace(/\.log$/, `.${i - 1}.log`);
    const to = file.replace(/\.log$/, `.${i}.log`);
    if (fs.existsSync(from)) fs.renameSync(from, to);
  }
}

/**
 * Appends JSON lines to `<dir>/main.log`, rotating by size. `secrets()` lists strings that must
 * never be written (the current API key), so a stray key in an error message is masked too.
 * Every field is capped, so no caller (and no input from the window) can flood the disk.
 */
export function createFileLogger(dir: string, secrets: () => Iterable<string> = () => [], limits: LogLimits = DEFAULT_LIMITS): Logger {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.log');
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const write = (level: LogLevel, msg: string, meta?: Record<string, unknown>) => {
    const line = redact(JSON.stringify(capField({ t: new Date().toISOString(), level, msg, ...meta })), secrets()) + '\n';
    if (size > 0 && size + line.length > limits.maxFileBytes) {
      rotate(file, limits.keepFiles);
      size = 0;
    }
    fs.appendFileSync(file, line);
    size += Buffer.byteLength(line);
  };
  return {
    debug: (m, meta) => write('debug', m, meta),
    info: (m, meta) => write('info', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    error: (m, meta) => write('error', m, meta),
  };
}

export function errorMeta(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, name: err.name };
  return { error: String(err) };
}
