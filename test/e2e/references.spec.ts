/**
 * Dropped reference photos are the request's own inputs: they do not land in the library when
 * dropped, removing one leaves nothing behind, and a generation that used one brings it into
 * the library as a linked source of the result.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Atelier } from '../../electron/atelier';
import { makePng } from '../fake-gemini/png';
import path from 'node:path';
import { dropFiles, expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

const count = (atelier: Atelier, table: string) => atelier.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const generateCalls = (fake: { requests: Array<{ action?: string | null; body?: unknown }> }) => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));

/** True once the chip's preview has actually decoded (a broken URL has no natural width). */
function previewLoaded(page: Page): Promise<boolean> {
  return page
    .getByTestId('reference-item')
    .first()
    .locator('img')
    .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);
}

test('a dropped photo is held, not imported; removing it leaves nothing; generating brings it into the library and the lineage', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey(), screen: 'studio' });
  const { page, atelier } = app;
  const photo = await makePng({ width: 900, height: 600, label: 'a sketch of a boat' });
  const chip = page.getByTestId('reference-item');

  await dropFiles(page, 'reference-drop', [
    { name: 'boat.png', mime: 'image/png', bytes: photo },
    { name: 'notes.txt', mime: 'text/plain', bytes: Buffer.from('not a picture') },
  ]);
  await expect(chip).toHaveCount(1);
  await expect(page.getByTestId('reference-error')).toContainText('notes.txt: This file is not an image we can read.');
  const sha = await chip.getAttribute('data-held');
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  await expect(chip).not.toHaveAttribute('data-asset-id', /./);
  await expect.poll(() => previewLoaded(page)).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'studio-held-reference.png') });
  // Dropped is not imported: the library did not grow.
  expect(count(atelier, 'assets')).toBe(0);
  expect(count(atelier, 'held_inputs')).toBe(1);

  // Removed before generating: nothing is left, nothing was sent.
  await chip.getByTestId('reference-remove').click();
  await expect(chip).toHaveCount(0);
  await expect.poll(() => count(atelier, 'held_inputs')).toBe(0);
  expect(fs.existsSync(atelier.library.store.originalPath(sha!, 'image/png'))).toBe(false);
  expect(generateCalls(fake)).toHaveLength(0);
  expect(count(atelier, 'assets')).toBe(0);

  // Dropped again and used: it enters the library with the result, as its source.
  await dropFiles(page, 'reference-drop', [{ name: 'boat.png', mime: 'image/png', bytes: photo }]);
  await expect(chip).toHaveCount(1);
  await page.getByTestId('prompt-input').fill('Turn the sketch into a watercolour');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  const sent = generateCalls(fake)[0]!.body as { contents: Array<{ parts: Array<{ inlineData?: { data: string } }> }> };
  const images = sent.contents[0]!.parts.filter((p) => p.inlineData).map((p) => Buffer.from(p.inlineData!.data, 'base64'));
  expect(images).toHaveLength(1);
  expect(images[0]!.equals(photo)).toBe(true);
  await expect.poll(() => count(atelier, 'assets')).toBe(2);
  expect(count(atelier, 'held_inputs')).toBe(0);
  // The chip still shows its picture, now the library's.
  await expect.poll(() => previewLoaded(page)).toBe(true);

  const resultId = await page.getByTestId('stage-result').locator('img').first().evaluate((img) => (img as HTMLImageElement).src.split('/assets/')[1]!.split('/')[0]!);
  const sourceId = atelier.db.prepare('SELECT id FROM assets WHERE sha256 = ?').pluck().get(sha) as string;
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('asset-tile')).toHaveCount(2);
  await page.locator(`[data-testid="asset-tile"][data-asset-id="${resultId}"]`).click();
  const lineage = page.getByTestId('detail-lineage');
  await expect(lineage.getByTestId('lineage-node')).toHaveCount(2);
  await expect(lineage.locator(`[data-testid="lineage-node"][data-asset-id="${sourceId}"]`)).toHaveCount(1);
});

test('chat: a dropped photo stays out of the library until the answer comes', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey() });
  const { page, atelier } = app;
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('chat-new').click();
  const photo = await makePng({ width: 400, height: 300, label: 'garden' });
  await dropFiles(page, 'chat-composer', [{ name: 'garden.png', mime: 'image/png', bytes: photo }]);
  await expect(page.getByTestId('chat-attachment')).toHaveCount(1);
  expect(count(atelier, 'assets')).toBe(0);
  // The answer waits until the message is seen with its held photo.
  await page.evaluate(() => window.atelier!.invoke('queue.pause', {}));
  await page.getByTestId('chat-input').fill('Make it autumn');
  await page.getByTestId('chat-input').press('Enter');
  await expect(page.getByTestId('chat-ref-held')).toHaveCount(1);
  await expect.poll(() => page.getByTestId('chat-ref-held').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(count(atelier, 'assets')).toBe(0);
  await page.evaluate(() => window.atelier!.invoke('queue.resume', {}));
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByTestId('chat-ref')).toHaveCount(1);
  const sent = generateCalls(fake).at(-1)!.body as { contents: Array<{ parts: Array<{ inlineData?: { data: string } }> }> };
  expect(Buffer.from(sent.contents[0]!.parts.find((p) => p.inlineData)!.inlineData!.data, 'base64').equals(photo)).toBe(true);
  await expect.poll(() => count(atelier, 'assets')).toBe(2);
});

test('library detail: "Use as reference" puts the image in the studio’s references, and says so', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await generate(page, 'A stone bridge in fog');
  await goTo(page, 'library');
  await page.getByTestId('library-grid').getByTestId('asset-tile').first().click();
  const use = page.getByTestId('asset-detail').getByTestId('detail-use-reference');
  await expect(use).toHaveText('Use as reference');
  await use.click();
  // The library room learns it from lib/, not from the studio's store.
  await expect(use).toHaveText('In references');
  await expect(use).toBeDisabled();
  await goTo(page, 'studio');
  await expect(page.getByTestId('reference-item')).toHaveCount(1);
  await page.getByTestId('reference-remove').click();
  await goTo(page, 'library');
  await page.getByTestId('library-grid').getByTestId('asset-tile').first().click();
  await expect(page.getByTestId('asset-detail').getByTestId('detail-use-reference')).toHaveText('Use as reference');
});
