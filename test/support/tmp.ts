import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../electron/services/logger';

export function tempDir(prefix = 'atelier-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A logger that keeps lines in memory, so tests can assert on what would have been logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (msg: string, meta?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, msg, ...meta }));
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** A loopback port with nothing listening on it: connecting is refused (ECONNREFUSED). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
