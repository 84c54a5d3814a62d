/**
 * Finding, not filing (issue 19): near-duplicates found offline by perceptual hash, the question
 * an import asks about them, the Duplicates view (keep one, undo) and "Similar" in the viewer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LaunchedApp } from '../harness/launchApp';
import { scene, variantsOf } from '../support/scenes';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations } from '../harness/axe';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
] as const;

/** A folder of photos, written beside the app's data directory. */
async function folder(app: LaunchedApp, name: string, files: Record<string, Buffer>): Promise<string> {
  const dir = path.join(fs.mkdtempSync(path.join(app.userDataDir, '..', 'photos-')), name);
  fs.mkdirSync(dir);
  for (const [file, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), bytes);
  return dir;
}

/** Imports a folder through the Import folder button (main's own dialog, answered by the harness). */
async function importFolder(app: LaunchedApp, dir: string, tiles: number): Promise<void> {
  app.desktop.picks.folder = dir;
  await app.page.getByTestId('import-folder-button').click();
  await expect(app.page.getByTestId('import-progress')).toHaveAttribute('data-phase', 'finished');
  await expect(app.page.getByTestId('library-grid').getByTestId('asset-tile')).toHaveCount(tiles);
}

test('importing a folder with near-duplicates says how many were already there, and "Skip them" trashes those', async ({ launch }) => {
  const app = await launch({ screen: 'library' });
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  const harbour = await scene(3);
  const forest = await scene(42);
  await importFolder(app, await folder(app, 'before', { 'harbour.png': harbour, 'forest.png': forest }), 2);
  await page.getByTestId('import-dismiss').click();

  const v = await variantsOf(harbour);
  await importFolder(app, await folder(app, 'trip', { 'harbour-again.jpg': v.jpeg, 'harbour-crop.png': v.cropped, 'dunes.png': await scene(77) }), 5);
  await expect(page.getByTestId('import-near-text')).toHaveText('2 of these 3 photos are already in your library (near-identical).');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'finding-import-question.png') });
  await page.getByTestId('import-near-skip').click();
  await expect(page.getByTestId('import-near-done')).toContainText('moved to the trash');
  await expect(page.getByTestId('library-grid').getByTestId('asset-tile')).toHaveCount(3);
  await page.getByTestId('library-view-trash').click();
  await expect(page.getByTestId('library-grid').getByTestId('asset-tile')).toHaveCount(2);
});

test('the Duplicates view groups near-identical photos, keeps the suggested one of each, and Undo brings the rest back', async ({ launch }) => {
  const app = await launch({ screen: 'library' });
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  const harbour = await scene(3);
  const forest = await scene(42);
  const h = await variantsOf(harbour);
  const f = await variantsOf(forest);
  await importFolder(
    app,
    await folder(app, 'shoot', { 'harbour.png': harbour, 'harbour.jpg': h.jpeg, 'harbour-crop.png': h.cropped, 'forest.png': forest, 'forest-small.png': f.resized, 'dunes.png': await scene(77) }),
    6,
  );
  await page.getByTestId('import-dismiss').click();
  await page.getByTestId('library-view-duplicates').click();
  const view = page.getByTestId('duplicates-view');
  const groups = view.getByTestId('dups-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.first().getByTestId('dups-member')).toHaveCount(3);
  // The keeper of the harbour group is the largest of equals: the full-size PNG, not the crop or the JPEG.
  await expect(groups.first().getByTestId('dups-keeper')).toHaveAttribute('title', /largest.*Rule: highest rated, then largest, then newest/);

  // "Exact" leaves the 5 % crop out.
  await view.getByTestId('dups-level').fill('0');
  await expect(view.getByTestId('dups-level-value')).toContainText('Exact');
  await expect(groups.first().getByTestId('dups-member')).toHaveCount(2);
  await view.getByTestId('dups-level').fill('1');
  await expect(groups.first().getByTestId('dups-member')).toHaveCount(3);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const box = await view.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(size.width);
    expect(box!.width).toBeGreaterThan(size.width * 0.5);
    const tile = await groups.first().getByTestId('dups-member').first().boundingBox();
    expect(tile!.width).toBeGreaterThanOrEqual(140);
    await expect(view.getByTestId('dups-keep-all')).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `finding-duplicates-${size.width}x${size.height}.png`) });
  }
  expect(await axeViolations(page)).toEqual([]);

  await view.getByTestId('dups-keep-all').click();
  await expect(view.getByTestId('dups-empty')).toBeVisible();
  await expect(page.getByTestId('notice').filter({ hasText: 'Moved 3 images to the trash.' })).toBeVisible();
  await view.getByTestId('dups-undo').click();
  await expect(groups).toHaveCount(2);
  await page.getByTestId('library-view-all').click();
  await expect(page.getByTestId('library-grid').getByTestId('asset-tile')).toHaveCount(6);
});

