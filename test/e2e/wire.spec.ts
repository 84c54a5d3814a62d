/**
 * Issues 7 and 10 in the real renderer: live progress of a streamed job, and server or model
 * text shown bounded, without control characters, its direction isolated.
 */
import path from 'node:path';
import { expect, generate, openQueue, saveKeyThroughOnboarding, test, testKey } from './fixtures';

const SHOTS = 'test-results/screenshots';

test('a streamed job shows its thoughts and a draft preview while it runs', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  // Thoughts arrive after a quarter of this, the final image at the end (the fake's SSE timing).
  fake.setLatency(null, 6_000);
  await page.getByTestId('thoughts-toggle').check();
  await generate(page, 'a lighthouse in fog', { tier: 'pro' });
  const card = (await openQueue(page)).getByTestId('job-card').filter({ hasText: 'a lighthouse in fog' });
  await expect(card).toHaveAttribute('data-state', 'running');
  const progress = card.getByTestId('job-progress');
  await expect(progress.getByTestId('job-thought')).toContainText('Planning the composition');
  const draft = progress.getByTestId('job-draft');
  await expect(draft).toHaveCount(1);
  expect(await draft.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
  await page.screenshot({ path: path.join(SHOTS, 'streamed-progress.png') });
  await expect(card).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
  await expect(progress).toBeHidden();
});

test('a 10 KB error is a sentence or two with details; NUL, ESC and bidi overrides are neutralised', async ({ launch, fake }) => {
  const { page } = await launch({ tuning: { backoff: { baseMs: 50, maxMs: 100, maxAttempts: 1 } } });
  await saveKeyThroughOnboarding(page, testKey());
  const long = `Request contains an invalid argument\u0000\u001b[31m. Reason \u202Egnp.exe\u202C follows. ${'More detail. '.repeat(800)}`;
  fake.enqueue({ kind: 'error', status: 400, message: long });
  await generate(page, 'a long refusal');
  const error = (await openQueue(page)).getByTestId('job-card').filter({ hasText: 'a long refusal' }).getByTestId('job-error');
  await expect(error).toBeVisible();
  const shown = (await error.locator('.bidi-isolate').first().textContent()) ?? '';
  expect(shown.length).toBeLessThan(300);
  // eslint-disable-next-line no-control-regex
  expect(shown).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
  expect(await error.locator('[dir="auto"]').count()).toBeGreaterThan(0);
  expect(await error.locator('.bidi-isolate').first().evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
  const box = await error.boundingBox();
  expect(box!.height).toBeLessThan(200);
  await error.getByText('Details').click();
  await expect(error.locator('.bounded-more')).toContainText('More detail.');
  const more = await error.locator('.bounded-more').boundingBox();
  expect(more!.height).toBeLessThanOrEqual(16 * 16 + 2);
  await page.screenshot({ path: path.join(SHOTS, 'bounded-error.png') });
});

test('an HTML 502 page shows as a short status line', async ({ launch, fake }) => {
  const { page } = await launch({ tuning: { backoff: { baseMs: 50, maxMs: 100, maxAttempts: 1 } } });
  await saveKeyThroughOnboarding(page, testKey());
  fake.enqueue({ kind: 'broken', how: 'html502' });
  await generate(page, 'through a load balancer');
  const error = (await openQueue(page)).getByTestId('job-card').filter({ hasText: 'through a load balancer' }).getByTestId('job-error');
  await expect(error).toContainText('502 Bad Gateway');
  expect(await error.textContent()).not.toContain('<');
});
