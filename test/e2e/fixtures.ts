import crypto from 'node:crypto';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { startFakeGemini, type FakeGemini } from '../fake-gemini/server';
import { launchChromium } from '../harness/chromium';
import { launchApp, type LaunchedApp, type LaunchOptions } from '../harness/launchApp';

interface TestFixtures {
  /** The fake Gemini server, reset for each test. */
  fake: FakeGemini;
  /** Starts Atelier on a fresh data directory (or the given one); closed after the test. */
  launch: (opts?: LaunchOptions) => Promise<LaunchedApp>;
}
interface WorkerFixtures {
  workerFake: FakeGemini;
  chromiumBrowser: Browser;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  workerFake: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const fake = await startFakeGemini();
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  chromiumBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  fake: async ({ workerFake }, use) => {
    workerFake.reset();
    await use(workerFake);
  },
  launch: async ({ fake, chromiumBrowser }, use) => {
    const apps: LaunchedApp[] = [];
    await use(async (opts = {}) => {
      // The app opens on its first screen (the studio) unless a spec asks for another.
      const app = await launchApp({ geminiBaseUrl: fake.url, browser: chromiumBrowser, ...opts });
      apps.push(app);
      return app;
    });
    for (const app of apps) await app.close();
  },
});

export { expect };

/** A key-shaped test key, different per test so a leak is attributable. */
export function testKey(): string {
  return `AIzaE2E${crypto.randomBytes(16).toString('hex')}`;
}

/** Goes through onboarding like a person would. */
export async function saveKeyThroughOnboarding(page: Page, key: string): Promise<void> {
  const dialog = page.getByTestId('onboarding');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('key-input').fill(key);
  await dialog.getByTestId('key-save').click();
  await expect(dialog).toBeHidden();
}

/** Goes to a screen through the sidebar, as a person would. */
export async function goTo(page: Page, screen: string): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
}

/** The studio's queue drawer, opened if it is not (the studio shows when it is elsewhere). */
export async function openQueue(page: Page): Promise<Locator> {
  const drawer = page.getByTestId('queue-drawer');
  if (await drawer.isVisible()) return drawer;
  if (!(await page.getByTestId('queue-toggle').isVisible())) await goTo(page, 'studio');
  await page.getByTestId('queue-toggle').click();
  await expect(drawer).toBeVisible();
  return drawer;
}

/** Fills the studio's prompt and submits (from another screen, it goes to the studio first). */
export async function generate(page: Page, prompt: string, opts: { tier?: 'flash' | 'pro'; aspectRatio?: string } = {}): Promise<void> {
  if (!(await page.getByTestId('prompt-input').isVisible())) await goTo(page, 'studio');
  await page.getByTestId('prompt-input').fill(prompt);
  // The previous Generate may still be on its way: when it lands the dock collapses to one row and
  // the pickers move into the Options popover under the pointer. Picking is idempotent, so pick
  // again wherever the pickers are now until the choice holds.
  if (opts.tier || opts.aspectRatio) {
    await expect(async () => {
      await showGenerateOptions(page);
      if (opts.tier) {
        await page.getByTestId(`tier-${opts.tier}`).click({ timeout: 2_000 });
        await expect(page.getByTestId(`tier-${opts.tier}`)).toHaveAttribute('aria-pressed', 'true', { timeout: 500 });
      }
      if (opts.aspectRatio) await page.getByTestId('aspect-select').selectOption(opts.aspectRatio, { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }
  await closeGenerateOptions(page);
  await page.getByTestId('generate-button').click();
}

/** Once a set is on the stage the dock is one row and the pickers sit in its Options popover: open it. */
export async function showGenerateOptions(page: Page): Promise<void> {
  const toggle = page.getByTestId('options-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function closeGenerateOptions(page: Page): Promise<void> {
  const toggle = page.getByTestId('options-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
}

/** Tests write here; `npm run screenshots` copies them into the docs folder, so a test run never dirties git. */
export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Drops files onto an element the way a drag from the desktop does: a real DataTransfer holding Files. */
export async function dropFiles(page: Page, testId: string, files: Array<{ name: string; mime: string; bytes: Buffer }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.mime }));
    }
    return dt;
  }, files.map((f) => ({ name: f.name, mime: f.mime, b64: f.bytes.toString('base64') })));
  const target = page.getByTestId(testId);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

/** Drops a w×h JPEG (blue, a yellow block in the middle) onto the edit canvas and waits for it to show. */
export async function dropPhotoOnCanvas(page: Page, w = 1200, h = 800): Promise<void> {
  const block = await sharp({ create: { width: Math.round(w / 3), height: Math.round(h / 2), channels: 3, background: { r: 220, g: 200, b: 60 } } }).png().toBuffer();
  const bytes = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 110, b: 180 } } })
    .composite([{ input: block, left: Math.round(w / 3), top: Math.round(h / 4) }])
    .jpeg()
    .toBuffer();
  await page.getByTestId('nav-edit').click();
  await dropFiles(page, 'edit-view', [{ name: 'harbour.jpg', mime: 'image/jpeg', bytes }]);
  await expect(page.getByTestId('edit-stage')).toBeVisible();
}
