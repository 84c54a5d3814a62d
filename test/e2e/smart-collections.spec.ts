/**
 * Issue 19 §3: a smart collection is a kept search in the library's sidebar whose count follows
 * the library while you look; it can be renamed in place, and kept as a search by meaning.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { axeInBothThemes } from '../harness/axe';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIZES = [[1440, 900], [1024, 680], [800, 600]] as const;

async function keepSearch(page: Page, name: string): Promise<void> {
  await page.getByTestId('smart-collection-create').click();
  await page.getByTestId('smart-collection-name').fill(name);
  await page.getByTestId('smart-collection-name-save').click();
}

test('a smart collection updating live', async ({ launch }) => {
  const { page } = await launch({ screen: 'library' });
  await saveKeyThroughOnboarding(page, testKey());
  for (const prompt of ['A lighthouse at dusk', 'Lighthouse keeper reading', 'A red car at night']) await generate(page, prompt);
  await goTo(page, 'library');
  await expect(page.getByTestId('asset-tile')).toHaveCount(3);

  // Keep the search "lighthouse" from the library's sidebar: no Filters panel needed.
  const sidebar = page.getByTestId('library-sidebar');
  await expect(sidebar.getByTestId('smart-collections')).toBeVisible();
  await page.getByTestId('library-search').fill('lighthouse');
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);
  await keepSearch(page, 'Lighthouses');
  const item = sidebar.getByTestId('smart-collection').filter({ hasText: 'Lighthouses' });
  await expect(item.getByTestId('smart-collection-count')).toHaveText('2');

  // Live: trashing one from the grid moves the count while the collection is on screen.
  await page.getByTestId('library-search').fill('');
  await expect(page.getByTestId('asset-tile')).toHaveCount(3);
  await page.getByTestId('asset-tile').filter({ has: page.locator('img[alt="A lighthouse at dusk"]') }).click();
  await page.getByTestId('detail-trash').click();
  await expect(item.getByTestId('smart-collection-count')).toHaveText('1');

  // A new matching image made in the studio is counted when the library is back.
  await generate(page, 'A lighthouse in fog');
  await goTo(page, 'library');
  await expect(item.getByTestId('smart-collection-count')).toHaveText('2');

  // Showing it runs the kept search.
  await item.getByTestId('smart-collection-show').click();
  await expect(page.getByTestId('library-search')).toHaveValue('lighthouse');
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const box = await sidebar.boundingBox();
    expect(box, `${w}x${h}`).toBeTruthy();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(w + 1);
    expect(box!.width).toBeGreaterThanOrEqual(160);
    // The grid keeps most of the width beside it.
    const grid = await page.getByTestId('library-scroll').boundingBox();
    expect(grid!.width, `${w}x${h}`).toBeGreaterThan(box!.width);
    await expect(item.getByTestId('smart-collection-count')).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `smart-collections-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="library-sidebar"]' })).toEqual([]);
});

test('renaming a smart collection in place: Escape keeps the old name, an empty name is not accepted, Enter renames', async ({ launch }) => {
  const { page } = await launch({ screen: 'library' });
  await saveKeyThroughOnboarding(page, testKey());
  await generate(page, 'A lighthouse at dusk');
  await goTo(page, 'library');
  await page.getByTestId('library-search').fill('lighthouse');
  await keepSearch(page, 'Zzz lighthouses');
  await page.getByTestId('library-search').fill('');
  await keepSearch(page, 'Everything');
  const sidebar = page.getByTestId('library-sidebar');
  await expect(sidebar.getByTestId('smart-collection-show')).toHaveText([/Everything/, /Zzz lighthouses/]);

  const item = sidebar.getByTestId('smart-collection').filter({ hasText: 'Zzz lighthouses' });
  await item.getByTestId('smart-collection-rename').click();
  const input = sidebar.getByTestId('smart-collection-rename-input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('Zzz lighthouses');
  await input.press('Escape');
  await expect(sidebar.getByTestId('smart-collection-show')).toHaveText([/Everything/, /Zzz lighthouses/]);

  await sidebar.getByTestId('smart-collection').filter({ hasText: 'Zzz lighthouses' }).getByTestId('smart-collection-rename').click();
  await input.fill('   ');
  await expect(sidebar.getByTestId('smart-collection-rename-input-save')).toBeDisabled();
  await input.fill('All lighthouses');
  await input.press('Enter');
  // Renamed, and placed by its new name.
  await expect(sidebar.getByTestId('smart-collection-show')).toHaveText([/All lighthouses\s*1/, /Everything/]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'smart-collections-renamed.png') });
});

test('a smart collection kept while search by meaning is on shows the meaning matches; turned off, it says it shows word matches only', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  for (const prompt of ['a lighthouse at dusk', 'a bowl of oranges']) {
    await generate(page, prompt);
    await expect(page.getByTestId('stage-result').filter({ has: page.locator(`img[alt="${prompt}"]`) })).toHaveCount(1, { timeout: 15_000 });
  }
  await goTo(page, 'settings');
  await page.getByTestId('meaning-toggle').check();
  await expect(page.getByTestId('meaning-price')).toHaveText('All 2 pictures are ready to search by meaning.');

  await goTo(page, 'library');
  await page.getByTestId('library-search').fill('lighthouse');
  // The matches by meaning arrive above the sidebar once the vectors are read (on a worker, the
  // first time): a person keeps the search after seeing them, not while the sidebar moves down.
  await expect(page.getByTestId('meaning-results')).toHaveAttribute('data-state', 'ready');
  await keepSearch(page, 'Lighthouses by meaning');
  const item = page.getByTestId('library-sidebar').getByTestId('smart-collection').filter({ hasText: 'Lighthouses by meaning' });
  await expect(item).toHaveAttribute('data-meaning', 'on');
  await page.getByTestId('library-search').fill('');
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);
  await item.getByTestId('smart-collection-show').click();
  await expect(page.getByTestId('library-search')).toHaveValue('lighthouse');
  await expect(page.getByTestId('meaning-results')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('meaning-hit').first().locator('img')).toHaveAttribute('alt', 'a lighthouse at dusk');

  await goTo(page, 'settings');
  await page.getByTestId('meaning-toggle').uncheck();
  await expect(page.getByTestId('meaning-toggle')).not.toBeChecked();
  await goTo(page, 'library');
  await expect(item.getByTestId('smart-collection-meaning-off')).toHaveText('Search by meaning is off (Settings → Library), so this shows its word matches only.');
  await expect(page.getByTestId('meaning-results')).toHaveCount(0);
});
