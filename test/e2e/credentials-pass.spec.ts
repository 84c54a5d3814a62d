/**
 * Issue 17 §2: the library reads the content credentials of images stored before Atelier read
 * them, in the background, and shows how far it got with Pause / Resume.
 */
import fs from 'node:fs';
import path from 'node:path';
import { axeInBothThemes } from '../harness/axe';
import { scene } from '../support/scenes';
import { expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIGNED = fs.readFileSync(path.join(__dirname, '../fixtures/c2pa/C.jpg'));
const SIZES = [
  [1440, 900],
  [1024, 680],
  [800, 600],
] as const;

test('older images: their credentials are read in the background, with progress, Pause and Resume in the library', async ({ launch }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const app = await launch({ envApiKey: testKey(), screen: 'studio' });
  const { page } = app;

  // A library from before credentials were read: images whose summaries are missing.
  await app.atelier.library.importImage('signed.jpg', SIGNED);
  for (let i = 0; i < 3; i++) await app.atelier.library.importImage(`photo-${i}.png`, await scene(500 + i, 160, 120));
  app.atelier.db.exec('DELETE FROM content_credentials');
  // The window opened before the images were put in: it reads the library afresh.
  await page.reload();
  await goTo(page, 'library');
  await expect(page.getByTestId('library-scroll').getByTestId('asset-tile')).toHaveCount(4);
  // Held by the user before it could start again, the pass shows where it stopped.
  await page.evaluate(() => window.atelier!.invoke('library.credentialsPass', { action: 'pause' }));
  const line = page.getByTestId('credentials-pass');
  await expect(line).toHaveAttribute('data-state', 'paused');
  await expect(line).toContainText('Paused: Reading the content credentials of older images: 0 of 4 images.');

  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    const box = (await line.boundingBox())!;
    const toggle = (await page.getByTestId('credentials-pass-toggle').boundingBox())!;
    // The whole line, its bar and its button are in the library's page, the button inside the line.
    const library = (await page.getByRole('region', { name: 'Library' }).boundingBox())!;
    expect(box.x).toBeGreaterThan(library.x);
    expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
    expect(toggle.x + toggle.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(toggle.height).toBeGreaterThanOrEqual(24);
    await expect(page.getByRole('progressbar', { name: 'Content credentials progress' })).toBeVisible();
    await expect(page.getByTestId('credentials-pass-toggle')).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `credentials-pass-${width}x${height}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="credentials-pass"]' })).toEqual([]);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(line).toHaveCount(0);
  expect(app.atelier.db.prepare('SELECT COUNT(*) FROM content_credentials').pluck().get()).toBe(4);
  expect(app.atelier.library.search({ credentials: 'has' } as never).total).toBe(1);
});
