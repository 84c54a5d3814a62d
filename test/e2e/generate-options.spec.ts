import path from 'node:path';
import { makePng } from '../fake-gemini/png';
import { pngOf } from '../support/images';
import type { Page } from '@playwright/test';
import { dropFiles, expect, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

const optionValues = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

test('the panel offers only what the chosen model supports', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-flash').click();
  expect(await optionValues(page, 'aspect-select')).toEqual(expect.arrayContaining(['8:1', '1:4']));
  // Nano Banana 2.1 has no 512 tier.
  expect(await optionValues(page, 'size-select')).toEqual(['1K', '2K', '4K']);
  await page.getByTestId('aspect-select').selectOption('8:1');
  await page.getByTestId('size-select').selectOption('4K');
  await page.getByTestId('tier-pro').click();
  expect(await optionValues(page, 'aspect-select')).not.toContain('8:1');
  expect(await optionValues(page, 'size-select')).toEqual(['1K', '2K', '4K']);
  // What Pro cannot do fell back instead of being sent; what it can do stayed.
  await expect(page.getByTestId('aspect-select')).not.toHaveValue('8:1');
  await expect(page.getByTestId('size-select')).toHaveValue('4K');
  await expect(page.getByTestId('grounding-toggle')).toBeVisible();
  await expect(page.getByTestId('thoughts-toggle')).toBeVisible();
  // Pro has no thinking level control.
  await expect(page.getByTestId('thinking-level-select')).toHaveCount(0);
  expect(await optionValues(page, 'modalities-select')).toEqual(['TEXT_IMAGE', 'IMAGE', 'TEXT']);
  // Lite: 1K only, no grounding, levels minimal and high.
  await page.getByTestId('tier-lite').click();
  expect(await optionValues(page, 'size-select')).toEqual(['1K']);
  await expect(page.getByTestId('size-select')).toHaveValue('1K');
  await expect(page.getByTestId('grounding-toggle')).toHaveCount(0);
  expect(await optionValues(page, 'thinking-level-select')).toEqual(['', 'minimal', 'high']);
});

test('photos dragged in from the desktop become references; bad files are reported; the edit is sent with them', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-pro').click();
  const photo = await makePng({ width: 1600, height: 900, label: 'holiday photo' });
  const portrait = await pngOf(600, 800, [180, 140, 120]);
  await dropFiles(page, 'reference-drop', [
    { name: 'holiday.png', mime: 'image/png', bytes: photo },
    { name: 'portrait.png', mime: 'image/png', bytes: portrait },
    { name: 'notes.txt', mime: 'text/plain', bytes: Buffer.from('not an image') },
    { name: 'broken.png', mime: 'image/png', bytes: photo.subarray(0, 100) },
  ]);
  await expect(page.getByTestId('reference-item')).toHaveCount(2);
  await expect(page.getByTestId('reference-count')).toHaveText(/2\s*\/\s*14/);
  const errors = page.getByTestId('reference-error');
  await expect(errors).toContainText('notes.txt');
  await expect(errors).toContainText('broken.png');
  await page.getByTestId('reference-item').nth(1).getByTestId('reference-kind').click();
  await expect(page.getByTestId('reference-item').nth(1)).toHaveAttribute('data-kind', 'person');
  await page.getByTestId('aspect-select').selectOption('');
  await page.getByTestId('prompt-input').fill('Put the person from the second image into the holiday photo, watercolour style');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'generate-panel.png') });
  await page.getByTestId('generate-button').click();
  await expect((await openQueue(page)).getByTestId('job-card').first()).toHaveAttribute('data-state', 'succeeded');

  const body = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))[0]!.body as { contents: Array<{ parts: Array<{ inlineData?: { data: string } }> }> };
  const sent = body.contents[0]!.parts.filter((p) => p.inlineData).map((p) => Buffer.from(p.inlineData!.data, 'base64'));
  expect(sent).toHaveLength(2);
  expect(sent[0]!.equals(photo)).toBe(true);
  await goTo(page, 'library');
  await page.getByTestId('asset-tile').first().click();
  // No ratio chosen: Gemini follows the input images' shape.
  await expect(page.getByTestId('detail-params')).toContainText('Auto');
  await expect(page.getByTestId('detail-params')).toContainText('1 object, 1 person');
});

test('a 15th reference image is refused with the model’s limit; nothing is lost', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-pro').click();
  const files = await Promise.all(Array.from({ length: 15 }, async (_, i) => ({ name: `ref-${i}.png`, mime: 'image/png', bytes: await pngOf(48, 48, [i * 15, 100, 160]) })));
  await dropFiles(page, 'reference-drop', files);
  await expect(page.getByTestId('reference-item')).toHaveCount(14);
  await expect(page.getByTestId('reference-count')).toHaveText(/14\s*\/\s*14/);
  await expect(page.getByTestId('reference-error')).toContainText('at most 14 reference images');
});
