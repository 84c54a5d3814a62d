/**
 * Issue 17 §3, end to end: Economy chosen in the prompt dock, Google sheds the Flex call once, the
 * queue tries again at Flex, and it is served. The fake's record says both requests asked for Flex;
 * the job shows the served tier and the half-price cost; Usage shows what Flex saved.
 */
import path from 'node:path';
import { expect, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeInBothThemes } from '../harness/axe';

const SIZES = [[1440, 900], [1024, 680], [800, 600]] as const;

test('Economy chosen, shed once, then served', async ({ launch, fake }) => {
  // Compressed for the test: Flex answers after 300 ms, a shed is tried again after 1–2 s.
  fake.tiers = { shedFlex: 1, flexLatencyMs: 300, downgradePriority: false };
  const { page } = await launch({ tuning: { shedPolicy: { firstDelayMs: 1_500, maxDelayMs: 3_000, fallbackAfterMs: 15 * 60_000 } } });
  await saveKeyThroughOnboarding(page, testKey());

  // The option in the dock: Economy is offered on Flash, the fallback is the user's choice and off.
  const tierSelect = page.getByTestId('service-tier-select');
  await expect(tierSelect).toBeVisible();
  await expect(tierSelect.locator('option')).toHaveText(['Standard', 'Economy (Flex: half price, may take minutes)']);
  const standardEstimate = await page.getByTestId('generate-estimate').textContent();
  await tierSelect.selectOption('flex');
  await expect(page.getByTestId('service-tier-fallback')).not.toBeChecked();
  await expect(page.getByTestId('generate-estimate')).not.toHaveText(standardEstimate!);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const box = await tierSelect.boundingBox();
    const dock = await page.getByTestId('prompt-dock').boundingBox();
    expect(box && dock).toBeTruthy();
    // The picker is inside the dock and inside the window, wide enough to read its choice.
    expect(box!.x).toBeGreaterThanOrEqual(dock!.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(w, dock!.x + dock!.width) + 1);
    expect(box!.width).toBeGreaterThan(120);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `service-tiers-dock-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="prompt-dock"]' })).toEqual([]);

  // Lite has no Flex: the option leaves, and comes back with Flash.
  await page.getByTestId('tier-lite').click();
  await expect(tierSelect).toBeHidden();
  await page.getByTestId('tier-flash').click();
  await tierSelect.selectOption('flex');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('prompt-input').fill('a paper boat on a pond, at half price');
  await page.getByTestId('generate-button').click();

  // Shed once (503), tried again as Flex, then served: both requests asked for Flex.
  const generative = () => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
  await expect.poll(() => generative().map((r) => [r.serviceTier, r.status]), { timeout: 20_000 }).toEqual([
    ['flex', 503],
    ['flex', 200],
  ]);

  const drawer = await openQueue(page);
  const card = drawer.getByTestId('job-card').first();
  await expect(card).toHaveClass(/is-succeeded/, { timeout: 15_000 });
  await expect(card.getByTestId('job-served-tier')).toHaveText('Flex');
  await expect(card.getByTestId('job-cost')).toBeVisible();
  // The job took no failed attempt: a shed is not the job's fault.
  await expect(card.getByTestId('job-attempt')).toHaveCount(0);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const tier = await card.getByTestId('job-served-tier').boundingBox();
    expect(tier).toBeTruthy();
    expect(tier!.x + tier!.width).toBeLessThanOrEqual(w);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `service-tiers-queue-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="queue-drawer"]' })).toEqual([]);

  // Usage: what Flex saved is the other half of the job's cost.
  const cost = Number(/\$([\d.]+)/.exec((await card.getByTestId('job-cost').textContent()) ?? '')![1]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await goTo(page, 'usage');
  const saved = page.getByTestId('usage-saved');
  await expect(saved).toBeVisible();
  const flexSaved = Number(/\$([\d.]+)/.exec((await page.getByTestId('usage-saved-flex').textContent()) ?? '')![1]);
  expect(flexSaved).toBeGreaterThan(0);
  expect(Math.abs(flexSaved - cost)).toBeLessThan(0.01);
  await expect(page.getByTestId('usage-saved-batch')).toHaveText(/^Batch \$0(\.0+)?$/);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const tile = await saved.boundingBox();
    expect(tile).toBeTruthy();
    expect(tile!.x + tile!.width).toBeLessThanOrEqual(w);
    expect(tile!.height).toBeGreaterThan(40);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `service-tiers-usage-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="usage-view"]' })).toEqual([]);
});

test('Priority appears in the dock only after Settings says the project qualifies', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  const tierSelect = page.getByTestId('service-tier-select');
  await expect(tierSelect.locator('option')).toHaveText(['Standard', 'Economy (Flex: half price, may take minutes)']);

  await goTo(page, 'settings');
  await page.getByTestId('settings-index').getByRole('link', { name: 'Priority' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Priority' })).toBeFocused();
  const toggle = page.getByRole('switch', { name: /My project can use Priority/ });
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/up to twice the Standard price/);
  await toggle.click();
  await expect(page.getByTestId('priority-saved')).toBeVisible();
  const section = page.locator('section', { has: page.locator('#settings-priority-title') });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await section.scrollIntoViewIfNeeded();
    const box = await section.boundingBox();
    expect(box).toBeTruthy();
    expect(box!.x + box!.width).toBeLessThanOrEqual(w);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `service-tiers-settings-priority-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: 'section[aria-labelledby="settings-priority-title"]' })).toEqual([]);

  await page.setViewportSize({ width: 1440, height: 900 });
  await goTo(page, 'studio');
  await expect(tierSelect.locator('option')).toHaveText(['Standard', 'Economy (Flex: half price, may take minutes)', 'Priority (faster, costs up to twice as much)']);
  await tierSelect.selectOption('priority');
  await page.getByTestId('prompt-input').fill('an urgent lighthouse');
  await page.getByTestId('generate-button').click();
  await expect.poll(() => fake.requests.filter((r) => /generateContent$/i.test(r.action ?? '')).map((r) => r.serviceTier)).toEqual(['priority']);
  const card = (await openQueue(page)).getByTestId('job-card').first();
  await expect(card).toHaveClass(/is-succeeded/, { timeout: 15_000 });
  await expect(card.getByTestId('job-served-tier')).toHaveText('Priority');
});
