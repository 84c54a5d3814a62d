import path from 'node:path';
import type { FakeGemini } from '../fake-gemini/server';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeInBothThemes } from '../harness/axe';

/** The `store` flag of each generation sent so far, oldest first. */
function storeFlags(fake: FakeGemini): Array<boolean | undefined> {
  return fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).map((r) => r.store?.[0]);
}

/** Serious or critical WCAG A/AA findings inside the Privacy section, in both themes. */
test('the privacy switch: off by default; turned on, the next generation is sent with store: true; off again, store: false', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());

  await goTo(page, 'settings');
  await page.getByTestId('settings-index').getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Privacy' })).toBeFocused();
  const toggle = page.getByRole('switch', { name: /Let Google keep my requests \(AI Studio logs\)/ });
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/AI Studio logs/);
  const section = page.locator('section', { has: page.locator('#settings-privacy-title') });
  for (const [w, h] of [[1440, 900], [800, 600]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `settings-privacy-${w}x${h}.png`) });
  }

  expect(await axeInBothThemes(page, { include: 'section[aria-labelledby="settings-privacy-title"]' })).toEqual([]);

  await generate(page, 'a lantern, not kept');
  await expect.poll(() => storeFlags(fake)).toEqual([false]);

  // Keyboard: the switch takes focus and Space turns it on, like any checkbox.
  await goTo(page, 'settings');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('privacy-saved')).toBeVisible();
  await expect(page.getByRole('switch', { name: /Let Google keep my requests/ })).toBeChecked();
  // Saving does not take the focus away from the switch (its ring shows in the screenshot).
  await expect(toggle).toBeFocused();
  await section.screenshot({ path: path.join(SCREENSHOT_DIR, 'settings-privacy-on-800x600.png') });
  expect(await axeInBothThemes(page, { include: 'section[aria-labelledby="settings-privacy-title"]' })).toEqual([]);
  await generate(page, 'a lantern, kept');
  await expect.poll(() => storeFlags(fake)).toEqual([false, true]);

  await goTo(page, 'settings');
  await page.getByRole('switch', { name: /Let Google keep my requests/ }).click();
  await expect(page.getByTestId('privacy-saved')).toBeVisible();
  await expect(page.getByRole('switch', { name: /Let Google keep my requests/ })).not.toBeChecked();
  await generate(page, 'a lantern, not kept again');
  await expect.poll(() => storeFlags(fake)).toEqual([false, true, false]);

  // The choice outlives a reload: it lives in main's settings, not in the window.
  await page.reload();
  await goTo(page, 'settings');
  await expect(page.getByRole('switch', { name: /Let Google keep my requests/ })).not.toBeChecked();
});
