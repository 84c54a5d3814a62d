/**
 * Issue 18 §2: the close look at two results. Every mode by its key, zoom shared by the panes,
 * the difference with its number, and a blind comparison that gives nothing away in any mode.
 * Screenshots of each mode at three window sizes go to test-results/screenshots/.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { FALLBACK_MODEL_FOR_TIER } from '../../shared/models/catalogue';
import { axeViolations } from '../harness/axe';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
];

async function startCompare(page: Page, prompt: string, blind: boolean) {
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('compare-prompt').fill(prompt);
  const box = page.getByTestId('compare-blind');
  if ((await box.isChecked()) !== blind) await box.click();
  const rows = page.getByTestId('contender-row');
  await rows.nth(0).getByTestId('contender-tier').selectOption('flash');
  await rows.nth(0).getByTestId('contender-size').selectOption('1K');
  await rows.nth(1).getByTestId('contender-tier').selectOption('pro');
  await rows.nth(1).getByTestId('contender-size').selectOption('2K');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-result').and(page.locator('[data-state="succeeded"]'))).toHaveCount(2, { timeout: 20_000 });
}

test.describe('look closely', () => {
  test('1:1 on a 2× screen: one image pixel to one device pixel, so a 1024 px picture is 512 CSS px', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: SIZES[0], deviceScaleFactor: 2 });
    expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
    await startCompare(page, 'a red kite over dunes', false);
    const view = page.getByTestId('compare-look-view');
    await page.keyboard.press('p');
    await expect(view).toHaveAttribute('data-mode', 'pixel');
    // The left image is the 1K answer: 1024 × 1024 pixels.
    await expect.poll(() => page.getByTestId('look-img-a').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1024, 1024]);
    // The element's box is the pane's shape scaled; the picture is its shorter side ("contain").
    await expect
      .poll(async () => {
        const b = (await page.getByTestId('look-img-a').boundingBox())!;
        return Math.round(Math.min(b.width, b.height));
      })
      .toBe(512);
    await expect(page.getByTestId('look-note')).toContainText('to one pixel of your screen');
    // The other pane follows at the same scale: the 2K answer is drawn in the same box.
    await expect.poll(async () => Math.round((await page.getByTestId('look-img-b').boundingBox())!.width)).toBe(Math.round((await page.getByTestId('look-img-a').boundingBox())!.width));
  });

  test('each mode by its key: wipe with ← →, difference with its number, flicker while Space is held, 1:1, side by side', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: SIZES[0] });
    await startCompare(page, 'a red kite over dunes', false);
    const view = page.getByTestId('compare-look-view');
    await page.keyboard.press('w');
    await expect(view).toHaveAttribute('data-mode', 'wipe');
    await expect(page.getByTestId('look-wipe')).toHaveAttribute('data-wipe', '50');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('look-wipe')).toHaveAttribute('data-wipe', '55');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(page.getByTestId('look-wipe')).toHaveAttribute('data-wipe', '54');
    // Different sizes are fitted to one box, and the view says so.
    await expect(page.getByTestId('look-note')).toContainText('1024×1024');
    await expect(page.getByTestId('look-note')).toContainText('2048×2048');
    await expect(page.getByTestId('look-note')).toContainText('fitted to a common box');

    await page.keyboard.press('d');
    await expect(view).toHaveAttribute('data-mode', 'diff');
    await expect(page.getByTestId('look-diff-percent')).toHaveText(/^\d+\.\d % of pixels differ by more than 8 of 255\. $/);
    await page.keyboard.press(',');
    await expect(page.getByTestId('look-diff-percent')).toContainText('more than 6 of 255');
    await expect(page.getByTestId('look-heat')).toBeVisible();

    await page.keyboard.press('f');
    await expect(view).toHaveAttribute('data-mode', 'flicker');
    await expect(page.getByTestId('look-flicker')).toHaveAttribute('data-showing', 'a');
    await page.keyboard.down(' ');
    await expect(page.getByTestId('look-flicker')).toHaveAttribute('data-showing', 'b');
    await page.keyboard.up(' ');
    await expect(page.getByTestId('look-flicker')).toHaveAttribute('data-showing', 'a');

    await page.keyboard.press('p');
    await expect(view).toHaveAttribute('data-mode', 'pixel');
    // 1:1: the left (square) image is drawn at its own pixel size, 1024 px, larger than its pane;
    // the element's box is the pane's shape scaled, the picture its shorter side ("contain").
    await expect
      .poll(async () => {
        const b = (await page.getByTestId('look-img-a').boundingBox())!;
        return Math.round(Math.min(b.width, b.height));
      })
      .toBe(1024);

    await page.keyboard.press('s');
    await expect(view).toHaveAttribute('data-mode', 'side');
    // Synced zoom: zoom the left pane with the wheel, the right one follows to the same scale.
    const left = (await page.getByTestId('look-img-a').boundingBox())!;
    await page.mouse.move(left.x + left.width / 2, left.y + left.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => Math.round((await page.getByTestId('look-img-b').boundingBox())!.width)).toBe(Math.round((await page.getByTestId('look-img-a').boundingBox())!.width));
    expect((await page.getByTestId('look-img-a').boundingBox())!.width).toBeGreaterThan(left.width * 1.2);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const m of ['side', 'wipe', 'diff', 'flicker', 'pixel'] as const) {
        await page.getByTestId(`look-mode-${m}`).click();
        await expect(view).toHaveAttribute('data-mode', m);
        if (m === 'diff') await expect(page.getByTestId('look-heat')).toBeVisible();
        // Z fits again (1:1 sets its own zoom); then every pane shows the whole picture.
        if (m !== 'pixel') {
          await page.keyboard.press('z');
          await expect.poll(async () => Math.round((await page.getByTestId(m === 'diff' ? 'look-heat' : 'look-img-a').first().boundingBox())!.width)).toBeLessThanOrEqual(Math.round((await view.boundingBox())!.width));
        }
        const stage = (await view.boundingBox())!;
        expect(stage.x + stage.width).toBeLessThanOrEqual(size.width + 1);
        const bar = (await page.getByTestId('look-mode-pixel').boundingBox())!;
        expect(bar.x + bar.width).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `look-${m}-${size.width}x${size.height}.png`) });
      }
    }
    await page.setViewportSize(SIZES[0]!);
    for (const m of ['side', 'wipe', 'diff', 'flicker'] as const) {
      await page.getByTestId(`look-mode-${m}`).click();
      if (m === 'diff') await expect(page.getByTestId('look-heat')).toBeVisible();
      expect(await axeViolations(page, { include: '[data-testid="compare-look-view"]' })).toEqual([]);
    }
  });

  test('a blind comparison in the difference view reveals nothing before the vote', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: SIZES[0] });
    await startCompare(page, 'a brass compass on a chart', true);
    await page.keyboard.press('d');
    const view = page.getByTestId('compare-look-view');
    await expect(view).toHaveAttribute('data-mode', 'diff');
    await expect(page.getByTestId('look-diff-percent')).toBeVisible();
    const words = await page.getByTestId('comparison').innerText();
    const alts = await page.getByTestId('comparison').locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt') ?? ''));
    for (const text of [words, ...alts]) {
      for (const leak of [FALLBACK_MODEL_FOR_TIER.flash, FALLBACK_MODEL_FOR_TIER.pro, 'Flash', 'Pro', '1024', '2048', '1K', '2K', 'gemini']) expect(text).not.toContain(leak);
    }
    expect(alts).toContain('Difference between Result A and Result B');
    await expect(page.getByTestId('look-note')).toContainText('Both are fitted to a common box.');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'look-blind-diff.png') });
    // And in every other mode, the same silence.
    for (const m of ['side', 'wipe', 'flicker', 'pixel'] as const) {
      await page.getByTestId(`look-mode-${m}`).click();
      const t = await page.getByTestId('comparison').innerText();
      for (const leak of ['Flash', 'Pro', '1024', '2048']) expect(t).not.toContain(leak);
    }
  });
});
