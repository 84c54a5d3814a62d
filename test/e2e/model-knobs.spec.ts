/**
 * One set of model knobs (<ModelKnobs>) in every form: what each offers comes from the model's
 * capabilities, the same ones main checks requests against. Screenshots go to test-results/.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, testKey } from './fixtures';
import { capabilitiesFor, COMMON_ASPECT_RATIOS, FALLBACK_MODEL_FOR_TIER } from '../../shared/models';

const SHOTS = 'test-results/screenshots/knobs';
const flash = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);

const optionValues = (page: Page, testId: string, nth = 0) =>
  page.getByTestId(testId).nth(nth).locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));

test('Compare offers no thinking level for Pro and only the ratios each model accepts', async ({ launch }) => {
  const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
  await page.getByTestId('nav-compare').click();
  const rows = page.getByTestId('contender-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByTestId('contender-tier').selectOption('flash');
  await rows.nth(1).getByTestId('contender-tier').selectOption('pro');

  // Pro always thinks and takes no level: its row has no thinking picker; Flash's offers its own levels.
  await expect(rows.nth(1).getByLabel('Contender 2 options').getByRole('combobox', { name: /thinking/i })).toHaveCount(0);
  await expect(rows.nth(1).locator('select').filter({ has: page.locator('option[value="high"]') })).toHaveCount(0);
  expect(await rows.nth(0).getByTestId('contender-thinking').locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).toEqual(['', ...flash.thinkingLevels]);

  // With Pro in the race, only the ratios both take; with two Flash contenders, Flash's panoramas too.
  const withPro = await optionValues(page, 'compare-aspect');
  expect(withPro.filter((r) => r !== '')).toEqual([...COMMON_ASPECT_RATIOS]);
  await rows.nth(1).getByTestId('contender-tier').selectOption('flash');
  expect(await optionValues(page, 'compare-aspect')).toContain('8:1');
  await page.getByTestId('compare-aspect').selectOption('8:1');
  // Bringing Pro back moves the ratio to the nearest Pro takes, and says so.
  await rows.nth(1).getByTestId('contender-tier').selectOption('pro');
  await expect(page.getByTestId('compare-aspect')).toHaveValue('21:9');
  await expect(page.getByTestId('compare-form').getByRole('status')).toContainText('8:1 became 21:9');
});
