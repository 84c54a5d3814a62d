/**
 * The stage gives the images the window (issue 16: defects 1, 3 and 7, the collapsed dock, the
 * filmstrip in short windows). Sizes are read from bounding boxes, at the window sizes the issue
 * measured.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations, useScheme } from '../harness/axe';

type Box = { x: number; y: number; width: number; height: number };

/** The pictures as drawn: each <img> is object-fit: contain, so its drawn size comes from its natural ratio. */
async function drawnImages(page: Page): Promise<Box[]> {
  return page.getByTestId('stage-result').locator('img').evaluateAll((imgs) =>
    imgs.map((el) => {
      const img = el as HTMLImageElement;
      const r = img.getBoundingClientRect();
      const ratio = img.naturalWidth / img.naturalHeight;
      const width = Math.min(r.width, r.height * ratio);
      const height = width / ratio;
      return { x: r.x + (r.width - width) / 2, y: r.y + (r.height - height) / 2, width, height };
    }),
  );
}

async function allImagesLoaded(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('stage-result')).toHaveCount(count, { timeout: 30_000 });
  await expect
    .poll(() => page.getByTestId('stage-result').locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)))
    .toBe(true);
}

async function generateSet(page: Page, prompt: string, count: number, ratio = '1:1'): Promise<void> {
  await page.getByTestId(`count-${count}`).click();
  await page.getByTestId('aspect-select').selectOption(ratio);
  await page.getByTestId('prompt-input').fill(prompt);
  await page.getByTestId('generate-button').click();
}

async function jobStates(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const res = (await window.atelier!.invoke('jobs.list')) as { ok: boolean; data: Array<{ state: string }> };
    return res.data.map((j) => j.state);
  });
}

/** The frame each cell draws (placeholder, loading image or image): the box a person sees. */
async function cellFrames(page: Page): Promise<Box[]> {
  return page.getByTestId('stage-cell').evaluateAll((cells) => cells.map((c) => (c.firstElementChild as HTMLElement).getBoundingClientRect().toJSON() as Box));
}

const SIZES = [
  { width: 1440, height: 900, min: 280 },
  { width: 1024, height: 680, min: 180 },
  { width: 800, height: 600, min: 110 },
] as const;

