import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, MAX_FIELD_CHARS, redact } from '../../../electron/services/logger';
import { tempDir } from '../../support/tmp';

describe('logger', () => {
  it('masks anything shaped like a Google API key', () => {
    expect(redact('calling with AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q failed')).toBe('calling with AIza…[redacted] failed');
  });

  it('masks the current key even when it has another shape', () => {
    const dir = tempDir();
    const logger = createFileLogger(dir, () => ['custom-proxy-token-123']);
    logger.error('proxy said no', { detail: 'token custom-proxy-token-123 rejected' });
    const text = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(text).toContain('proxy said no');
    expect(text).not.toContain('custom-proxy-token-123');
    expect(JSON.parse(text.trim())).toMatchObject({ level: 'error', detail: 'token [redacted] rejected' });
  });

  it('caps every field, so a huge value from the window cannot flood the disk', () => {
    const dir = tempDir();
    const logger = createFileLogger(dir);
    logger.warn('x'.repeat(10_000_000), { route: 'r'.repeat(10_000_000), nested: { deep: 'd'.repeat(100_000) } });
    const text = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(text.length).toBeLessThan(4 * (MAX_FIELD_CHARS + 100));
    const line = JSON.parse(text) as { msg: string; route: string; nested: { deep: string } };
    expect(line.msg).toMatch(/more characters\]$/);
    expect(line.nested.deep.length).toBeLessThan(MAX_FIELD_CHARS + 50);
  });

  it('rotates main.log by size and keeps a few files', () => {
    const dir = tempDir();
    const logger = createFileLogger(dir, () => [], { maxFileBytes: 2000, keepFiles: 2 });
    for (let i = 0; i < 100; i += 1) logger.info(`line ${i}`, { pad: 'p'.repeat(100) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('line 99');
  });
});
