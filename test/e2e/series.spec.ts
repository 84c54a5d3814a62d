/**
 * A series is stored: made as one chat, it is there again after a relaunch over the same data
 * directory, and it exports as numbered files and a contact sheet into the folder the dialog gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { axeInBothThemes } from '../harness/axe';
import { expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
] as const;

const WORDS = ['A lighthouse keeper wakes before dawn', 'She climbs the spiral stairs', 'The lamp will not light', 'A ship passes safely at last'];

test('a series made as one chat comes back after a restart and exports as numbered files and a contact sheet', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey() });
  let page = app.page;
  await goTo(page, 'studio');
  await page.getByTestId('series-toggle').click();
  await page.getByTestId('series-title').fill('The lighthouse');
  let prompts = page.getByTestId('series-prompt');
  for (let i = 0; i < 4; i++) await prompts.nth(i).fill(WORDS[i]!);
  await page.getByTestId('series-ratio').selectOption('3:4');
  await page.getByTestId('series-tier-pro').click();
  await page.getByTestId('series-mode-chat').click();
  await expect(page.getByTestId('series-cost')).toContainText('input tokens grow per panel');
  await page.getByTestId('series-generate').click();
  let panels = page.getByTestId('series-panel');
  for (let i = 0; i < 4; i++) await expect(panels.nth(i)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  const made = await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-asset-id')));
  expect(new Set(made).size).toBe(4);
  // One chat, on the class picked: each panel went to Pro with the panels before it in its history.
  const calls = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
  expect(calls.map((c) => c.model)).toEqual(Array(4).fill(calls[0]!.model));
  expect(calls[0]!.model).toContain('pro');
  expect(calls.map((c) => (c.body as { contents: unknown[] }).contents.length)).toEqual([1, 3, 5, 7]);

  await app.restart();
  page = app.page;
  prompts = page.getByTestId('series-prompt');
  panels = page.getByTestId('series-panel');
  await goTo(page, 'studio');
  await page.getByTestId('series-toggle').click();
  const saved = page.getByTestId('series-open');
  await expect(saved.locator('option', { hasText: 'The lighthouse (4 panels)' })).toHaveCount(1);
  await saved.selectOption({ label: 'The lighthouse (4 panels)' });
  await expect(page.getByTestId('series-title')).toHaveValue('The lighthouse');
  await expect(page.getByTestId('series-mode-chat')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('series-tier-pro')).toHaveAttribute('aria-pressed', 'true');
  await expect(prompts).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(prompts.nth(i)).toHaveValue(WORDS[i]!);
  await expect(panels).toHaveCount(4);
  expect(await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-asset-id')))).toEqual(made);
  for (let i = 0; i < 4; i++) await expect(panels.nth(i).locator('img')).toBeVisible();

  await page.getByTestId('series-export').click();
  await expect(page.getByTestId('series-exported')).toContainText('Saved 4 panels and a contact sheet to');
  const folder = app.desktop.exportFolder;
  expect(fs.readdirSync(folder).sort()).toEqual(['The-lighthouse-01.png', 'The-lighthouse-02.png', 'The-lighthouse-03.png', 'The-lighthouse-04.png', 'The-lighthouse-sheet.png']);
  const sheet = await sharp(path.join(folder, 'The-lighthouse-sheet.png')).metadata();
  // 2 × 2 cells of 512 × 683 (3:4) with their number bands, gaps and margins.
  expect([sheet.width, sheet.height]).toEqual([24 * 2 + 512 * 2 + 16, 24 * 2 + (683 + 40) * 2 + 16]);
  fs.copyFileSync(path.join(folder, 'The-lighthouse-sheet.png'), path.join(SCREENSHOT_DIR, 'series-contact-sheet.png'));

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const strip = page.getByTestId('series-strip');
    await strip.scrollIntoViewIfNeeded();
    const box = (await strip.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    const generate = (await page.getByTestId('series-generate').boundingBox())!;
    expect(generate.x + generate.width).toBeLessThanOrEqual(size.width);
    await expect(page.getByTestId('series-cost')).toBeVisible();
    const file = path.join(SCREENSHOT_DIR, `series-strip-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file });
    expect(await axeInBothThemes(page, { include: '[data-testid="series"]' })).toEqual([]);
  }
});
