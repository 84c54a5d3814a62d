import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, generate, saveKeyThroughOnboarding, test, testKey } from './fixtures';
import type { LaunchedApp } from '../harness/launchApp';

/** Artefacts of a test run; never tracked files. */
const SHOTS = path.join('test-results', 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

const SHAPES: Array<[prompt: string, ratio: string, w: number, h: number]> = [
  ['A wide harbour at noon', '16:9', 16, 9],
  ['A tall lighthouse at night', '9:16', 9, 16],
  ['A square tile of moss', '1:1', 1, 1],
];

const NEWEST_FIRST = [...SHAPES].reverse();

/**
 * Each one is stored before the next is asked for, as a person waiting for each picture would see
 * them: "Newest" then has one order. (Sent together, the queue runs them side by side and the one
 * that happens to finish last is the newest.)
 */
async function threeShapes(app: LaunchedApp): Promise<void> {
  const { page, atelier } = app;
  await saveKeyThroughOnboarding(page, testKey());
  for (const [i, [prompt, ratio]] of SHAPES.entries()) {
    await generate(page, prompt, { aspectRatio: ratio });
    await expect.poll(() => atelier.db.prepare('SELECT COUNT(*) FROM generations').pluck().get()).toBe(i + 1);
  }
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('library-scroll').getByTestId('asset-tile')).toHaveCount(SHAPES.length);
}

test('the library grid keeps each image its own shape, in rows that fill the width', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await threeShapes(app);
  const grid = page.getByTestId('library-grid');
  for (const [prompt, , w, h] of SHAPES) {
    const box = (await grid.getByRole('option', { name: prompt }).boundingBox())!;
    // Within a pixel of rounding either way.
    expect(Math.abs(box.width / box.height - w / h)).toBeLessThan(0.03);
  }
  // One row here: the same height for all, and the row spans the grid's width.
  const boxes = await Promise.all(SHAPES.map(([p]) => grid.getByRole('option', { name: p }).boundingBox()));
  const heights = new Set(boxes.map((b) => Math.round(b!.height)));
  expect(heights.size).toBe(1);
  await page.screenshot({ path: path.join(SHOTS, 'library.png') });
});

test('viewer: Space opens, arrows move, 1–5 rate, 0 clears, F favourites, Z zooms, I shows facts, Esc closes back to the tile', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await threeShapes(app);
  const tiles = page.getByTestId('library-grid').getByTestId('asset-tile');

  // A click selects and shows the details, with a way to the viewer.
  await tiles.first().click();
  await expect(page.getByTestId('asset-detail')).toBeVisible();
  await expect(tiles.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('viewer')).toBeHidden();

  await tiles.first().focus();
  await page.keyboard.press('Space');
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByTestId('viewer-count')).toHaveText('1 / 3');
  // The thumbnail is replaced by the full file once it is decoded.
  await expect(viewer.getByTestId('viewer-image')).toHaveAttribute('data-kind', 'full');
  const first = await viewer.getByTestId('viewer-image').getAttribute('data-asset-id');

  await page.keyboard.press('ArrowRight');
  await expect(viewer.getByTestId('viewer-count')).toHaveText('2 / 3');
  const second = await viewer.getByTestId('viewer-image').getAttribute('data-asset-id');
  expect(second).not.toBe(first);
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.getByTestId('viewer-count')).toHaveText('1 / 3');
  await page.keyboard.press('ArrowRight');
  // Rate once the second image is the one shown: a key pressed before that rates the first.
  await expect(viewer.getByTestId('viewer-count')).toHaveText('2 / 3');

  await page.keyboard.press('4');
  await expect(viewer.getByTestId('viewer-star-4')).toHaveAttribute('aria-pressed', 'true');
  await expect(viewer.getByTestId('viewer-star-5')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('f');
  await expect(viewer.getByTestId('viewer-favorite')).toHaveAttribute('aria-pressed', 'true');

  // Fit ↔ 1:1 (the newest, square image is taller than the stage, so 1:1 is a zoom in).
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.getByTestId('viewer-zoom-toggle')).toHaveText('Fit');
  await page.keyboard.press('z');
  await expect(viewer.getByTestId('viewer-zoom-toggle')).toHaveText('100 %');
  await page.keyboard.press('z');
  await expect(viewer.getByTestId('viewer-zoom-toggle')).toHaveText('Fit');

  await page.keyboard.press('i');
  await expect(viewer.getByTestId('viewer-facts').getByTestId('detail-prompt')).toHaveText(NEWEST_FIRST[0]![0]);
  await page.screenshot({ path: path.join(SHOTS, 'viewer.png') });
  await page.keyboard.press('ArrowRight');
  await expect(viewer.getByTestId('viewer-facts').getByTestId('detail-prompt')).toHaveText(NEWEST_FIRST[1]![0]);
  await page.keyboard.press('0');
  await expect(viewer.getByTestId('viewer-star-4')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('3');

  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  // Focus is back where the viewer was opened from, and the library shows what was done there.
  await expect(tiles.first()).toBeFocused();
  const rated = page.getByTestId('library-grid').getByRole('option', { name: NEWEST_FIRST[1]![0] });
  await expect(rated).toHaveAccessibleName(/favourite, 3 stars/);
  await page.getByTestId('library-view-favorites').click();
  await expect(tiles).toHaveCount(1);
});

