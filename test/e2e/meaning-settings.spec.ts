/**
 * Issue 19 §2: Settings → Library → "Search by meaning" is a switch like the others, with the
 * price of embedding the current library shown before the switch sends anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { axeInBothThemes } from '../harness/axe';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIZES = [[1440, 900], [1024, 680], [800, 600]] as const;
const EMBED = new Set(['embedContent', 'batchEmbedContents']);

test('the Settings switch for search by meaning shows the price first, sends nothing until turned on, and is kept as a setting', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  for (const prompt of ['a lighthouse at dusk', 'a bowl of oranges', 'a red bicycle in the rain']) {
    await generate(page, prompt);
    await expect(page.getByTestId('stage-result').filter({ has: page.locator(`img[alt="${prompt}"]`) })).toHaveCount(1, { timeout: 15_000 });
  }
  await goTo(page, 'settings');
  const card = page.getByTestId('settings-meaning');
  const toggle = card.getByTestId('meaning-toggle');
  await expect(toggle).toHaveAttribute('role', 'switch');
  await expect(toggle).not.toBeChecked();
  await expect(card.getByTestId('meaning-price')).toHaveText('Turning it on sends your 3 pictures once, for about $0.0004; new pictures cost about $0.00012 each.');
  expect(fake.requests.filter((r) => EMBED.has(r.action ?? ''))).toEqual([]);

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${w}x${h}`).toBeLessThanOrEqual(w + 1);
    await expect(card.getByTestId('meaning-price')).toBeInViewport();
    await expect(toggle).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `settings-meaning-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="settings-meaning"]' })).toEqual([]);

  await toggle.check();
  await expect(card.getByTestId('meaning-price')).toHaveText('All 3 pictures are ready to search by meaning.');
  expect(fake.requests.filter((r) => EMBED.has(r.action ?? '')).length).toBeGreaterThan(0);
  // One place keeps it: the settings file, beside every other setting.
  expect(JSON.parse(fs.readFileSync(path.join(app.userDataDir, 'settings.json'), 'utf8'))).toMatchObject({ searchByMeaning: true });

  // Kept across a restart, as every setting is.
  await app.restart();
  await goTo(app.page, 'settings');
  await expect(app.page.getByTestId('meaning-toggle')).toBeChecked();
});
