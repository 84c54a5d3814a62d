/**
 * The real shell end to end: sandboxed window on app://, the preload bridge, the real keychain,
 * a generation against the fake Gemini landing in the library, and a restart keeping it all.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFakeGemini, type FakeGemini } from '../fake-gemini/server';
import { launch, newProfile, sayWhySkipped, skipReason, testKey } from './app';

sayWhySkipped();
test.skip(!!skipReason, skipReason ?? '');
test.setTimeout(120_000);

let fake: FakeGemini;
test.beforeAll(async () => {
  fake = await startFakeGemini();
});
test.afterAll(async () => fake?.close());

test('window, bridge, app://, keychain, a generation, and a restart that keeps them', async () => {
  const profile = newProfile();
  const key = testKey();
  let { app, page } = await launch(profile, { GEMINI_BASE_URL: fake.url });
  try {
    // The window: app:// only, sandboxed, isolated, no Node in the page.
    expect(page.url()).toBe('app://atelier/');
    // Sandboxed at the OS level: Electron reports it on macOS and Windows; on Linux the
    // renderer lives in its own PID namespace (the namespace sandbox) or not at all.
    const { pid, mainPid, sandboxed } = await app.evaluate(({ app: a, BrowserWindow }) => {
      const rendererPid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return { pid: rendererPid, mainPid: process.pid, sandboxed: a.getAppMetrics().find((m) => m.pid === rendererPid)?.sandboxed ?? null };
    });
    if (process.platform === 'linux') {
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain('--no-sandbox');
      expect(fs.readlinkSync(`/proc/${pid}/ns/pid`)).not.toBe(fs.readlinkSync(`/proc/${mainPid}/ns/pid`));
    } else {
      expect(sandboxed).toBe(true);
    }
    // Context isolation: contextBridge refuses to run without it, so a bridge made by it proves it.
    const surface = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { atelier: object }).atelier).sort(),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on', 'pathForFile', 'startDrag'] });

    // The preload bridge round-trips a route through ipcMain and the router.
    const version = await app.evaluate(({ app: a }) => a.getVersion());
    expect(await page.evaluate(() => window.atelier!.invoke('app.info'))).toEqual({ ok: true, data: { version, platform: process.platform } });

    // app:// serves the renderer's own files.
    const script = await page.evaluate(async () => {
      const src = document.querySelector('script[type="module"]')!.getAttribute('src')!;
      const res = await fetch(new URL(src, location.href));
      return { status: res.status, type: res.headers.get('content-type') };
    });
    expect(script).toMatchObject({ status: 200, type: expect.stringContaining('javascript') });

    // The real keychain stores the key the user saves. The app reports where it keeps it; the
    // test process never reads the item itself, because on macOS an item another program
    // created asks the user's permission, and on a runner nobody answers.
    await page.getByTestId('key-input').fill(key);
    await page.getByTestId('key-save').click();
    await expect(page.getByTestId('onboarding')).toBeHidden();
    expect(await page.evaluate(() => window.atelier!.invoke('key.status'))).toMatchObject({ ok: true, data: { hasKey: true, source: 'keychain' } });

    // A generation against the fake lands in the library, and its image is served over app://.
    await page.getByTestId('prompt-input').fill('a tin robot in the rain');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('asset-tile')).toHaveCount(1, { timeout: 30_000 });
    const image = await page.evaluate(async () => {
      const src = document.querySelector('[data-testid="asset-tile"] img')!.getAttribute('src')!;
      const res = await fetch(src);
      return { url: src, status: res.status, type: res.headers.get('content-type') };
    });
    expect(image).toMatchObject({ url: expect.stringMatching(/^app:\/\/atelier\//), status: 200, type: expect.stringMatching(/^image\//) });
  } finally {
    await app.close();
  }

  // A restart keeps the library and the key; then the app removes its test key itself.
  ({ app, page } = await launch(profile, { GEMINI_BASE_URL: fake.url }));
  try {
    await expect(page.getByTestId('asset-tile')).toHaveCount(1);
    await page.getByTestId('asset-tile').first().click();
    await expect(page.getByTestId('detail-prompt')).toHaveText('a tin robot in the rain');
    expect(await page.evaluate(() => window.atelier!.invoke('key.status'))).toMatchObject({ ok: true, data: { hasKey: true, source: 'keychain' } });
    expect(await page.evaluate(() => window.atelier!.invoke('key.clear'))).toMatchObject({ ok: true, data: { hasKey: false } });
  } finally {
    await app.close();
  }
});
