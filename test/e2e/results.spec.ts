import path from 'node:path';
import { expect, generate, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test('a thinking result keeps its interim drafts and thoughts, collapsed, apart from the image', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-pro').click();
  await page.getByTestId('thoughts-toggle').check();
  await generate(page, 'An isometric cutaway of a tiny bakery at dawn');
  await goTo(page, 'library');
  await page.getByTestId('asset-tile').first().click();
  const thoughts = page.getByTestId('detail-thoughts');
  await expect(thoughts).toBeVisible();
  expect(await thoughts.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  await thoughts.locator('summary').click();
  await expect(thoughts.getByTestId('thought-text').first()).toBeVisible();
  const draft = thoughts.getByTestId('thought-image').first();
  await expect.poll(() => draft.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // The draft is not in the library: one tile only.
  await expect(page.getByTestId('asset-tile')).toHaveCount(1);
  await expect(page.getByTestId('detail-cost')).toContainText('$');
  await thoughts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'thinking-result.png') });
});

test('a grounded result lists its sources and shows Google’s chip only in a sandboxed frame', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-pro').click();
  await page.getByTestId('grounding-toggle').check();
  await generate(page, 'A chart of this week’s weather in Lisbon');
  await goTo(page, 'library');
  await page.getByTestId('asset-tile').first().click();
  const grounding = page.getByTestId('grounding');
  await expect(grounding.getByTestId('grounding-source').first()).toBeVisible();
  await expect(grounding.getByTestId('grounding-queries')).toContainText('weather');
  const frame = grounding.getByTestId('grounding-entry');
  const sandbox = (await frame.getAttribute('sandbox')) ?? '';
  expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
  expect(sandbox.split(/\s+/)).not.toContain('allow-same-origin');
  await expect(page.frameLocator('[data-testid="grounding-entry"]').locator('a').first()).toBeVisible();
  const href = await grounding.getByTestId('grounding-source').first().getAttribute('href');
  await grounding.getByTestId('grounding-source').first().click();
  await expect.poll(() => app.openedUrls).toEqual([href]);
  // The window did not navigate (the app keeps its screen in the hash; the page itself is the same).
  expect(page.url().split('#')[0]).toBe(`${app.origin}/`);
  await frame.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'grounded-result.png') });
});

test('a text-only answer is kept and shown as text', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  fake.enqueue({ kind: 'textOnly', text: 'Should the bakery be in Paris or in Lisbon?' });
  await generate(page, 'a bakery');
  const card = (await openQueue(page)).getByTestId('job-card').filter({ hasText: 'a bakery' });
  await expect(card).toHaveAttribute('data-state', 'succeeded');
  await expect(card.getByTestId('job-text')).toContainText('Paris or in Lisbon');
});
