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
