import fs from 'node:fs';
import path from 'node:path';
import { expect, generate, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

const QUICK_RETRIES = { backoff: { baseMs: 100, maxMs: 200, maxAttempts: 2 } };

test('blocked, empty and failing answers each show their own message and leave nothing behind', async ({ launch, fake }) => {
  const app = await launch({ tuning: QUICK_RETRIES });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await openQueue(page);

  const cases = [
    { outcomes: [{ kind: 'error', status: 500 }, { kind: 'error', status: 500 }] as const, prompt: 'server case', code: 'server', text: /internal error \(500\)/ },
    { outcomes: [{ kind: 'imageBlocked', reason: 'IMAGE_SAFETY' }] as const, prompt: 'safety case', code: 'image_blocked', text: /safety policy/ },
    { outcomes: [{ kind: 'noImage' }] as const, prompt: 'no image case', code: 'no_image', text: /without making an image/ },
    { outcomes: [{ kind: 'promptBlocked' }] as const, prompt: 'blocked prompt case', code: 'prompt_blocked', text: /blocked the prompt itself/ },
  ];
  for (const c of cases) {
    fake.enqueue(...c.outcomes);
    await generate(page, c.prompt);
    const card = page.getByTestId('job-card').filter({ hasText: c.prompt });
    await expect(card).toHaveAttribute('data-state', 'failed');
    await expect(card.getByTestId('job-error')).toHaveAttribute('data-code', c.code);
    await expect(card.getByTestId('job-error')).toHaveText(c.text);
  }
  // The 500 was retried once (attempt 2) before giving up; the others failed at once.
  await expect(page.getByTestId('job-card').filter({ hasText: 'server case' }).getByTestId('job-attempt')).toContainText('2');
  const messages = await page.getByTestId('job-error').allTextContents();
  expect(new Set(messages).size).toBe(4);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'errors.png') });

  await goTo(page, 'library');
  await expect(page.getByTestId('library-empty')).toBeVisible();
  expect(app.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(0);
  expect(app.atelier.db.prepare('SELECT count(*) FROM generations').pluck().get()).toBe(0);
  for (const sub of ['files', 'thumbs', 'tmp']) expect(filesUnder(path.join(app.userDataDir, 'library', sub))).toEqual([]);
});

test('a 429 makes the job wait for the delay Gemini asked for, shown as a countdown, then it runs', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  fake.enqueue({ kind: 'error', status: 429, retryDelaySeconds: 3 });
  await openQueue(page);
  await generate(page, 'patient kite');
  const card = page.getByTestId('job-card').filter({ hasText: 'patient kite' });
  await expect(card).toHaveAttribute('data-wait', 'quota_retry');
  await expect(card.getByTestId('job-wait')).toContainText(/\d+ s/);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'queue-waiting.png') });
  await expect(card).toHaveAttribute('data-state', 'succeeded', { timeout: 10_000 });
  const calls = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
  expect(calls).toHaveLength(2);
  expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(3000);
});

test('an invalid prompt is refused in the UI with a clear message, nothing is sent', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('prompt-input').fill('   ');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-error')).toContainText('Write a prompt first');
  expect(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))).toHaveLength(0);
});

test('a connection closed without an answer is retried (it was reached, so not offline) and finishes', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  fake.enqueue({ kind: 'drop' });
  await openQueue(page);
  await generate(page, 'lost in transit');
  const card = page.getByTestId('job-card').filter({ hasText: 'lost in transit' });
  await expect(card).toHaveAttribute('data-state', 'succeeded', { timeout: 10_000 });
  await expect(card.getByTestId('job-attempt')).toContainText('2');
  await expect(page.getByTestId('queue-offline')).toBeHidden();
});
