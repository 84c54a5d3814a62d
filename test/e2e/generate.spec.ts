import path from 'node:path';
import { expect, generate, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test.describe('key → prompt → image in the library', () => {
  test('generates with the chosen tier and ratio, shows progress, lands in the grid with its details', async ({ launch, fake }) => {
    const { page } = await launch();
    await saveKeyThroughOnboarding(page, testKey());
    await expect(page.getByTestId('resolved-model')).toContainText('gemini-nano-banana-2.1');
    await page.getByTestId('tier-pro').click();
    await expect(page.getByTestId('tier-pro')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('resolved-model')).toContainText('gemini-3-pro-image');

    fake.latencyMs = 1500;
    await openQueue(page);
    await generate(page, 'A lighthouse on a basalt cliff at dusk, painterly', { aspectRatio: '16:9' });
    const card = page.getByTestId('job-card').first();
    await expect(card).toHaveAttribute('data-state', 'running');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'generating.png') });
    await expect(card).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });

    await goTo(page, 'library');
    const tile = page.getByTestId('asset-tile').first();
    await expect(tile).toBeVisible();
    const thumb = tile.locator('img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);

    const sent = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.model).toBe('gemini-3-pro-image');
    expect(sent[0]!.body).toMatchObject({ generationConfig: { imageConfig: { aspectRatio: '16:9' } } });

    await tile.click();
    const detail = page.getByTestId('asset-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('detail-prompt')).toHaveText('A lighthouse on a basalt cliff at dusk, painterly');
    await expect(detail.getByTestId('detail-model')).toContainText('gemini-3-pro-image');
    await expect(detail.getByTestId('detail-params')).toContainText('16:9');
    await expect(detail.getByTestId('detail-params')).toContainText('1376×768');
    await expect(detail.getByTestId('detail-text')).toContainText('lighthouse');
    const full = detail.getByTestId('detail-image');
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1376, 768]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'detail.png') });
  });

  test('several prompts give several different images, newest first', async ({ launch }) => {
    const { page } = await launch();
    await saveKeyThroughOnboarding(page, testKey());
    await openQueue(page);
    // Each is done before the next is asked for, so "newest" has one answer (sent together, the
    // queue runs them side by side and whichever finishes last is the newest).
    const succeeded = page.getByTestId('job-card').and(page.locator('[data-state="succeeded"]'));
    for (const [i, prompt] of ['a red kite', 'a green valley', 'a blue lagoon'].entries()) {
      await generate(page, prompt);
      await expect(succeeded).toHaveCount(i + 1);
    }
    await goTo(page, 'library');
    await expect(page.getByTestId('asset-tile')).toHaveCount(3);
    await page.getByTestId('asset-tile').first().click();
    await expect(page.getByTestId('detail-prompt')).toHaveText('a blue lagoon');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('asset-detail')).toBeHidden();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'library.png') });
  });

  test('restart on the same data directory keeps the library and the key', async ({ launch, fake }) => {
    const app = await launch();
    await saveKeyThroughOnboarding(app.page, testKey());
    await generate(app.page, 'an owl made of brass');
    await goTo(app.page, 'library');
    await expect(app.page.getByTestId('asset-tile')).toHaveCount(1);

    await app.restart();
    const { page } = app;
    await goTo(page, 'library');
    await expect(page.getByTestId('asset-tile')).toHaveCount(1);
    await expect(page.getByTestId('onboarding')).toBeHidden();
    await page.getByTestId('asset-tile').first().click();
    await expect(page.getByTestId('detail-prompt')).toHaveText('an owl made of brass');
    // The key came back from the keychain: generating works without asking again.
    await generate(page, 'a second owl');
    await goTo(page, 'library');
    await expect(page.getByTestId('asset-tile')).toHaveCount(2);
    expect(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))).toHaveLength(2);
  });
});
