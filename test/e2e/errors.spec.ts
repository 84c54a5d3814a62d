import fs from 'node:fs';
import path from 'node:path';
import { expect, generate, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

test('quota, server error, safety block and no image each show their own message and leave nothing behind', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());

  const cases = [
    { outcome: { kind: 'error', status: 429, retryDelaySeconds: 47 } as const, prompt: 'quota case', code: 'quota', text: /rate limit.*47 s/ },
    { outcome: { kind: 'error', status: 500 } as const, prompt: 'server case', code: 'server', text: /internal error \(500\)/ },
    { outcome: { kind: 'imageBlocked', reason: 'IMAGE_SAFETY' } as const, prompt: 'safety case', code: 'image_blocked', text: /safety policy/ },
    { outcome: { kind: 'noImage' } as const, prompt: 'no image case', code: 'no_image', text: /without making an image/ },
  ];
  for (const c of cases) {
    fake.enqueue(c.outcome);
    await generate(page, c.prompt);
    const card = page.getByTestId('job-card').filter({ hasText: c.prompt });
    await expect(card).toHaveAttribute('data-state', 'failed');
    await expect(card.getByTestId('job-error')).toHaveAttribute('data-code', c.code);
    await expect(card.getByTestId('job-error')).toHaveText(c.text);
  }
  const messages = await page.getByTestId('job-error').allTextContents();
  expect(new Set(messages).size).toBe(4);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'errors.png') });

  await expect(page.getByTestId('library-empty')).toBeVisible();
  expect(app.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(0);
  expect(app.atelier.db.prepare('SELECT count(*) FROM generations').pluck().get()).toBe(0);
  for (const sub of ['files', 'thumbs', 'tmp']) expect(filesUnder(path.join(app.userDataDir, 'library', sub))).toEqual([]);
});

test('an invalid prompt is refused in the UI with a clear message, nothing is sent', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('prompt-input').fill('   ');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('generate-error')).toContainText('Write a prompt first');
  expect(fake.requests.filter((r) => r.action === 'generateContent')).toHaveLength(0);
});

test('a dropped connection fails the job with a network message', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  fake.enqueue({ kind: 'drop' });
  await generate(page, 'lost in transit');
  await expect(page.getByTestId('job-error')).toHaveAttribute('data-code', 'network');
  await expect(page.getByTestId('job-error')).toContainText("Can't reach Gemini");
});
