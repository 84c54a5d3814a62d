/**
 * `@` in every prompt (issue 18 §3): the compare prompt offers the Elements as the studio does and
 * sends a chosen one's images with every contender; the chat composer says which Element to drop,
 * in the studio dock's words, when they do not fit the chat's model.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePng } from '../fake-gemini/png';
import { axeViolations } from '../harness/axe';
import { dropFiles, expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 680 },
  { width: 800, height: 600 },
] as const;

const generateCalls = (fake: { requests: Array<{ action?: string | null; body?: unknown }> }) => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
const inlineImages = (body: unknown) => (body as { contents: Array<{ parts: Array<{ inlineData?: unknown }> }> }).contents.at(-1)!.parts.filter((p) => p.inlineData).length;

async function makeElement(page: Page, name: string, kind: 'person' | 'object', labels: string[]) {
  const files = await Promise.all(labels.map(async (label, i) => ({ name: `${name}-${i}.png`, mime: 'image/png', bytes: await makePng({ width: 420 + i, height: 320, label }) })));
  await dropFiles(page, 'element-new', files);
  await expect(page.getByTestId('element-new-images')).toContainText(`${labels.length} image`);
  await page.getByTestId('element-name').fill(name);
  await page.getByTestId('element-kind').selectOption(kind);
  await page.getByTestId('element-create').click();
  await expect(page.getByTestId('element-card').filter({ hasText: `@${name}` })).toBeVisible();
}

test('an @Element in the compare prompt goes with every contender', async ({ launch, fake }) => {
  const { page, atelier } = await launch({ envApiKey: testKey(), screen: 'library' });
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', 'person', ['Anna, front', 'Anna, profile']);

  await goTo(page, 'compare');
  const prompt = page.getByTestId('compare-prompt');
  await prompt.click();
  await page.keyboard.type('A portrait of @an');
  const picker = page.getByRole('listbox', { name: 'Elements' });
  await expect(picker.getByRole('option')).toHaveText([/@Anna/]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const p = (await picker.boundingBox())!;
    const box = (await prompt.boundingBox())!;
    // Under the prompt box (the room's title is above it), inside the window.
    expect(p.y).toBeGreaterThanOrEqual(box.y + box.height);
    expect(p.x + p.width).toBeLessThanOrEqual(size.width);
    expect(p.y + p.height).toBeLessThanOrEqual(size.height);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-compare-picker-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page, { include: '[data-testid="compare-form"]' })).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
  await page.keyboard.press('Enter');
  await expect(prompt).toHaveValue('A portrait of @Anna ');
  await expect(page.getByTestId('compare-form').getByTestId('element-chip')).toHaveText(['@Anna· 2 images']);
  await expect(page.getByTestId('compare-form').getByTestId('element-fit')).toHaveText('');
  await page.keyboard.type('in the rain');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-result').and(page.locator('[data-state="succeeded"]'))).toHaveCount(2, { timeout: 20_000 });
  const calls = generateCalls(fake);
  expect(calls).toHaveLength(2);
  for (const c of calls) expect(inlineImages(c.body)).toBe(2);
  expect(atelier.db.prepare('SELECT name FROM generation_elements').pluck().all()).toEqual(['Anna', 'Anna']);
});

test('the chat says which Element to drop, in the studio’s words', async ({ launch, fake }) => {
  const { page } = await launch({ envApiKey: testKey(), screen: 'library' });
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', 'person', ['Anna, front', 'Anna, profile']);

  // The studio first, on Lite (one person reference at most): the dock's sentence.
  await goTo(page, 'studio');
  await page.getByTestId('tier-lite').click();
  await page.getByTestId('prompt-input').click();
  await page.keyboard.type('@an');
  await page.keyboard.press('Enter');
  const studioSays = (await page.getByTestId('element-fit').textContent())!;
  expect(studioSays).toContain('Drop @Anna (2 images) to fit.');

  await goTo(page, 'chats');
  await page.getByTestId('chat-new-tier-lite').click();
  await page.getByTestId('chat-new').click();
  await expect(page.getByTestId('chat-view')).toBeVisible();
  const input = page.getByTestId('chat-input');
  await input.click();
  await page.keyboard.type('A portrait of @an');
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('A portrait of @Anna ');
  const fit = page.getByTestId('chat-element-fit');
  await expect(fit).toHaveText(studioSays);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const f = (await fit.boundingBox())!;
    const i = (await input.boundingBox())!;
    expect(f.y + f.height).toBeLessThanOrEqual(i.y + 1);
    expect(f.x).toBeGreaterThanOrEqual(0);
    expect(f.x + f.width).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-chat-drop-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page, { include: '[data-testid="chat-composer"]' })).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
  // Sending is refused with the same sentence; nothing goes to Gemini.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-send-error')).toHaveText(studioSays);
  expect(generateCalls(fake)).toHaveLength(0);
  // Taking @Anna out of the draft ends it.
  await input.fill('A portrait in the rain');
  await expect(fit).toHaveCount(0);
});

test('an @Element in the batch form goes with the lines that name it', async ({ launch, fake }) => {
  fake.batchTiming = { pendingMs: 100, runningMs: 200 };
  const { page, atelier } = await launch({ envApiKey: testKey(), screen: 'library', tuning: { batchPollMs: 100 } });
  await page.getByTestId('library-view-elements').click();
  await makeElement(page, 'Anna', 'person', ['Anna, front', 'Anna, profile']);

  await goTo(page, 'batch');
  const input = page.getByTestId('batch-input');
  await input.click();
  await page.keyboard.type('An empty beach');
  await page.keyboard.press('Enter');
  await page.keyboard.type('@an');
  const picker = page.getByRole('listbox', { name: 'Elements' });
  await expect(picker.getByRole('option')).toHaveText([/@Anna/]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const p = (await picker.boundingBox())!;
    const box = (await input.boundingBox())!;
    expect(p.y).toBeGreaterThanOrEqual(box.y + box.height);
    expect(p.x + p.width).toBeLessThanOrEqual(size.width);
    expect(p.y + p.height).toBeLessThanOrEqual(size.height);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `elements-batch-picker-${size.width}x${size.height}.png`) });
    expect(await axeViolations(page, { include: '.batch-form' })).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
  // Enter chooses the Element; it does not start a new line.
  await page.keyboard.press('Enter');
  await page.keyboard.type('at the beach');
  await expect(input).toHaveValue('An empty beach\n@Anna at the beach');
  await expect(page.getByTestId('batch-view').getByTestId('element-chip')).toHaveText(['@Anna· 2 images']);
  await page.getByTestId('batch-submit').click();
  await expect(page.getByTestId('batch-job').first().getByTestId('batch-progress')).toContainText('2 of 2', { timeout: 20_000 });
  expect(fake.batches).toHaveLength(1);
  const images = fake.batches[0]!.items.map((it) => (it.request as { contents: Array<{ parts: Array<{ inlineData?: unknown }> }> }).contents[0]!.parts.filter((p) => p.inlineData).length);
  expect(images).toEqual([0, 2]);
  expect(atelier.db.prepare('SELECT name FROM generation_elements').pluck().all()).toEqual(['Anna']);
});
