/**
 * Issue 17 §4: a 429 saying the prepaid credit is used up pauses the whole queue with a banner
 * that says why in words, links to billing, and resumes the queue on request. Nothing is retried
 * while it stands.
 */
import path from 'node:path';
import type { FakeGemini } from '../fake-gemini/server';
import { BILLING_URL } from '../../shared/urls';
import { expect, generate, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeInBothThemes } from '../harness/axe';

const sent = (fake: FakeGemini) => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).length;

/** Serious or critical WCAG A/AA findings inside the banner, in both themes. */
test('a prepaid-depleted 429 pauses the queue with its banner', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());

  fake.enqueue({ kind: 'error', status: 429, cause: 'prepaid_depleted' });
  await generate(page, 'a lighthouse at dusk, paid for');
  const banner = page.getByRole('region', { name: /prepaid credit is used up/ });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Add credit in AI Studio, then resume the queue.');

  // A second job waits behind the pause instead of being sent into the same refusal.
  await generate(page, 'a second lighthouse, waiting');
  const drawer = await openQueue(page);
  await expect(drawer.locator('[data-testid="job-card"][data-wait="queue_paused"]')).toHaveCount(2);
  expect(sent(fake)).toBe(1);

  for (const [w, h] of [[1440, 900], [1024, 680], [800, 600]] as const) {
    await page.setViewportSize({ width: w, height: h });
    const box = (await banner.boundingBox())!;
    const sidebar = (await page.locator('.sidebar').boundingBox())!;
    // Whole on screen, clear of the sidebar, and both actions reachable.
    expect(box.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width);
    expect(box.x + box.width).toBeLessThanOrEqual(w);
    expect(box.y + box.height).toBeLessThanOrEqual(h);
    await expect(page.getByTestId('queue-hold-resume')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('queue-hold-billing')).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `queue-hold-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="queue-hold"]' })).toEqual([]);

  // Keyboard: the banner comes first in the document, right before the sidebar, so one Shift+Tab
  // from the first screen button reaches "Resume queue", and the billing link is the stop before it.
  await page.getByTestId('nav-studio').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('queue-hold-resume')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('queue-hold-billing')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.openedUrls).toEqual([BILLING_URL]);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('queue-hold-resume')).toBeFocused();
  // Still nothing sent while the banner stood.
  expect(sent(fake)).toBe(1);
  await page.keyboard.press('Enter');

  await expect(banner).toBeHidden();
  await expect(drawer.locator('[data-testid="job-card"][data-state="succeeded"]')).toHaveCount(2);
  expect(sent(fake)).toBe(3);
});
