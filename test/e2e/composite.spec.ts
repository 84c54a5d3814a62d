/**
 * Issue 18 §1: a masked edit changes only what was marked. Driven through the real canvas, the
 * queue and the fake Gemini; the stored file is read back from the library folder and compared
 * with the original pixel by pixel.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { axeViolations } from '../harness/axe';
import { dropPhotoOnCanvas, expect, SCREENSHOT_DIR, test, testKey } from './fixtures';

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.locator('.canvas-frame').boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (from[0] + ((to[0] - from[0]) * i) / 8), box.y + box.height * (from[1] + ((to[1] - from[1]) * i) / 8));
  await page.mouse.up();
}

test.describe('masked edits composited locally', () => {
  test('a masked edit whose outside pixels are unchanged, asserted from the stored file', async ({ launch }) => {
    const app = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1440, height: 900 } });
    const { page, atelier } = app;
    await dropPhotoOnCanvas(page, 1200, 800);
    // An arrow alone has no mask: the canvas says nothing will be composited.
    await page.keyboard.press('a');
    await drag(page, [0.2, 0.2], [0.4, 0.4]);
    await expect(page.getByTestId('composite-note')).toContainText('Arrows and notes have no mask, so nothing is composited');
    await page.getByTestId('undo').click();
    await page.keyboard.press('r');
    await drag(page, [0.45, 0.4], [0.6, 0.6]);
    await page.getByTestId('feather').fill('8');
    await expect(page.getByTestId('feather-value')).toHaveText('8px');
    await expect(page.getByTestId('composite-note')).toContainText('Only the painted region changes');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composite-canvas-1440x900.png') });
    await page.getByTestId('edit-instruction').fill('put a red boat here');
    await page.getByTestId('edit-send').click();
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('ba-composited')).toHaveAttribute('aria-pressed', 'true');

    // The stored result: the original's size, and not one pixel changed outside mask + feather.
    const job = atelier.queue.list().find((j) => j.request.edit)!;
    const resultId = job.assetIds[0]!;
    const baseId = (job.request.references[0] as { assetId: string }).assetId;
    const lib = atelier.library;
    const stored = lib.fileOf(resultId, 'original')!;
    expect(fs.existsSync(stored.path)).toBe(true);
    const [after, before] = await Promise.all([stored.path, lib.fileOf(baseId, 'original')!.path].map((f) => sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
    expect([after!.info.width, after!.info.height]).toEqual([1200, 800]);
    const maskSha = job.request.edit!.marks.find((m) => m.role === 'mask')!.sha256;
    const mask = (await sharp(lib.blobFile(maskSha)!.path).extractChannel(0).raw().toBuffer()) as Buffer;
    // Conservative zone: anything within 8 px of a masked pixel along x and y (a square around the disc).
    const W = 1200;
    const H = 800;
    const near = new Uint8Array(W * H);
    const rows = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (mask[y * W + x]) for (let d = -8; d <= 8; d++) if (x + d >= 0 && x + d < W) rows[y * W + x + d] = 1;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (rows[y * W + x]) for (let d = -8; d <= 8; d++) if (y + d >= 0 && y + d < H) near[(y + d) * W + x] = 1;
    let changedOutside = 0;
    let changedInside = 0;
    let masked = 0;
    for (let i = 0; i < W * H; i++) {
      const same = after!.data[i * 3] === before!.data[i * 3] && after!.data[i * 3 + 1] === before!.data[i * 3 + 1] && after!.data[i * 3 + 2] === before!.data[i * 3 + 2];
      if (!near[i] && !same) changedOutside++;
      if (mask[i]) {
        masked++;
        if (!same) changedInside++;
      }
    }
    expect(masked).toBeGreaterThan(1000);
    expect(changedOutside).toBe(0);
    expect(changedInside).toBeGreaterThan(masked * 0.9);

    // The model's whole image is kept beside it, and shown on request.
    await page.getByTestId('ba-model-whole').click();
    await expect(page.getByTestId('ba-after')).toHaveAttribute('src', /\/thoughts\/[0-9a-f]{64}$/);
    await expect(page.getByTestId('ba-slider')).toContainText("Model's whole image");
    expect(await axeViolations(page, { include: '[data-testid="edit-view"]' })).toEqual([]);
    // L looks closely at before and the model's whole image: its other size is said, not hidden.
    await page.keyboard.press('l');
    await expect(page.getByTestId('ba-look')).toBeVisible();
    await page.keyboard.press('d');
    await expect(page.getByTestId('look-diff-percent')).toContainText('% of pixels differ');
    await expect(page.getByTestId('look-note')).toContainText('1200×800');
    await expect(page.getByTestId('look-note')).toContainText('1264×848');
    // Against the composite, only the marked rectangle (and its feather) differs from before.
    await page.getByTestId('ba-composited').click();
    await page.keyboard.press('d');
    await expect(page.getByTestId('look-note')).toContainText('Both are 1200×800.');
    const share = Number((await page.getByTestId('look-diff-percent').innerText()).split(' ')[0]);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(10);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composite-look-diff-1440x900.png') });
    await page.getByTestId('ba-mode-slider').click();
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1024, height: 680 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(size);
      const which = (await page.getByTestId('ba-which').boundingBox())!;
      expect(which.x + which.width).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `composite-before-after-${size.width}x${size.height}.png`) });
    }
  });

  test("an answer in another shape is kept whole, and the result says why", async ({ launch }) => {
    const app = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1440, height: 900 } });
    const { page, atelier } = app;
    // 5:2 is no shape Gemini draws: the fake answers at its nearest (21:9), beyond the tolerance.
    await dropPhotoOnCanvas(page, 1000, 400);
    await page.keyboard.press('r');
    await drag(page, [0.45, 0.4], [0.6, 0.6]);
    await page.getByTestId('edit-instruction').fill('put a red boat here');
    await page.getByTestId('edit-send').click();
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 20_000 });
    const note = page.getByTestId('kept-whole-note');
    await expect(note).toContainText(/^Gemini answered in a different shape \(\d+×\d+ for your 1000×400 photo\), so the whole image is kept as it came; outside your mask it may differ\./);
    // Not composited: no "Composited / Model's whole image" choice, and the result is the answer itself.
    await expect(page.getByTestId('ba-which')).toHaveCount(0);
    const job = atelier.queue.list().find((j) => j.request.edit)!;
    expect(job.state).toBe('succeeded');
    const result = atelier.library.get(job.assetIds[0]!);
    expect(result.keptWhole?.base).toEqual({ width: 1000, height: 400 });
    expect(result.width / result.height).not.toBeCloseTo(2.5, 1);
    expect(await axeViolations(page, { include: '[data-testid="edit-view"]' })).toEqual([]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1024, height: 680 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(size);
      const box = (await note.boundingBox())!;
      expect(box.width).toBeGreaterThan(100);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await expect(note).toBeInViewport();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `composite-kept-whole-${size.width}x${size.height}.png`) });
    }
  });
});
