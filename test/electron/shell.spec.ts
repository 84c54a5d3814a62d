/**
 * The thin Electron shell, driven by Playwright's `_electron`. These run only where the Electron
 * binary has been downloaded (a developer's machine after `npm start`); elsewhere they skip and
 * say why. Everything they cover is also covered in Chromium by test/e2e through the harness.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startFakeGemini, type FakeGemini } from '../fake-gemini/server';

/**
 * Finds the binary the way the electron package does, but without `require('electron')`, which
 * would try to download it from GitHub on first use — something this test must never do.
 */
function electronBinary(): { path: string } | { reason: string } {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!fs.existsSync(pathFile) && !override) return { reason: 'the Electron binary has not been downloaded on this machine (no node_modules/electron/path.txt)' };
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : 'electron';
  const bin = override ? path.join(override, relative) : path.join(pkgDir, 'dist', relative);
  return fs.existsSync(bin) ? { path: bin } : { reason: `no Electron binary at ${bin}` };
}

const found = electronBinary();
const built = fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'electron', 'main.cjs'));
const skipReason = 'reason' in found ? found.reason : !built ? 'dist/electron is not built (run `npm run build`)' : null;
if (skipReason) console.log(`[electron shell] skipped: ${skipReason}. The same slice runs in Chromium via test/e2e.`);

test.describe('Electron shell', () => {
  test.skip(!!skipReason, skipReason ?? '');
  let fake: FakeGemini;
  test.beforeAll(async () => {
    fake = await startFakeGemini();
  });
  test.afterAll(async () => fake?.close());

  test('opens a sandboxed window on app://, and generates an image end to end', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-electron-'));
    const app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args: ['.', `--user-data-dir=${userData}`],
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, GEMINI_BASE_URL: fake.url, GEMINI_API_KEY: 'AIzaElectronShellTest000000000000000' },
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://atelier/');
      // Sandboxed and isolated: the page sees no Node, and the bridge is exactly invoke + on.
      const surface = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { atelier: object }).atelier).sort(),
      }));
      expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });

      await page.getByTestId('prompt-input').fill('a tin robot in the rain');
      await page.getByTestId('generate-button').click();
      await expect(page.getByTestId('asset-tile')).toHaveCount(1, { timeout: 20_000 });
      await page.getByTestId('asset-tile').first().click();
      await expect(page.getByTestId('detail-prompt')).toHaveText('a tin robot in the rain');

      // Navigation away from app:// is denied.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(300);
      expect(page.url()).toBe('app://atelier/');
    } finally {
      await app.close();
    }
  });
});
