/** Issue 16: one cache of assets and one of jobs, so every screen shows the same facts. */
import { expect, test, testKey } from './fixtures';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('defect 5: a rating given in the viewer shows on the stage', async ({ launch }) => {
  const { page } = await launch({ envApiKey: testKey() });
  const prompt = page.getByTestId('prompt-input');
  await prompt.fill('a paper boat on a puddle');
  await prompt.press(`${mod}+Enter`);
  const result = page.getByTestId('stage-result');
  await expect(result).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByTestId('stage-rating')).toHaveAttribute('data-rating', '0');

  await result.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  // Rate once the details are in, as a person would after looking.
  await expect(viewer.getByTestId('viewer-star-4')).toBeEnabled();
  await page.keyboard.press('4');
  await expect(viewer.getByTestId('viewer-star-4')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  await expect(page.getByTestId('stage-rating')).toHaveAttribute('data-rating', '4');
  await expect(page.getByTestId('stage-rating')).toContainText('4');
  await expect(page.getByTestId('stage-rating')).not.toContainText('Not rated');
});

test('a rating given on the stage shows in the viewer and on the library tile', async ({ launch }) => {
  const { page } = await launch({ envApiKey: testKey() });
  const prompt = page.getByTestId('prompt-input');
  await prompt.fill('a lighthouse at dusk');
  await prompt.press(`${mod}+Enter`);
  const result = page.getByTestId('stage-result');
  await expect(result).toHaveCount(1, { timeout: 15_000 });
  await result.focus();
  await page.keyboard.press('3');
  await expect(page.getByTestId('stage-rating')).toHaveAttribute('data-rating', '3');
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('viewer');
  await expect(viewer.getByTestId('viewer-star-3')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');

  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('asset-tile').first()).toHaveAttribute('aria-label', /3 stars/);
});
