/**
 * The edit canvas fits the window (issue 16, defects 4 and 8): the photo is sized to the height
 * left, the instruction and Send stay in a bar at the bottom, and pressed tools and modes can be
 * seen — measured from bounding boxes and computed colours, in both themes.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { dropPhotoOnCanvas, expect, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations, useScheme } from '../harness/axe';

async function dropPhoto(page: Page, w = 1200, h = 800): Promise<void> {
  await dropPhotoOnCanvas(page, w, h);
  await expect(page.getByText(`${w}×${h} px`)).toBeVisible();
}

/** One brush stroke across the photo's middle: an edit needs something marked. */
async function paint(page: Page): Promise<void> {
  await page.keyboard.press('b');
  const box = (await page.locator('.canvas-frame').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45);
  await page.mouse.down();
  for (let i = 0; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.4 + i * 0.02), box.y + box.height * 0.5);
  await page.mouse.up();
  await expect(page.getByTestId('edit-stage')).toHaveAttribute('data-marks', '1');
}

function generateCalls(fake: { requests: Array<{ action?: string | null }> }): number {
  return fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).length;
}

/** WCAG relative luminance and contrast ratio of two computed CSS colours (rgb()/rgba()/color(srgb)). */
function luminance(css: string): number {
  const nums = (css.match(/[\d.]+/g) ?? []).map(Number);
  const srgb = css.startsWith('color(') ? nums.slice(0, 3) : nums.slice(0, 3).map((n) => n / 255);
  const [r, g, b] = srgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** A button's own background and text colours, and the first opaque background behind it. */
async function looks(page: Page, testId: string): Promise<{ bg: string; fg: string; border: string; behind: string }> {
  return page.getByTestId(testId).evaluate((el) => {
    const cs = getComputedStyle(el);
    let behind = 'rgb(255, 255, 255)';
    for (let p = el.parentElement; p; p = p.parentElement) {
      const bg = getComputedStyle(p).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
        behind = bg;
        break;
      }
    }
    return { bg: cs.backgroundColor, fg: cs.color, border: cs.borderTopColor, behind };
  });
}

async function expectPressedVisible(page: Page, pressed: string, unpressed: string): Promise<void> {
  await expect(page.getByTestId(pressed)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId(unpressed)).toHaveAttribute('aria-pressed', 'false');
  const on = await looks(page, pressed);
  const off = await looks(page, unpressed);
  expect(on.bg, 'pressed and unpressed share a background').not.toBe(off.bg);
  expect(contrast(on.bg, off.bg), `pressed ${on.bg} against unpressed ${off.bg}`).toBeGreaterThanOrEqual(3);
  expect(contrast(on.bg, on.behind), `pressed ${on.bg} against the background ${on.behind}`).toBeGreaterThanOrEqual(3);
  // The label on the pressed fill stays readable text (AA).
  expect(contrast(on.fg, on.bg)).toBeGreaterThanOrEqual(4.5);
}

test.describe('edit canvas fits the window', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 680 },
    { width: 800, height: 600 },
  ]) {
    test(`defect 4 (the edit canvas hides Send): at ${size.width}×${size.height} the whole photo and Send are on screen without scrolling`, async ({ launch }) => {
      const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: size });
      await dropPhoto(page);
      // Measured as the room opens, before anything scrolls an element into view.
      const send = (await page.getByTestId('edit-send').boundingBox())!;
      expect(send.y + send.height, 'Send is below the fold').toBeLessThanOrEqual(size.height);
      const photo = (await page.locator('.canvas-frame').boundingBox())!;
      const bar = (await page.locator('.edit-send').boundingBox())!;
      const tools = (await page.getByTestId('tool-brush').boundingBox())!;
      // The photo whole: inside the window, above the bar, below the tools, in its own ratio.
      expect(photo.y).toBeGreaterThanOrEqual(tools.y + tools.height);
      expect(photo.y + photo.height).toBeLessThanOrEqual(bar.y + 0.5);
      expect(photo.x + photo.width).toBeLessThanOrEqual(size.width);
      expect(photo.width / photo.height).toBeCloseTo(1.5, 1);
      expect(photo.height).toBeGreaterThanOrEqual(size.height * 0.3);
      // Nothing to scroll: the tools stay in view while typing.
      const room = await page.getByTestId('edit-view').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(room.scroll).toBeLessThanOrEqual(room.client + 1);
      await page.getByTestId('edit-instruction').fill('make the door red');
      expect(await page.getByTestId('edit-view').evaluate((el) => el.scrollTop)).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `canvas-${size.width}x${size.height}.png`) });
    });
  }

  test('Ctrl/⌘+Enter in "What should change?" sends the edit and stays on the canvas (defect 2, the canvas part)', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1024, height: 680 } });
    await dropPhoto(page);
    await paint(page);
    await page.getByTestId('edit-instruction').fill('make the sky pink');
    await page.getByTestId('edit-instruction').press('ControlOrMeta+Enter');
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
    expect(generateCalls(fake)).toBe(1);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`defect 8 (pressed states are invisible): the active tool and the before/after mode are visibly pressed in the ${scheme} theme; axe is clean`, async ({ launch }) => {
      const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1440, height: 900 } });
      await useScheme(page, scheme);
      await dropPhoto(page);
      await page.keyboard.press('b');
      await expectPressedVisible(page, 'tool-brush', 'tool-rect');
      expect(await axeViolations(page, { include: '[data-testid="edit-view"]' })).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `canvas-tools-${scheme}.png`) });

      await paint(page);
      await page.getByTestId('edit-instruction').fill('make the door red');
      await page.getByTestId('edit-send').click();
      await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 15_000 });
      await expectPressedVisible(page, 'ba-mode-slider', 'ba-mode-side');
      expect(await axeViolations(page, { include: '[data-testid="edit-view"]' })).toEqual([]);
    });
  }
});