test('viewer: double-click opens, Delete moves to the trash and shows the next, the detail panel has a view action', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await threeShapes(app);
  const tiles = page.getByTestId('library-grid').getByTestId('asset-tile');
  await tiles.nth(1).dblclick();
  const viewer = page.getByTestId('viewer');
  await expect(viewer.getByTestId('viewer-count')).toHaveText('2 / 3');
  const gone = await viewer.getByTestId('viewer-image').getAttribute('data-asset-id');
  await page.keyboard.press('Delete');
  await expect(viewer.getByTestId('viewer-count')).toHaveText('2 / 2');
  await expect(viewer.getByTestId('viewer-image')).not.toHaveAttribute('data-asset-id', gone!);
  await viewer.getByTestId('viewer-close').click();
  await expect(viewer).toBeHidden();
  await expect(tiles).toHaveCount(2);

  await tiles.first().click();
  await page.getByTestId('detail-view').click();
  await expect(viewer).toBeVisible();
  await expect(viewer.getByTestId('viewer-count')).toHaveText('1 / 2');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});

test('viewer: a large original shows as a screen-sized copy at fit, and in its own pixels once zoomed to 1:1', async ({ launch }) => {
  const app = await launch({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  // A 3000×2000 photo: larger than the 1920-px copy a 1440-px window asks for.
  const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 40, g: 90, b: 140 } } }).png().toBuffer();
  const res = await app.atelier.router.handle({ url: page.url(), isMainFrame: true }, 'library.import', { files: [{ name: 'wide.png', dataBase64: big.toString('base64') }] });
  expect(res.ok).toBe(true);
  await page.getByTestId('nav-library').click();
  const tile = page.getByTestId('library-grid').getByTestId('asset-tile').first();
  await tile.focus();
  await page.keyboard.press('Space');
  const image = page.getByTestId('viewer').getByTestId('viewer-image');
  await expect(image).toHaveAttribute('data-kind', 'full');
  // The fit image is main's copy, 1920 px long, not the 3000-px original.
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight, new URL(img.src).pathname.endsWith('/screen/1920')])).toEqual([1920, 1280, true]);
  await expect(image).toHaveAttribute('data-original', 'not-needed');
  // 1:1 needs more pixels than the copy holds: the original comes in over it.
  await page.keyboard.press('z');
  await expect(page.getByTestId('viewer-zoom-toggle')).toHaveText('100 %');
  await expect(image).toHaveAttribute('data-original', 'shown');
  expect(await page.locator('.viewer-original').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(3000);
  // Made once, kept beside the library's files.
  const previews = path.join(app.atelier.library.store.root, 'previews');
  expect(fs.readdirSync(previews, { recursive: true }).filter((f) => String(f).endsWith('-1920.jpg'))).toHaveLength(1);
});

test('library: a large image that keeps focus has its screen-sized copy made before anyone presses Space', async ({ launch }) => {
  // The background would make the copy too: held back here (it waits an hour after the queue's
  // last job, and one job runs first), so only the focus can have asked.
  const app = await launch({ viewport: { width: 1440, height: 900 }, tuning: { thumbnailQuietMs: 3_600_000 } });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await generate(page, 'A lantern on a sill');
  const big = await sharp({ create: { width: 2800, height: 2000, channels: 3, background: { r: 140, g: 90, b: 40 } } }).png().toBuffer();
  const res = await app.atelier.router.handle({ url: page.url(), isMainFrame: true }, 'library.import', { files: [{ name: 'tall.png', dataBase64: big.toString('base64') }] });
  expect(res.ok).toBe(true);
  const previews = app.atelier.library.screens.dir;
  const copies = () => (fs.existsSync(previews) ? fs.readdirSync(previews, { recursive: true }).map(String).filter((f) => f.endsWith('-1920.jpg')).length : 0);
  expect(copies()).toBe(0);
  await page.getByTestId('nav-library').click();
  // The tile meant, by its name: the generated image shares the moment, and so the sort's first place.
  const tile = page.getByTestId('library-grid').getByRole('option', { name: 'tall.png', exact: true });
  await tile.focus();
  await expect(tile).toBeFocused();
  await expect.poll(copies).toBe(1);
  await expect(page.getByTestId('viewer')).toBeHidden();
});

