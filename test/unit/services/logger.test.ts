import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, redact } from '../../../electron/services/logger';
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
});
