import path from 'node:path';
import { expect, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test('a refinement chat survives a restart and its third turn carries the first two', async ({ launch, fake }) => {
  fake.strictSignatures = true;
  const app = await launch();
  await saveKeyThroughOnboarding(app.page, testKey());
  let page = app.page;
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('chat-new-tier-pro').click();
  await page.getByTestId('chat-new').click();
  await expect(page.getByTestId('chat-view')).toBeVisible();
  const send = async (text: string) => {
    await page.getByTestId('chat-input').fill(text);
    await page.getByTestId('chat-send').click();
    await expect(page.getByTestId('chat-turn').filter({ hasText: text })).toBeVisible();
    await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
  };
  await page.getByTestId('chat-thoughts-toggle').check();
  await send('A lighthouse on a basalt cliff');
  await send('Make the sky stormy');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(2);

  await app.restart();
  page = app.page;
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('chat-list-item').first().click();
  await expect(page.getByTestId('chat-turn')).toHaveCount(4);
  await send('Add a small boat in the bay');
  await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(3);
  await expect(page.getByTestId('chat-turn-image')).toHaveCount(3);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat.png') });

  const third = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))[2]!.body as { contents: Array<{ role: string }> };
  expect(third.contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
  // Each image of each turn is in the library too.
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('asset-tile')).toHaveCount(3);
});
