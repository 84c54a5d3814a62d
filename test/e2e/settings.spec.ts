import { startFakeGemini } from '../fake-gemini/server';
import { expect, generate, saveKeyThroughOnboarding, test, testKey } from './fixtures';

test('the API endpoint set in Settings is where Atelier sends its calls', async ({ launch }) => {
  const proxy = await startFakeGemini();
  try {
    // No GEMINI_BASE_URL in the environment: the setting alone decides.
    const { page } = await launch({ geminiBaseUrl: undefined });
    await page.getByTestId('onboarding-skip').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-base-url').fill('not a url');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-error')).toBeVisible();

    await page.getByTestId('settings-base-url').fill(proxy.url);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();

    await page.getByTestId('nav-studio').click();
    await page.getByTestId('generate-button').click();
    await saveKeyThroughOnboarding(page, testKey());
    await generate(page, 'routed through the proxy');
    await expect(page.getByTestId('asset-tile')).toHaveCount(1);
    expect(proxy.requests.filter((r) => r.action === 'generateContent')).toHaveLength(1);

    await page.reload();
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-base-url')).toHaveValue(proxy.url);
  } finally {
    await proxy.close();
  }
});

test('the library can be moved to another folder from Settings; Atelier restarts on it', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('library-location')).toHaveText(`${app.userDataDir}/library`);
  await page.getByTestId('library-move').click();
  await expect(page.getByTestId('library-moved')).toContainText('Atelier Library');
  expect(app.desktop.calls.map((c) => c.action)).toContain('relaunch');
  await app.restart();
  await app.page.getByTestId('onboarding-skip').click();
  await app.page.getByTestId('nav-settings').click();
  await expect(app.page.getByTestId('library-location')).toContainText('-other-disk/Atelier Library');
});
