import { startFakeGemini } from '../fake-gemini/server';
import { expect, generate, goTo, saveKeyThroughOnboarding, test, testKey } from './fixtures';

test('the API endpoint set in Settings is where Atelier sends its calls', async ({ launch }) => {
  const proxy = await startFakeGemini();
  try {
    // No GEMINI_BASE_URL in the environment: the setting alone decides.
    const app = await launch({ geminiBaseUrl: undefined });
    const { page } = app;
    await page.getByTestId('onboarding-skip').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-base-url').fill('not a url');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-error')).toBeVisible();

    await page.getByTestId('settings-base-url').fill(proxy.url);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    // Main asked in its own dialog (the harness answers yes) before the key may go there.
    expect(app.desktop.confirmations.map((c) => c.message)).toEqual([`Send your Gemini API key to ${proxy.url}?`]);

    await page.getByTestId('nav-library').click();
    // No key yet: the sidebar's "No API key" button opens the key dialog.
    await page.getByRole('button', { name: 'No API key: connect to generate' }).click();
    await saveKeyThroughOnboarding(page, testKey());
    await generate(page, 'routed through the proxy');
    await goTo(page, 'library');
    await expect(page.getByTestId('asset-tile')).toHaveCount(1);
    expect(proxy.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))).toHaveLength(1);

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

test('a compromised window cannot send the stored key to a server of its choosing', async ({ launch, fake }) => {
  const attacker = await startFakeGemini();
  try {
    const app = await launch({ geminiBaseUrl: undefined });
    const { page } = app;
    const key = testKey();
    // The user set up a proxy they trust, then saved their key.
    await page.getByTestId('onboarding-skip').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-base-url').fill(fake.url);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.getByTestId('nav-library').click();
    // No key yet: the sidebar's "No API key" button opens the key dialog.
    await page.getByRole('button', { name: 'No API key: connect to generate' }).click();
    await saveKeyThroughOnboarding(page, key);

    // Now a script in the window tries, through the real bridge.
    const invoke = (route: string, input: unknown) => page.evaluate(([r, i]) => window.atelier!.invoke(r as never, i as never), [route, input] as const);
    expect(await invoke('settings.update', { apiBaseUrl: 'http://attacker.example/' })).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringContaining('Plain http') });
    app.desktop.answerConfirmations(false);
    expect(await invoke('settings.update', { apiBaseUrl: attacker.url })).toMatchObject({ ok: false, code: 'unconfirmed_endpoint' });
    expect(app.desktop.confirmations.at(-1)?.message).toBe(`Send your Gemini API key to ${attacker.url}?`);
    expect(await invoke('key.test', {})).toMatchObject({ ok: true });
    expect(await invoke('settings.get', undefined)).toMatchObject({ ok: true, data: { apiBaseUrl: fake.url } });
    expect(attacker.requests).toHaveLength(0);
    expect(fake.requests.at(-1)!.headers['x-goog-api-key']).toBe(key);

    // A link outside the allow-list is shown to the user in full first; declined, nothing opens.
    expect(await invoke('app.openExternal', { url: 'https://phish.example/login' })).toMatchObject({ ok: true, data: { opened: false } });
    expect(app.desktop.confirmations.at(-1)?.detail).toBe('https://phish.example/login');
    expect(await invoke('app.openExternal', { url: 'https://user:pw@aistudio.google.com/' })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(app.openedUrls).toEqual([]);
  } finally {
    await attacker.close();
  }
});
