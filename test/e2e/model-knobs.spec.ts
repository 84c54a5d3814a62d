/**
 * One set of model knobs (<ModelKnobs>) in every form: what each offers comes from the model's
 * capabilities, the same ones main checks requests against. Screenshots go to test-results/.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, testKey } from './fixtures';
import { COMMON_ASPECT_RATIOS } from '../../shared/domain/vocabulary';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../shared/models/catalogue';

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

/** Every knobs group on the page lies inside the window's width (none pushes the form sideways). */
async function expectKnobsInside(page: Page, width: number) {
  const groups = page.locator('.model-knobs');
  await expect(groups.first()).toBeVisible();
  for (const box of await groups.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
}

for (const [width, height] of [
  [1440, 900],
  [800, 600],
] as const) {
  test(`the knobs of Generate, Chat, Batch and Compare fit a ${width}×${height} window`, async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await page.setViewportSize({ width, height });
    const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}-${width}x${height}.png`) });

    await expect(page.getByTestId('aspect-select')).toBeVisible();
    await expectKnobsInside(page, width);
    await shot('generate');

    await page.getByTestId('nav-chats').click();
    await page.getByTestId('chat-new').click();
    await expect(page.getByTestId('chat-aspect')).toBeVisible();
    await expectKnobsInside(page, width);
    await shot('chat');

    await page.getByTestId('nav-batch').click();
    await expect(page.getByTestId('batch-aspect')).toBeVisible();
    await expectKnobsInside(page, width);
    await shot('batch');

    await page.getByTestId('nav-compare').click();
    await expect(page.getByTestId('compare-aspect')).toBeVisible();
    await expectKnobsInside(page, width);
    await shot('compare');
  });
}
