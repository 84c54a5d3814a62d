import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, redact } from '../../../electron/services/logger';
import { tempDir } from '../../support/tmp';

describe('logger', () => {
  it('masks anything shaped like a Google API key', () => {
    expect(redact('calling with AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q failed')).toBe('calling with AIza…[redacted] failed');
  });

  it('masks AI Studio auth keys (AQ.) in a log line, whatever key is configured', () => {
    const key = 'AQ.Ab8RN6LfWq0t3Yb_x-9zKq2mVv7sPcD1eTgHhJjKkLlMm';
    const dir = tempDir();
    // No current key known to the logger: the shape alone must be enough.
    const logger = createFileLogger(dir, () => []);
    logger.warn('gemini: request failed', { url: `https://generativelanguage.googleapis.com/v1beta/models?key=${key}` });
    const text = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain('Ab8RN6');
    expect(JSON.parse(text.trim()).url).toBe('https://generativelanguage.googleapis.com/v1beta/models?key=AQ.…[redacted]');
    // Ordinary text with "AQ." in it stays readable.
    expect(redact('FAQ. See AQ.short')).toBe('FAQ. See AQ.short');
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
});
