import fs from 'node:fs';
import path from 'node:path';
import { pngOf } from '../support/images';
import { dropFiles, expect, saveKeyThroughOnboarding, test, testKey } from './fixtures';

const SHOTS = path.join('test-results', 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

type Body = { contents: Array<{ role: string; parts: Array<{ text?: string; inlineData?: unknown }> }>; generationConfig?: { imageConfig?: { aspectRatio?: string } } };

test('chat: a dropped photo goes with the message, Enter sends, ratio per turn, image actions, and branching', async ({ launch, fake }) => {
  fake.strictSignatures = true;
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('chat-new').click();
  await expect(page.getByTestId('chat-view')).toBeVisible();

  // A file that is not an image is refused in words; the photo is kept for the message.
  await dropFiles(page, 'chat-composer', [
    { name: 'notes.txt', mime: 'text/plain', bytes: Buffer.from('not a picture') },
    { name: 'garden.png', mime: 'image/png', bytes: await pngOf(320, 240, [40, 160, 60]) },
  ]);
  await expect(page.getByTestId('chat-attachment')).toHaveCount(1);
  await expect(page.getByTestId('chat-attach-error')).toContainText('notes.txt');

  const input = page.getByTestId('chat-input');
  await input.fill('Turn this garden into');
  await input.press('Shift+Enter');
  await input.pressSequentially('a watercolour');
  await expect(input).toHaveValue('Turn this garden into\na watercolour');
  await expect(page.getByTestId('chat-turn')).toHaveCount(0);
  await input.press('Enter');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(1);
  await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('chat-ref')).toHaveCount(1);
  await expect(page.getByTestId('chat-attachment')).toHaveCount(0);
  const first = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!.body as Body;
  expect(first.contents[0]!.parts.some((p) => p.inlineData)).toBe(true);

  // Ratio per turn, where the model allows it.
  await page.getByTestId('chat-aspect').selectOption('16:9');
  await input.fill('Wider, with a bench');
  await input.press('Enter');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(2);
  await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  const second = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!.body as Body;
  expect(second.generationConfig?.imageConfig?.aspectRatio).toBe('16:9');
  expect(second.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);

  // The list counts exchanges: two messages and two answers are two turns.
  await expect(page.getByTestId('chat-list-item').first()).toContainText('2 turns');

  // A chat picture has the library's actions.
  const firstAnswer = page.getByTestId('chat-turn').and(page.locator('[data-role="model"]')).first();
  await firstAnswer.getByTestId('chat-image-favorite').click();
  await expect(firstAnswer.getByTestId('chat-image-favorite')).toHaveAttribute('aria-pressed', 'true');
  await firstAnswer.getByTestId('chat-image-star-4').click();
  await expect(firstAnswer.getByTestId('chat-image-star-4')).toHaveAttribute('aria-pressed', 'true');
  await firstAnswer.getByTestId('chat-image-view').click();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  // The viewer steps through the whole conversation's pictures: the photo and two answers.
  await expect(viewer.getByTestId('viewer-count')).toHaveText('2 / 3');
  await expect(viewer.getByTestId('viewer-star-4')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await page.screenshot({ path: path.join(SHOTS, 'chat.png') });

  // Branch from the first answer: a new chat that continues from it, the original untouched.
  await firstAnswer.getByTestId('chat-branch').click();
  await expect(page.getByTestId('chat-list-item')).toHaveCount(2);
  await expect(page.getByTestId('chat-turn')).toHaveCount(2);
  await input.fill('Make it a night scene instead');
  await input.press('Enter');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(2);
  await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  const branched = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1)!.body as Body;
  expect(branched.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
  // The branch sent the first exchange exactly as the original did, signatures and all.
  expect(branched.contents.slice(0, 2)).toEqual(second.contents.slice(0, 2));
  await page.getByTestId('chat-list-item').nth(1).click();
  await expect(page.getByTestId('chat-turn')).toHaveCount(4);
});

test('chat: started from a library image, which waits in the composer for the first message', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('prompt-input').fill('A red kite over dunes');
  await page.getByTestId('generate-button').click();
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-grid').getByTestId('asset-tile').first().click();
  await page.getByTestId('detail-start-chat').click();
  await expect(page.getByTestId('chat-view')).toBeVisible();
  await expect(page.getByTestId('chat-attachment')).toHaveCount(1);
  await page.getByTestId('chat-input').fill('Make the kite blue');
  await page.getByTestId('chat-input').press('Enter');
  await expect(page.getByTestId('chat-ref')).toHaveCount(1);
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(1);
});