test.describe('the stage', () => {
  for (const size of SIZES) {
    test(`defect 1 (sets are small): at ${size.width}×${size.height} each square of a ×4 set is at least ${size.min} px, in both themes`, async ({ launch }) => {
      const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: size.width, height: size.height } });
      await generateSet(page, 'four teacups, each a different glaze', 4);
      await allImagesLoaded(page, 4);
      const images = await drawnImages(page);
      expect(images).toHaveLength(4);
      for (const b of images) expect(Math.min(b.width, b.height), `an image of ${Math.round(b.width)}×${Math.round(b.height)} px`).toBeGreaterThanOrEqual(size.min);
      const dock = (await page.locator('.prompt-dock').boundingBox())!;
      for (const b of images) {
        // Whole, inside the window, and clear of the dock.
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(size.width + 0.5);
        expect(b.y + b.height).toBeLessThanOrEqual(dock.y + 0.5);
      }
      for (const scheme of ['light', 'dark'] as const) {
        await useScheme(page, scheme);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `stage-x4-${size.width}x${size.height}-${scheme}.png`), animations: 'disabled' });
      }
    });
  }

  test('defect 1 (sets are small): a single result is at least 560 px at 1440×900', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    await generateSet(page, 'a cactus in a terracotta pot', 1);
    await allImagesLoaded(page, 1);
    const [b] = await drawnImages(page);
    expect(Math.min(b!.width, b!.height)).toBeGreaterThanOrEqual(560);
  });

  test('the grid follows the stage: four squares are one row on a wide stage, 2 × 2 on a squarer one', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 640 } });
    await generateSet(page, 'four pebbles', 4);
    await allImagesLoaded(page, 4);
    const rows = async () => new Set((await drawnImages(page)).map((b) => Math.round(b.y))).size;
    expect(await rows()).toBe(1);
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(rows).toBe(2);
  });

  test('once a result is on the stage the dock is one row: the prompt, Options with the choices as chips, ×N and Generate', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    const dock = page.getByTestId('prompt-dock');
    await expect(dock).toHaveAttribute('data-collapsed', 'false');
    const tall = (await dock.boundingBox())!.height;
    await generateSet(page, 'a paper boat on a puddle', 2, '3:4');
    await expect(dock).toHaveAttribute('data-collapsed', 'true');
    // The prompt keeps focus through the change (same element), and what was typed stays.
    await expect(page.getByTestId('prompt-input')).toHaveValue('a paper boat on a puddle');
    const box = (await dock.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(64);
    expect(box.height).toBeLessThan(tall / 2);
    const centre = async (id: string) => {
      const b = (await page.getByTestId(id).first().boundingBox())!;
      return b.y + b.height / 2;
    };
    const mid = await centre('prompt-input');
    for (const id of ['options-toggle', 'count-2', 'generate-button']) expect(Math.abs((await centre(id)) - mid), id).toBeLessThan(8);
    await expect(page.getByTestId('options-chip')).toContainText(['Flash', '3:4']);

    // The popover holds the same pickers; Esc closes it and gives focus back to its button.
    await expect(page.getByTestId('aspect-select')).toBeHidden();
    await page.getByTestId('options-toggle').click();
    await expect(page.getByTestId('options-popover')).toBeVisible();
    await page.getByTestId('aspect-select').selectOption('16:9');
    await expect(page.getByTestId('options-chip')).toContainText(['Flash', '16:9']);
    await allImagesLoaded(page, 2);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'studio-dock-options.png') });
    expect(await axeViolations(page, { include: '[data-testid="prompt-dock"]' })).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('options-popover')).toBeHidden();
    await expect(page.getByTestId('options-toggle')).toBeFocused();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'studio-dock-collapsed.png') });
  });

  test('the filmstrip shows at 1440×900 and hides below 700 px of height', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    await generateSet(page, 'a brass compass', 1);
    await allImagesLoaded(page, 1);
    await expect(page.getByTestId('filmstrip-item')).toBeVisible();
    await page.setViewportSize({ width: 1024, height: 680 });
    await expect(page.getByTestId('filmstrip-item')).toBeHidden();
  });

  test('defect 3 (blank tiles): a placeholder keeps its box until its image has loaded, then the image takes the same box', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    // The pictures are held back until the test lets them go, as a slow disk or a 4K decode would.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    await page.route(/\/assets\/[0-9a-f-]+(\/screen\/\d+|\/thumb)?$/, async (route) => {
      held.push(route.request().url());
      await gate;
      await route.continue();
    });
    fake.latencyMs = 800;
    await generateSet(page, 'four teacups, each a different glaze', 4);
    await expect(page.getByTestId('stage-placeholder')).toHaveCount(4);
    const before = await cellFrames(page);

    await expect.poll(() => jobStates(page), { timeout: 30_000 }).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    await expect.poll(() => held.length).toBeGreaterThanOrEqual(4);
    // Finished, but the pictures are not in: every tile still shows its placeholder, in the same box.
    await expect(page.getByTestId('stage-cell').getByTestId('stage-placeholder')).toHaveCount(4);
    for (const p of await page.getByTestId('stage-placeholder').all()) await expect(p).toBeVisible();
    const waiting = await cellFrames(page);
    waiting.forEach((b, i) => expect(b).toEqual(before[i]));

    release();
    await allImagesLoaded(page, 4);
    await expect(page.getByTestId('stage-placeholder')).toHaveCount(0);
    const after = await cellFrames(page);
    // No jump: each image sits exactly where its placeholder was.
    after.forEach((b, i) => {
      expect(Math.abs(b.x - before[i]!.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.y - before[i]!.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.width - before[i]!.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.height - before[i]!.height)).toBeLessThanOrEqual(1);
    });
  });

  test('per-image actions lie over the image on hover or keyboard focus, with no caption row under it', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    await generateSet(page, 'a heron in fog', 1);
    await allImagesLoaded(page, 1);
    const [img] = await drawnImages(page);
    const reroll = page.getByTestId('stage-reroll');
    const opacity = () => reroll.evaluate((el) => getComputedStyle(el.parentElement!).opacity);
    await page.mouse.move(5, 5);
    await expect.poll(opacity).toBe('0');
    // Keyboard: Tab from the result reaches the actions, which show, with a visible focus ring.
    await page.getByTestId('stage-result').focus();
    await page.keyboard.press('Tab');
    await expect(reroll).toBeFocused();
    await expect.poll(opacity).toBe('1');
    expect(await reroll.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    const b = (await reroll.boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(img!.y + img!.height + 0.5);
    expect(b.y).toBeGreaterThanOrEqual(img!.y);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'stage-actions.png'), animations: 'disabled' });
  });

  test('defect 7 ("Edit this" wiped the prompt): "Use as reference" keeps the prompt and offers Undo', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await generateSet(page, 'a quiet harbour', 1, '16:9');
    await allImagesLoaded(page, 1);
    const id = await page.getByTestId('stage-result').locator('img').evaluate((i) => new URL((i as HTMLImageElement).src).pathname.split('/')[2]!);
    await page.getByTestId('prompt-input').fill('the same harbour in a snowstorm');
    await page.getByTestId('stage-result').hover();
    await page.getByTestId('stage-use-reference').click({ timeout: 5_000 });
    await expect(page.getByTestId('prompt-input')).toHaveValue('the same harbour in a snowstorm');
    await expect(page.getByTestId('reference-item')).toHaveCount(1);
    await expect(page.getByTestId('reference-item').first()).toHaveAttribute('data-asset-id', id);
    await expect(page.getByTestId('options-chip')).toContainText(['16:9', '1 reference']);
    await page.getByTestId('reference-undo').click();
    await expect(page.getByTestId('reference-item')).toHaveCount(0);
    await expect(page.getByTestId('prompt-input')).toHaveValue('the same harbour in a snowstorm');
  });

  test('defect 7 (the canvas could not be reached from a result): "Mark & edit" opens it from the stage, the viewer (E), the filmstrip and the library', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio', viewport: { width: 1440, height: 900 } });
    await generateSet(page, 'a red door in a white wall', 1);
    await allImagesLoaded(page, 1);
    const onCanvas = async () => {
      await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
      await expect(page.getByTestId('edit-stage')).toBeVisible();
      await goTo(page, 'studio');
      await allImagesLoaded(page, 1);
    };
    // The stage's own action, by mouse.
    await page.getByTestId('stage-result').hover();
    await page.getByTestId('stage-mark-edit').click({ timeout: 5_000 });
    await onCanvas();
    // The same from the keyboard: E on a focused result.
    await page.getByTestId('stage-result').focus();
    await page.keyboard.press('e');
    await onCanvas();
    // The viewer: Enter opens it on the result, E takes the image to the canvas.
    await page.getByTestId('stage-result').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('viewer')).toBeVisible();
    await page.keyboard.press('e');
    await expect(page.getByTestId('viewer')).toBeHidden();
    await onCanvas();
    // The filmstrip: E on a thumbnail.
    await page.getByTestId('filmstrip-item').first().focus();
    await page.keyboard.press('e');
    await onCanvas();
    // The library's detail.
    await goTo(page, 'library');
    await page.getByTestId('asset-tile').first().click();
    await page.getByTestId('detail-canvas').click();
    await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('edit-stage')).toBeVisible();
  });
});
