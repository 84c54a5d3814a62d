/**
 * Elements (issue 18 §3): a named person or object made in the library from dropped photos, then
 * `@` in the studio's prompt adds its images as references; the result's facts name it and the
 * library filters by it.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePng } from '../fake-gemini/png';
import { dropFiles, expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations } from '../harness/axe';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
] as const;

const generateCalls = (fake: { requests: Array<{ action?: string | null; body?: unknown }> }) => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));

async function makeElement(page: Page, name: string, kind: 'person' | 'object', photos: string[]) {
  const files = await Promise.all(photos.map(async (label, i) => ({ name: `${name}-${i}.png`, mime: 'image/png', bytes: await makePng({ width: 480 + i, height: 360, label }) })));
  await dropFiles(page, 'element-new', files);
  await expect(page.getByTestId('element-new-images')).toContainText(`${photos.length} image${photos.length === 1 ? '' : 's'}`);
  await page.getByTestId('element-name').fill(name);
  await page.getByTestId('element-kind').selectOption(kind);
  await page.getByTestId('element-create').click();
  await expect(page.getByTestId('element-card').filter({ hasText: `@${name}` })).toBeVisible();
}

test('an @Element in the studio', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey(), screen: 'library' });
  const { page, atelier } = app;

  await page.getByTestId('library-view-elements').click();
  await expect(page.getByTestId('elements-empty')).toBeVisible();
  await makeElement(page, 'Anna', 'person', ['Anna, front', 'Anna, profile']);
  await makeElement(page, 'Mug', 'object', ['a blue mug']);
  await expect(page.getByTestId('element-card')).toHaveCount(2);
  await expect(page.getByTestId('element-card').first()).toContainText('Person · 2 images');

  // Rename in place; a name already taken is refused in words.
  // By id: while renaming, the card's name is an input's value, not its text.
  const mugId = await page.getByTestId('element-card').filter({ hasText: '@Mug' }).getAttribute('data-element-id');
  const mugCard = page.locator(`[data-testid="element-card"][data-element-id="${mugId}"]`);
  await mugCard.getByTestId('element-rename').click();
  await mugCard.getByTestId('element-rename-input').fill('anna');
  await mugCard.getByTestId('element-rename-input').press('Enter');
  await expect(mugCard.getByTestId('element-card-error')).toHaveText('There is already an Element called “anna”; choose another name.');
  await mugCard.getByTestId('element-rename-input').press('Escape');
  await expect(mugCard.getByRole('heading', { name: '@Mug' })).toBeVisible();
  await expect(mugCard.getByTestId('element-card-error')).toHaveCount(0);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const view = page.getByTestId('elements-view');
    await expect(view).toBeVisible();
    const box = (await view.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(size.width);
    for (const card of await page.getByTestId('element-card').all()) {
      const b = (await card.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(size.width + 0.5);
      expect(b.width).toBeGreaterThan(200);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-view-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);

  // In the studio: @ offers them, the keyboard chooses.
  await goTo(page, 'studio');
  const prompt = page.getByTestId('prompt-input');
  await prompt.click();
  await page.keyboard.type('@an');
  const picker = page.getByRole('listbox', { name: 'Elements' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('option')).toHaveText([/@Anna/]);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await page.keyboard.type('holding @');
  await expect(picker.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('option', { name: /@Mug/ })).toHaveAttribute('aria-selected', 'true');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const p = (await picker.boundingBox())!;
    const dock = (await page.getByTestId('prompt-dock').boundingBox())!;
    expect(p.y).toBeGreaterThanOrEqual(0);
    expect(p.y + p.height).toBeLessThanOrEqual(dock.y + 5);
    expect(p.x + p.width).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-picker-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
  await page.keyboard.press('Enter');
  await expect(prompt).toHaveValue('@Anna holding @Mug ');
  await expect(page.getByTestId('element-chip')).toHaveText(['@Anna· 2 images', '@Mug· 1 image']);
  await expect(page.getByTestId('element-fit')).toHaveText('');

  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  const sent = generateCalls(fake)[0]!.body as { contents: Array<{ parts: Array<{ inlineData?: unknown }> }> };
  expect(sent.contents[0]!.parts.filter((p) => p.inlineData)).toHaveLength(3);
  const annaId = (atelier.db.prepare("SELECT id FROM elements WHERE name = 'Anna'").pluck().get() as string);
  expect(atelier.db.prepare('SELECT name FROM generation_elements ORDER BY name').pluck().all()).toEqual(['Anna', 'Mug']);

  // The library filters by the Element; the result's facts name both.
  await goTo(page, 'library');
  await page.getByTestId('library-view-all').click();
  await page.getByTestId('library-filters').click();
  await page.getByTestId('filter-element').selectOption(annaId);
  const tiles = page.getByTestId('library-grid').getByTestId('asset-tile');
  await expect(tiles).toHaveCount(1);
  await tiles.first().click();
  await expect(page.getByTestId('asset-detail').getByTestId('detail-elements')).toHaveText('@Anna, @Mug');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'elements-library-filter.png') });
});

test('an @Element in a chat', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey(), screen: 'library' });
  const { page, atelier } = app;
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', 'person', ['Anna, front', 'Anna, profile']);

  await goTo(page, 'chats');
  await page.getByTestId('chat-new').click();
  await expect(page.getByTestId('chat-view')).toBeVisible();
  const input = page.getByTestId('chat-input');
  await input.click();
  await page.keyboard.type('A portrait of @an');
  const picker = page.getByRole('listbox', { name: 'Elements' });
  await expect(picker.getByRole('option')).toHaveText([/@Anna/]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const p = (await picker.boundingBox())!;
    expect(p.y).toBeGreaterThanOrEqual(0);
    expect(p.y + p.height).toBeLessThanOrEqual((await input.boundingBox())!.y + 5);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-chat-picker-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
  // Enter chooses the Element; it does not send the turn.
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('A portrait of @Anna ');
  await expect(page.getByTestId('chat-attachment')).toHaveCount(2);
  expect(generateCalls(fake)).toHaveLength(0);
  await page.keyboard.type('in the rain');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  const sent = generateCalls(fake)[0]!.body as { contents: Array<{ parts: Array<{ inlineData?: unknown }> }> };
  expect(sent.contents.at(-1)!.parts.filter((p) => p.inlineData)).toHaveLength(2);
  expect(atelier.db.prepare('SELECT name FROM generation_elements').pluck().all()).toEqual(['Anna']);
});

test('a 4-panel series re-rolled at panel 3', async ({ launch, fake }) => {
  const app = await launch({ envApiKey: testKey(), screen: 'library' });
  const { page } = app;
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', 'person', ['Anna, front']);

  await goTo(page, 'studio');
  await page.getByTestId('series-toggle').click();
  await expect(page.getByTestId('series')).toBeVisible();
  const words = ['Anna wakes up', 'Anna finds a map', 'Anna crosses the river', 'Anna reaches the tower'];
  const prompts = page.getByTestId('series-prompt');
  await expect(prompts).toHaveCount(4);
  for (let i = 0; i < 4; i++) await prompts.nth(i).fill(words[i]!);
  await page.getByTestId('series-style').fill('ink and watercolour');
  await page.getByTestId('series-ratio').selectOption('4:3');
  await page.getByTestId('series-element').filter({ hasText: '@Anna' }).click();
  await page.getByTestId('series-generate').click();
  const panels = page.getByTestId('series-panel');
  for (let i = 0; i < 4; i++) await expect(panels.nth(i)).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  const before = await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-asset-id')));
  expect(new Set(before).size).toBe(4);
  // Every panel went out with the same reference, ratio and style line.
  const calls = generateCalls(fake).map((c) => c.body as { contents: Array<{ parts: Array<{ text?: string; inlineData?: unknown }> }>; generationConfig?: { imageConfig?: { aspectRatio?: string } } });
  expect(calls).toHaveLength(4);
  for (const c of calls) {
    expect(c.contents[0]!.parts.filter((p) => p.inlineData)).toHaveLength(1);
    expect(c.contents[0]!.parts.map((p) => p.text ?? '').join(' ')).toContain('Style: ink and watercolour');
    expect(c.generationConfig?.imageConfig?.aspectRatio).toBe('4:3');
  }

  await panels.nth(2).getByTestId('series-reroll').click();
  await expect(panels.nth(2)).not.toHaveAttribute('data-asset-id', before[2]!, { timeout: 20_000 });
  await expect(panels.nth(2)).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  const after = await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-asset-id')));
  expect([after[0], after[1], after[3]]).toEqual([before[0], before[1], before[3]]);
  expect(after[2]).not.toBe(before[2]);
  expect(generateCalls(fake)).toHaveLength(5);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const strip = (await page.getByTestId('series-strip').boundingBox())!;
    expect(strip.x + strip.width).toBeLessThanOrEqual(size.width);
    await page.getByTestId('series-strip').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `series-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page)).toEqual([]);
  }
});
