import path from 'node:path';
import { expect, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations, useScheme } from '../harness/axe';

const SCREENS = ['studio', 'library', 'chats', 'compare', 'batch', 'usage', 'settings'] as const;

function report(found: Record<string, string[]>): string {
  return Object.entries(found)
    .filter(([, v]) => v.length > 0)
    .map(([k, v]) => `${k}:\n  ${v.join('\n  ')}`)
    .join('\n');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the studio's states in the ${scheme} theme have 0 serious or critical violations and one h1`, async ({ launch, fake }) => {
    test.setTimeout(240_000);
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await useScheme(page, scheme);
    const found: Record<string, string[]> = {};
    found['studio (empty)'] = await axeViolations(page, { explain: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-idle-${scheme}.png`) });
    await page.getByTestId('prompt-input').fill('a lemon on a blue plate');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('h1')).toHaveCount(1);
    found['studio (result)'] = await axeViolations(page, { explain: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-result-${scheme}.png`) });
    fake.enqueue({ kind: 'promptBlocked', reason: 'SAFETY' });
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-failed')).toBeVisible({ timeout: 30_000 });
    found['studio (failure)'] = await axeViolations(page, { explain: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-failure-${scheme}.png`) });
    await page.getByTestId('queue-toggle').click();
    await expect(page.getByTestId('queue-drawer')).toBeVisible();
    found['studio (queue)'] = await axeViolations(page, { explain: true });
    await page.getByTestId('queue-toggle').click();
    await page.getByTestId('count-4').click();
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(4, { timeout: 60_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-set-${scheme}.png`) });
    await page.getByTestId('stage').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toBeVisible();
    found['shortcuts'] = await axeViolations(page, { explain: true });
    expect(report(found)).toBe('');
  });

  test(`axe: every other screen in the ${scheme} theme has 0 serious or critical violations and one h1`, async ({ launch }) => {
    test.setTimeout(240_000);
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await useScheme(page, scheme);
    const found: Record<string, string[]> = {};
    for (const screen of SCREENS.filter((s) => s !== 'studio')) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('h1'), `${screen} has one h1`).toHaveCount(1);
      found[screen] = await axeViolations(page, { explain: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${screen}-${scheme}.png`) });
    }
    expect(report(found)).toBe('');
  });
}

test('focus is always visible: the prompt, a nav button and a result each draw an outline', async ({ launch }) => {
  const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
  const outlined = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const own = getComputedStyle(el);
      const panel = el.closest('.generate');
      const ring = (s: CSSStyleDeclaration) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      return ring(own) || (panel !== null && ring(getComputedStyle(panel)));
    });
  await expect(page.getByTestId('prompt-input')).toBeFocused();
  // Keyboard focus (focus-visible) comes from a key press, not a click.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await outlined()).toBe(true);
  await page.getByTestId('nav-library').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await outlined()).toBe(true);
});

test('a theme switch is read by axe only once its colour transitions have ended', async ({ launch }) => {
  const { page } = await launch({ envApiKey: testKey(), screen: 'library' });
  const ghost = page.locator('.btn-ghost').first();
  await expect(ghost).toBeVisible();
  // A slow machine stretches the 120 ms fade past the moment axe reads colours; here it lasts a minute.
  await ghost.evaluate((el) => ((el as HTMLElement).style.transitionDuration = '60s'));
  // In one task: the colour axe would read now, the transitions still running, and the colour the theme settles on.
  const read = () =>
    ghost.evaluate((el) => {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity).length;
      const now = getComputedStyle(el).color;
      (el as HTMLElement).style.transitionProperty = 'none';
      const final = getComputedStyle(el).color;
      (el as HTMLElement).style.transitionProperty = '';
      return { running, now, final };
    });
  await useScheme(page, 'light');
  const light = await read();
  await useScheme(page, 'dark');
  const dark = await read();
  expect(dark.running).toBe(0);
  expect(dark.now).toBe(dark.final);
  expect(dark.final).not.toBe(light.final);
  await useScheme(page, null);
});
