/**
 * Today's models in the real renderer: an AQ. auth key end to end, the deprecation banner and
 * its one-click switch, a chat moved off a gone model, and image-search results.
 */
import path from 'node:path';
import type { Job } from '../../shared/ipc/contract';
import { expect, generate, goTo, openQueue, saveKeyThroughOnboarding, test, showGenerateOptions } from './fixtures';

/** Screenshots of this spec are artefacts, not docs: they stay out of the tree. */
const SHOTS = 'test-results/models';
const FLASH31 = 'gemini-3.1-flash-image';
const NB21 = 'gemini-nano-banana-2.1';

// Four app starts with real generations on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

test('an AQ. auth key works through onboarding and generation, and never reaches the log', async ({ launch, fake }) => {
  const key = `AQ.Ab8RN6${Date.now().toString(36)}_e2e-Key0123456789abcdef`;
  const app = await launch();
  const { page } = app;
  await expect(page.getByTestId('key-input')).toHaveAttribute('placeholder', /AQ\./);
  await expect(page.getByTestId('onboarding')).toContainText('New AI Studio keys start with “AQ.”');
  await saveKeyThroughOnboarding(page, key);
  await generate(page, 'A paper crane on a desk');
  await expect((await openQueue(page)).getByTestId('job-card').filter({ hasText: 'A paper crane' })).toHaveAttribute('data-state', 'succeeded');
  const sent = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!;
  expect(sent.headers['x-goog-api-key']).toBe(key);
  expect(sent.model).toBe(NB21);
  // Make main log a line that carries the key (a failing proxy URL would): it must come out masked.
  app.atelier.logger.warn('test: echo of a request URL', { url: `${fake.url}/v1beta/models?key=${key}` });
  expect(app.logText()).toContain('AQ.…[redacted]');
  expect(app.logText()).not.toContain(key);
});

test('a deprecated model pinned in the generate panel shows its shutdown day and switches in one click', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, `AQ.${'k'.repeat(40)}`);
  // Flash resolves to Nano Banana 2.1 from the live list, and says so.
  await expect(page.getByTestId('resolved-model')).toHaveText(NB21);
  await expect(page.getByTestId('resolved-why')).toHaveAttribute('data-source', 'list');
  await expect(page.getByTestId('model-standing')).toHaveCount(0);

  await page.getByTestId('model-select').selectOption(FLASH31);
  const banner = page.getByTestId('model-standing');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-state', 'deprecated');
  await expect(banner).toContainText('October 29, 2026');
  await expect(banner).toContainText('not confirmed by Google');
  await page.screenshot({ path: path.join(SHOTS, 'deprecation-banner.png') });

  await banner.getByTestId('model-standing-switch').click();
  await expect(page.getByTestId('model-select')).toHaveValue(NB21);
  await expect(page.getByTestId('resolved-model')).toHaveText(NB21);
  await expect(page.getByTestId('model-standing')).toHaveCount(0);
  // Nano Banana 2.1's own options: levels, image search; no 512.
  await expect(page.getByTestId('thinking-level-select').locator('option')).toHaveText(['Default (medium)', 'Minimal', 'Medium', 'High']);
  await expect(page.getByTestId('size-select').locator('option')).toHaveText(['1K', '2K', '4K']);
});

test('a chat pinned to a gone model moves to its successor with a warning, and goes on', async ({ launch, fake }) => {
  fake.strictSignatures = true;
  const app = await launch();
  let page = app.page;
  await saveKeyThroughOnboarding(page, `AQ.${'c'.repeat(40)}`);
  const sender = { url: `${app.origin}/`, isMainFrame: true };
  const created = await app.atelier.router.handle(sender, 'chat.create', { tier: 'flash', modelId: FLASH31, title: 'Harbour' });
  expect(created.ok).toBe(true);
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('chat-list-item').filter({ hasText: 'Harbour' }).click();
  const send = async (text: string) => {
    await page.getByTestId('chat-input').fill(text);
    await page.getByTestId('chat-send').click();
    // The user's own turn: the model's reply repeats the prompt, so the text alone matches both.
    await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="user"]')).filter({ hasText: text })).toBeVisible();
    await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  };
  // Deprecated but still answering: the banner shows, the chat works.
  await expect(page.getByTestId('chat-standing')).toHaveAttribute('data-state', 'deprecated');
  await send('A harbour at dawn');

  // Google shuts it down: the next message fails with a 404 and the model is marked gone.
  fake.retireModel(FLASH31);
  await page.getByTestId('chat-input').fill('Add fishing boats');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-standing')).toHaveAttribute('data-state', 'gone', { timeout: 15_000 });
  const standing = page.getByTestId('chat-standing');
  await expect(standing).toContainText('thought signatures do not carry over');
  await standing.getByTestId('chat-standing-switch').click();
  await expect(page.getByTestId('chat-moved')).toBeVisible();
  await expect(page.getByTestId('chat-standing')).toHaveCount(0);

  // The failed message is retried on the successor; the history goes without the old signatures.
  const failed = app.atelier.queue.list().find((j: Job) => j.kind === 'chat' && j.state === 'failed')!;
  await app.atelier.router.handle(sender, 'jobs.retry', { id: failed.id });
  await expect.poll(() => app.atelier.queue.get(failed.id).state, { timeout: 15_000 }).toBe('succeeded');
  const last = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!;
  expect(last.model).toBe(NB21);
  expect(last.status).toBe(200);
  page = app.page;
  await send('Make it night');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(3);
});

test('image-search grounding shows what was searched on Google Images and Google’s suggestions', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, `AQ.${'g'.repeat(40)}`);
  await expect(page.getByTestId('image-search-toggle')).toBeVisible();
  await page.getByTestId('image-search-toggle').check();
  await expect(page.getByTestId('grounding-toggle')).toBeChecked();
  await generate(page, 'The Rialto bridge in the style of a travel poster');
  await expect((await openQueue(page)).getByTestId('job-card').filter({ hasText: 'Rialto' })).toHaveAttribute('data-state', 'succeeded');
  const body = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!.body as { tools: unknown[] };
  expect(body.tools).toEqual([{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }]);

  await goTo(page, 'library');
  await page.getByTestId('asset-tile').first().click();
  const grounding = page.getByTestId('grounding');
  await expect(grounding.getByTestId('grounding-image-queries')).toContainText('Searched Google Images for');
  await expect(grounding.getByTestId('grounding-queries')).toBeVisible();
  await expect(page.frameLocator('[data-testid="grounding-entry"]').locator('a').first()).toBeVisible();
  await expect(page.getByTestId('detail-params')).toContainText('Web and images');
  await grounding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'image-search-result.png') });
  // Lite has no grounding: the toggles go away.
  await goTo(page, 'studio');
  // With a result on the stage the pickers are in the dock's Options popover.
  await showGenerateOptions(page);
  await page.getByTestId('tier-lite').click();
  await expect(page.getByTestId('grounding-toggle')).toHaveCount(0);
  await expect(page.getByTestId('image-search-toggle')).toHaveCount(0);
});
