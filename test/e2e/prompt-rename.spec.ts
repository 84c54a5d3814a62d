/** Issue 19 §3: a saved prompt renamed in place in the studio's prompt library. */
import path from 'node:path';
import { axeInBothThemes } from '../harness/axe';
import { expect, generate, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test('renaming a saved prompt in place: Escape keeps the name, an empty name is not accepted, Enter renames and search finds the new name', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await generate(page, 'A lighthouse in a storm at night');
  await page.getByTestId('prompts-toggle').click();
  await page.getByTestId('prompt-save-name').fill('Storm light');
  await page.getByTestId('prompt-save').click();
  const item = page.getByTestId('saved-prompt');
  await expect(item).toHaveCount(1);

  await item.getByTestId('saved-prompt-rename').click();
  const input = item.getByTestId('saved-prompt-rename-input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('Storm light');
  await input.press('Escape');
  await expect(item.getByTestId('saved-prompt-use')).toContainText('Storm light');
  // Escape closed the rename, not the panel.
  await expect(page.getByTestId('prompt-library')).toBeVisible();

  await item.getByTestId('saved-prompt-rename').click();
  await input.fill('  ');
  await expect(item.getByTestId('saved-prompt-rename-save')).toBeDisabled();
  await input.fill('Lighthouse, stormy night');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'prompt-rename.png') });
  expect(await axeInBothThemes(page, { include: '[data-testid="prompt-library"]' })).toEqual([]);
  await input.press('Enter');
  await expect(item.getByTestId('saved-prompt-use')).toContainText('Lighthouse, stormy night');
  await page.getByTestId('prompts-search').fill('stormy');
  await expect(page.getByTestId('saved-prompt')).toHaveCount(1);
  // The prompt and its settings are untouched.
  await expect(page.getByTestId('saved-prompt')).toContainText('A lighthouse in a storm at night');
});
