import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../../electron/services/settings/Settings';
import { memoryLogger, tempDir } from '../../../support/tmp';

describe('Settings', () => {
  it('starts from defaults and persists updates across instances', () => {
    const file = path.join(tempDir(), 'settings.json');
    const a = new Settings(file, {}, memoryLogger());
    expect(a.get()).toMatchObject({ apiBaseUrl: null, effectiveApiBaseUrl: null, defaultTier: 'flash', defaultAspectRatio: '1:1', maxInFlight: 5, monthlyBudgetUsd: null });
    expect(a.get().quotas).toEqual({
      flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
      pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null },
      lite: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
    });
    a.update({ apiBaseUrl: 'https://proxy.example/gemini', defaultTier: 'pro' });
    const b = new Settings(file, {}, memoryLogger());
    expect(b.get()).toMatchObject({ apiBaseUrl: 'https://proxy.example/gemini', defaultTier: 'pro' });
    expect(b.apiBaseUrl()).toBe('https://proxy.example/gemini');
    b.update({ apiBaseUrl: null });
    expect(new Settings(file, {}, memoryLogger()).apiBaseUrl()).toBeUndefined();
  });

  it('keeps quotas saved before the Lite class existed, and gives Lite its default', () => {
    const file = path.join(tempDir(), 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ defaultTier: 'pro', quotas: { flash: { requestsPerMinute: 7, imagesPerMinute: 20, requestsPerDay: null }, pro: { requestsPerMinute: 3, imagesPerMinute: null, requestsPerDay: 100 } } }));
    const logger = memoryLogger();
    const s = new Settings(file, {}, logger);
    expect(s.get().quotas).toEqual({
      flash: { requestsPerMinute: 7, imagesPerMinute: 20, requestsPerDay: null },
      pro: { requestsPerMinute: 3, imagesPerMinute: null, requestsPerDay: 100 },
      lite: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
    });
    expect(s.get().defaultTier).toBe('pro');
    // A patch may name one class; the others keep theirs.
    s.update({ quotas: { lite: { requestsPerMinute: 9, imagesPerMinute: null, requestsPerDay: null } }, spendPer10MinUsd: 10 });
    expect(new Settings(file, {}, logger).get()).toMatchObject({ quotas: { flash: { requestsPerMinute: 7 }, lite: { requestsPerMinute: 9 } }, spendPer10MinUsd: 10 });
  });

  it('lets GEMINI_BASE_URL override the stored endpoint without saving it', () => {
    const file = path.join(tempDir(), 'settings.json');
    const s = new Settings(file, { GEMINI_BASE_URL: 'http://127.0.0.1:9999' }, memoryLogger());
    s.update({ apiBaseUrl: 'https://proxy.example' });
    expect(s.get()).toMatchObject({ apiBaseUrl: 'https://proxy.example', effectiveApiBaseUrl: 'http://127.0.0.1:9999' });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('9999');
  });

  it('falls back to defaults for a corrupt or invalid file and says so in the log', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{ not json');
    const logger = memoryLogger();
    expect(new Settings(file, {}, logger).get().defaultTier).toBe('flash');
    fs.writeFileSync(file, JSON.stringify({ defaultTier: 'ultra' }));
    expect(new Settings(file, {}, logger).get().defaultTier).toBe('flash');
    expect(logger.lines.filter((l) => l.includes('settings')).length).toBe(2);
  });
});
