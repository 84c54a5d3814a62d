/**
 * The desktop shell's parts that live in the window, in Chromium with the real services: the
 * "Restart to update" offer driven by a fake updater, and files opened with Atelier from the
 * desktop (what main does on open-file / second-instance) landing in the library, shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { pngOf } from '../support/images';
import { FakeUpdater } from '../support/fakeUpdater';
import { expect, test } from './fixtures';

test('a downloaded update is offered, never forced: "Later" puts it away, "Restart to update" installs it', async ({ launch }) => {
  const updater = new FakeUpdater();
  updater.next = { kind: 'update', version: '0.2.0' };
  const app = await launch({ updater });
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();

  const prompt = page.getByRole('region', { name: 'Atelier 0.2.0 is ready' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('otherwise it installs the next time you quit');
  expect(updater.checks).toBe(1);
  expect(updater.installs).toBe(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="update-prompt"]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations).toEqual([]);
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/update-ready.png' });

  await page.getByTestId('update-later').click();
  await expect(prompt).toBeHidden();
  expect(updater.installs).toBe(0);

  // After a restart of the app the offer is back, and the keyboard alone installs it.
  await app.restart();
  await app.page.getByTestId('onboarding-skip').click();
  const restart = app.page.getByTestId('update-restart');
  await expect(restart).toBeVisible();
  await restart.focus();
  await expect(restart).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect.poll(() => updater.installs).toBe(1);
});

test('with no update, or without an updater (development), nothing is shown', async ({ launch }) => {
  const updater = new FakeUpdater();
  const app = await launch({ updater });
  await app.page.getByTestId('onboarding-skip').click();
  await expect.poll(() => app.atelier.updates.status().state).toBe('idle');
  await expect(app.page.getByTestId('update-prompt')).toHaveCount(0);
  expect(await app.page.evaluate(() => window.atelier!.invoke('updates.restart', {}))).toMatchObject({ ok: false, code: 'not_found' });

  const dev = await launch();
  expect(dev.atelier.updates.status()).toEqual({ state: 'disabled' });
});

test('images opened with Atelier from the desktop land in the library and the first one is shown', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  await page.getByTestId('nav-settings').click();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-open-with-'));
  const photo = path.join(dir, 'harbour.png');
  fs.writeFileSync(photo, await pngOf(320, 200, [30, 90, 160]));
  const broken = path.join(dir, 'broken.webp');
  fs.writeFileSync(broken, 'not an image');

  // What main does with a path from open-file or a second launch's argv.
  const opened = await app.atelier.openFiles([photo, broken]);
  expect(opened.assetIds).toHaveLength(1);

  await expect(page.getByTestId('nav-library')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('asset-tile')).toHaveCount(1);
  await expect(page.getByTestId('notice').filter({ hasText: 'Opened 1 image.' })).toContainText('Could not open broken.webp');
});
