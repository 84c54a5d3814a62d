import crypto from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
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

/** Fills the generate panel and submits. */
export async function generate(page: Page, prompt: string, opts: { tier?: 'flash' | 'pro'; aspectRatio?: string } = {}): Promise<void> {
  await page.getByTestId('prompt-input').fill(prompt);
  if (opts.tier) await page.getByTestId(`tier-${opts.tier}`).click();
  if (opts.aspectRatio) await page.getByTestId('aspect-select').selectOption(opts.aspectRatio);
  await page.getByTestId('generate-button').click();
}

/** Artefacts of a test run, never tracked files (docs/screenshots is refreshed on purpose, not by tests). */
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