test('"Similar" in the viewer lists the near-duplicates first and opens one', async ({ launch }) => {
  const app = await launch({ screen: 'library' });
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  const harbour = await scene(3);
  await importFolder(app, await folder(app, 'set', { 'a-harbour.png': harbour, 'b-harbour.jpg': (await variantsOf(harbour)).jpeg, 'c-dunes.png': await scene(77) }), 3);
  // The library shows newest first; find the PNG's tile by its name.
  const tile = page.getByTestId('library-grid').getByTestId('asset-tile').filter({ has: page.locator('img[alt="a-harbour.png"]') });
  // A click selects it and opens the detail panel (the grid reflows under the pointer); Enter views it.
  await tile.click();
  await expect(page.getByTestId('detail-similar')).toBeVisible();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('viewer');
  await viewer.getByTestId('viewer-similar-toggle').click();
  const near = viewer.getByTestId('viewer-similar-list-near');
  await expect(near).toHaveCount(1);
  await expect(near.locator('img')).toHaveAttribute('alt', 'b-harbour.jpg');
  await near.click();
  await expect(viewer.locator('.viewer-title')).toHaveText('b-harbour.jpg');
});

test('turning on search by meaning shows its price first; then "lighthouse" finds the lighthouse pictures, each kind of match labelled', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  for (const prompt of ['a lighthouse at dusk', 'a bowl of oranges', 'a red bicycle in the rain']) {
    await generate(page, prompt);
    await expect(page.getByTestId('stage-result').filter({ has: page.locator(`img[alt="${prompt}"]`) })).toHaveCount(1, { timeout: 15_000 });
  }
  await goTo(page, 'settings');
  const section = page.getByTestId('settings-meaning');
  // The price of the whole library is shown before anything is sent.
  await expect(section.getByTestId('meaning-price')).toHaveText('Turning it on sends your 3 pictures once, for about $0.0004; new pictures cost about $0.00012 each.');
  await expect(section.getByTestId('meaning-toggle')).not.toBeChecked();
  await section.getByTestId('meaning-toggle').check();
  await expect(section.getByTestId('meaning-price')).toHaveText('All 3 pictures are ready to search by meaning.');

  await goTo(page, 'library');
  await page.getByTestId('library-search').fill('lighthouse');
  const results = page.getByTestId('meaning-results');
  await expect(results).toHaveAttribute('data-state', 'ready');
  await expect(results.getByTestId('meaning-hit').first().locator('img')).toHaveAttribute('alt', 'a lighthouse at dusk');
  await expect(results.getByTestId('meaning-hit')).toHaveCount(1);
  await expect(results).toContainText('By meaning');
  await expect(results.getByTestId('meaning-words-label')).toHaveText('By words · 1 match below');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const box = await results.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(size.width);
    await expect(results.getByTestId('meaning-hit').first()).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `finding-meaning-${size.width}x${size.height}.png`) });
  }
  expect(await axeViolations(page)).toEqual([]);
});
