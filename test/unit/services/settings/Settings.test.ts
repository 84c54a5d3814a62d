import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../../electron/services/settings/Settings';
import { memoryLogger, tempDir } from '../../../support/tmp';

describe('Settings', () => {
  it('starts from defaults and persists updates across instances', async () => {
    const file = path.join(tempDir(), 'settings.json');
    const a = new Settings(file, {}, memoryLogger());
    expect(a.get()).toMatchObject({ apiBaseUrl: null, effectiveApiBaseUrl: null, defaultTier: 'flash', defaultAspectRatio: '1:1', maxInFlight: 5, monthlyBudgetUsd: null });
    expect(a.get().quotas).toEqual({
      flash: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
      pro: { requestsPerMinute: 15, imagesPerMinute: null, requestsPerDay: null },
      lite: { requestsPerMinute: 60, imagesPerMinute: null, requestsPerDay: null },
    });
    await a.updateFromWindow({ apiBaseUrl: 'https://proxy.example/gemini', defaultTier: 'pro' }, async () => true);
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

  it('keeps "Let Google keep my requests" off by default, also for settings saved before it existed, and persists the choice', () => {
    const file = path.join(tempDir(), 'settings.json');
    expect(new Settings(file, {}, memoryLogger()).get().letGoogleKeepRequests).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ defaultTier: 'pro' }));
    const s = new Settings(file, {}, memoryLogger());
    expect(s.get()).toMatchObject({ defaultTier: 'pro', letGoogleKeepRequests: false });
    s.update({ letGoogleKeepRequests: true });
    expect(new Settings(file, {}, memoryLogger()).get().letGoogleKeepRequests).toBe(true);
    s.update({ letGoogleKeepRequests: false });
    expect(new Settings(file, {}, memoryLogger()).get().letGoogleKeepRequests).toBe(false);
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

  describe('the endpoint the key goes to', () => {
    const yes = async () => true;
    const no = async () => false;

    it('asks before the key may go to a host other than Google, once per origin', async () => {
      const s = new Settings(path.join(tempDir(), 'settings.json'), {}, memoryLogger());
      const asked: string[] = [];
      const confirm = async (r: { message: string }) => (asked.push(r.message), true);
      await s.updateFromWindow({ apiBaseUrl: 'https://proxy.example/gemini' }, confirm);
      await s.updateFromWindow({ apiBaseUrl: 'https://proxy.example/other-path' }, confirm);
      await s.updateFromWindow({ apiBaseUrl: 'https://generativelanguage.googleapis.com' }, confirm);
      expect(asked).toEqual(['Send your Gemini API key to https://proxy.example/gemini?']);
      expect(s.apiBaseUrl()).toBe('https://generativelanguage.googleapis.com');
    });

    it('changes nothing when the user says no', async () => {
      const file = path.join(tempDir(), 'settings.json');
      const s = new Settings(file, {}, memoryLogger());
      await expect(s.updateFromWindow({ apiBaseUrl: 'https://evil.example/', defaultTier: 'pro' }, no)).rejects.toMatchObject({ code: 'unconfirmed_endpoint' });
      expect(s.get()).toMatchObject({ apiBaseUrl: null, defaultTier: 'flash' });
      expect(s.apiBaseUrl()).toBeUndefined();
      expect(fs.existsSync(file)).toBe(false);
    });

    it.each([
      ['plain http to another machine', 'http://attacker.example/', /Plain http is allowed only/],
      ['plain http to a private address', 'http://192.168.1.10:8080/', /Plain http is allowed only/],
      ['credentials in the address', 'https://user:pw@proxy.example/', /user name or password/],
    ])('refuses %s without asking', async (_what, url, message) => {
      const s = new Settings(path.join(tempDir(), 'settings.json'), {}, memoryLogger());
      let asked = false;
      await expect(s.updateFromWindow({ apiBaseUrl: url }, async () => (asked = true))).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(message) });
      expect(asked).toBe(false);
    });

    it('allows plain http to a proxy on this computer, once confirmed', async () => {
      const s = new Settings(path.join(tempDir(), 'settings.json'), {}, memoryLogger());
      await s.updateFromWindow({ apiBaseUrl: 'http://127.0.0.1:8787' }, yes);
      expect(s.apiBaseUrl()).toBe('http://127.0.0.1:8787');
      await s.updateFromWindow({ apiBaseUrl: 'http://localhost:8787' }, yes);
      expect(s.apiBaseUrl()).toBe('http://localhost:8787');
    });

    it('will not hand out an endpoint written behind its back (settings.json edited, never confirmed)', () => {
      const file = path.join(tempDir(), 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ apiBaseUrl: 'https://evil.example/' }));
      const s = new Settings(file, {}, memoryLogger());
      expect(() => s.apiBaseUrl()).toThrow(/will not send your key to https:\/\/evil\.example/);
    });

    it('never shows the window the list of confirmed endpoints', async () => {
      const s = new Settings(path.join(tempDir(), 'settings.json'), {}, memoryLogger());
      await s.updateFromWindow({ apiBaseUrl: 'https://proxy.example/' }, yes);
      expect(Object.keys(s.get())).not.toContain('confirmedEndpoints');
    });
  });
});
