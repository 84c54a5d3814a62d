import fs from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { expect, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { KEY_ACCOUNT } from '../harness/launchApp';

test.describe('first run: the API key', () => {
  test('asks for a key, tells a bad key apart, stores a good one in the system keychain', async ({ launch, fake }) => {
    const app = await launch();
    const { page } = app;
    const dialog = page.getByTestId('onboarding');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('key-store-message')).toContainText('system keychain');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'onboarding.png') });

    const bad = testKey();
    fake.badKeys.add(bad);
    await dialog.getByTestId('key-input').fill(bad);
    await dialog.getByTestId('key-test').click();
    await expect(dialog.getByTestId('key-message')).toHaveAttribute('data-kind', 'error');
    await expect(dialog.getByTestId('key-message')).toContainText('not valid');
    await dialog.getByTestId('key-save').click();
    await expect(dialog.getByTestId('key-message')).toContainText('not valid');
    expect(await keytar.getPassword(app.keychainService, KEY_ACCOUNT)).toBeNull();

    const good = testKey();
    await dialog.getByTestId('key-input').fill(good);
    await dialog.getByTestId('key-test').click();
    await expect(dialog.getByTestId('key-message')).toHaveAttribute('data-kind', 'success');
    await expect(dialog.getByTestId('key-message')).toContainText('4 image models');
    const listCall = fake.requests.filter((r) => r.path === '/v1beta/models').at(-1)!;
    expect(listCall.headers['x-goog-api-key']).toBe(good);

    await dialog.getByTestId('key-save').click();
    await expect(dialog).toBeHidden();
    expect(await keytar.getPassword(app.keychainService, KEY_ACCOUNT)).toBe(good);
  });

  test('a leaked key gets its own message', async ({ launch, fake }) => {
    const { page } = await launch();
    const leaked = testKey();
    fake.leakedKeys.add(leaked);
    await page.getByTestId('key-input').fill(leaked);
    await page.getByTestId('key-test').click();
    await expect(page.getByTestId('key-message')).toContainText('leaked');
  });

  test('without a key the app opens and the library works; generating asks for the key', async ({ launch, fake }) => {
    const { page } = await launch();
    await page.getByTestId('onboarding-skip').click();
    await expect(page.getByTestId('onboarding')).toBeHidden();
    await goTo(page, 'library');
    await expect(page.getByTestId('library-empty')).toBeVisible();
    await goTo(page, 'studio');
    await page.getByTestId('prompt-input').fill('a quiet harbour');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('onboarding')).toBeVisible();
    expect(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))).toHaveLength(0);
  });

  test('with no system keychain the key goes to an encrypted file, and the user is told', async ({ launch }) => {
    const app = await launch({ keychain: 'none' });
    const { page } = app;
    await expect(page.getByTestId('key-store-message')).toContainText('encrypted');
    const key = testKey();
    await saveKeyThroughOnboarding(page, key);
    const file = path.join(app.userDataDir, 'gemini-key.enc');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file).includes(Buffer.from(key))).toBe(false);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('key-status')).toContainText('encrypted file');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'settings.png') });
  });
});
