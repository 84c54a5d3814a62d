/**
 * Editing an existing Element (issue 18 §3): its kind and description change in its card, photos
 * dropped on the card join its images, one is taken out with its own button, and the last one
 * stays with a sentence saying why.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePng } from '../fake-gemini/png';
import { axeViolations } from '../harness/axe';
import { dropFiles, expect, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
] as const;

const photos = (name: string, labels: string[]) =>
  Promise.all(labels.map(async (label, i) => ({ name: `${name}-${i}.png`, mime: 'image/png', bytes: await makePng({ width: 400 + i, height: 300, label }) })));

async function makeElement(page: Page, name: string, labels: string[]) {
  await dropFiles(page, 'element-new', await photos(name, labels));
  await expect(page.getByTestId('element-new-images')).toContainText(`${labels.length} image`);
  await page.getByTestId('element-name').fill(name);
  await page.getByTestId('element-create').click();
  await expect(page.getByTestId('element-card').filter({ hasText: `@${name}` })).toBeVisible();
}

test('editing an existing Element: kind, description, images added and removed, the last one kept', async ({ launch }) => {
  const { page, atelier } = await launch({ envApiKey: testKey(), screen: 'library' });
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', ['Anna, front']);
  await makeElement(page, 'Mug', ['a blue mug']);
  const card = page.getByTestId('element-card').filter({ hasText: '@Anna' });

  await card.getByTestId('element-rename').click();
  const editor = card.getByTestId('element-editor');
  await expect(editor).toBeVisible();
  await editor.getByTestId('element-edit-kind').selectOption('style');
  await editor.getByTestId('element-edit-description').fill('red coat, short hair');
  await editor.getByTestId('element-rename-input').fill('Anna K');
  await editor.getByTestId('element-edit-save').click();
  await expect(editor).toBeHidden();
  await expect(card).toContainText('@Anna K');
  await expect(card).toContainText('Style · 1 image');
  await expect(card).toContainText('red coat, short hair');

  // Photos dropped on the open card join its images.
  await card.getByTestId('element-rename').click();
  await dropFiles(page, 'element-add-drop', await photos('more', ['Anna, profile', 'Anna, back']));
  await expect(editor.getByTestId('element-image')).toHaveCount(3);
  await expect(editor.getByTestId('element-edit-note')).toHaveText('Added 2 photos to @Anna K.');
  await expect(card).toContainText('Style · 3 images');
  const ids = await editor.getByTestId('element-image').evaluateAll((els) => els.map((e) => e.getAttribute('data-asset-id')));

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const c = (await card.boundingBox())!;
    expect(c.x).toBeGreaterThanOrEqual(0);
    expect(c.x + c.width).toBeLessThanOrEqual(size.width + 0.5);
    for (const img of await editor.getByTestId('element-image').all()) {
      const b = (await img.boundingBox())!;
      expect(b.width).toBeGreaterThanOrEqual(80);
      expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.width);
      const remove = (await img.getByTestId('element-image-remove').boundingBox())!;
      expect(remove.height).toBeGreaterThanOrEqual(24);
    }
    const drop = (await editor.getByTestId('element-add-drop').boundingBox())!;
    expect(drop.x + drop.width).toBeLessThanOrEqual(c.x + c.width);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-edit-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page, { include: '[data-testid="elements-view"]' })).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);

  // One out: it leaves the Element and stays in the library.
  await editor.getByRole('button', { name: 'Remove image 1 from @Anna K (it stays in the library)' }).click();
  await expect(editor.getByTestId('element-image')).toHaveCount(2);
  await expect(editor.getByTestId('element-edit-note')).toHaveText('Image 1 is out of @Anna K; it is still in the library.');
  expect(atelier.db.prepare('SELECT count(*) FROM assets WHERE id = ?').pluck().get(ids[0])).toBe(1);
  await editor.getByTestId('element-image-remove').first().click();
  await expect(editor.getByTestId('element-image')).toHaveCount(1);
  await expect(editor.getByTestId('element-image')).toHaveAttribute('data-asset-id', ids[2]!);

  // The last one stays, and the card says why.
  await editor.getByTestId('element-image-remove').click();
  await expect(card.getByTestId('element-card-error')).toHaveText('An Element keeps at least one image: add another to @Anna K before removing this one, or delete the Element.');
  await expect(editor.getByTestId('element-image')).toHaveCount(1);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'elements-edit-last-image.png') });
  expect(await axeViolations(page, { include: '[data-testid="elements-view"]' })).toEqual([]);
  expect(atelier.db.prepare("SELECT kind, description FROM elements WHERE name = 'Anna K'").get()).toEqual({ kind: 'style', description: 'red coat, short hair' });
});
