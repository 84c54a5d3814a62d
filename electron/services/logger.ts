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
 * Anything shaped like a Google API key is masked before a line is written, in case an error
 * message or a URL ever carries one. Two shapes exist: legacy "AIza" + 35 URL-safe characters,
 * and the auth keys AI Studio issues since 2026, "AQ." (reports also show "IQ.") + a long
 * URL-safe token. This is masking only: Atelier never judges a key by its prefix.
 */
const KEY_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/AIza[0-9A-Za-z_-]{20,}/g, 'AIza…[redacted]'],
  [/\b([AI]Q)\.[0-9A-Za-z_.-]{16,}/g, '$1.…[redacted]'],
];

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const [shape, mask] of KEY_SHAPES) out = out.replace(shape, mask);
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

/**
 * Appends JSON lines to `<dir>/main.log`. `secrets()` lists strings that must never be written
 * (the current API key), so a stray key in an error message is masked too.
 */
export function createFileLogger(dir: string, secrets: () => Iterable<string> = () => []): Logger {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.log');
  const write = (level: LogLevel, msg: string, meta?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...meta });
    fs.appendFileSync(file, redact(line, secrets()) + '\n');
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
