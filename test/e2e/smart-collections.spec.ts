/** Issue 19 §3: a smart collection is a kept search whose count follows the library while you look. */
import path from 'node:path';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeInBothThemes } from '../harness/axe';

const SIZES = [[1440, 900], [1024, 680], [800, 600]] as const;

test('a smart collection updating live', async ({ launch }) => {
  const { page } = await launch({ screen: 'library' });
  await saveKeyThroughOnboarding(page, testKey());
  for (const prompt of ['A lighthouse at dusk', 'Lighthouse keeper reading', 'A red car at night']) await generate(page, prompt);
  await goTo(page, 'library');
  await expect(page.getByTestId('asset-tile')).toHaveCount(3);

  // Keep the search "lighthouse" as a smart collection.
  await page.getByTestId('library-search').fill('lighthouse');
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);
  await page.getByTestId('library-filters').click();
  await page.getByTestId('smart-collection-create').click();
  await page.getByTestId('smart-collection-name').fill('Lighthouses');
  await page.getByTestId('smart-collection-name-save').click();
  const item = page.getByTestId('smart-collection').filter({ hasText: 'Lighthouses' });
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
  if (!(await page.getByTestId('smart-collections').isVisible())) await page.getByTestId('library-filters').click();
  await expect(item.getByTestId('smart-collection-count')).toHaveText('2');

  // Showing it runs the kept search.
  await item.getByTestId('smart-collection-show').click();
  await expect(page.getByTestId('library-search')).toHaveValue('lighthouse');
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const box = await page.getByTestId('smart-collections').boundingBox();
    expect(box, `${w}x${h}`).toBeTruthy();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(w + 1);
    expect(box!.width).toBeGreaterThan(160);
    await expect(item.getByTestId('smart-collection-count')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `smart-collections-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="smart-collections"]' })).toEqual([]);
});
