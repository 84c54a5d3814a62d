/**
 * Issue 16, item 11 and the Compare, Settings and Usage points: each test names the point it
 * holds, and sizes are asserted from bounding boxes.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations, useScheme } from '../harness/axe';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });

async function startCompare(page: Page, prompt: string, blind: boolean): Promise<void> {
  await goTo(page, 'compare');
  await page.getByTestId('compare-prompt').fill(prompt);
  const toggle = page.getByTestId('compare-blind');
  if ((await toggle.isChecked()) !== blind) await toggle.click();
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('comparison')).toBeVisible();
}

/** Whether `el`'s placeholder fits its text box, measured with the input's own font. */
async function placeholderFits(page: Page, testId: string): Promise<{ text: number; room: number }> {
  return page.getByTestId(testId).evaluate((el) => {
    const input = el as HTMLInputElement;
    const cs = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = cs.font;
    return { text: ctx.measureText(input.placeholder).width, room: input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
  });
}

test.describe('issue 16: smaller things', () => {
  test('item 11: the queue drawer sits beside a ×4 set, never over it, and shows prompts in full', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio', viewport: { width: 1440, height: 900 } });
    const prompt = 'a lighthouse keeper reading by lamplight in a storm';
    await page.getByTestId('prompt-input').fill(prompt);
    await page.getByTestId('count-4').click();
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(4, { timeout: 30_000 });
    await page.getByTestId('queue-toggle').click();
    const drawer = page.getByTestId('queue-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByTestId('job-card')).toHaveCount(4);
    const drawerBox = (await drawer.boundingBox())!;
    // The stage re-fits beside the drawer: every image is whole and none is under the drawer.
    await expect
      .poll(async () => {
        const boxes = await page.getByTestId('stage-result').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
        return boxes.filter((b) => overlaps(b, drawerBox) || b.x + b.width > 1440.5).length;
      })
      .toBe(0);
    // Each prompt is readable: it wraps over the card's width instead of a few characters.
    for (const p of await drawer.locator('.job-prompt').all()) {
      const fits = await p.evaluate((el) => ({ width: el.getBoundingClientRect().width, clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 }));
      expect(fits.width).toBeGreaterThanOrEqual(drawerBox.width * 0.6);
      expect(fits.clipped).toBe(false);
    }
    await shot(page, 'queue-drawer-1440x900.png');
  });

  test('item 11: chat at 800×600: Send is inside the window and the page does not scroll sideways', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 800, height: 600 } });
    await goTo(page, 'chats');
    await page.getByTestId('chat-new').click();
    await page.getByTestId('chat-input').fill('a lighthouse');
    await page.getByTestId('chat-send').click();
    await expect(page.getByTestId('chat-turn').and(page.locator('[data-role="model"]'))).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByTestId('chat-pending')).toHaveCount(0);
    const send = (await page.getByTestId('chat-send').boundingBox())!;
    expect(send.x).toBeGreaterThanOrEqual(0);
    expect(send.y).toBeGreaterThanOrEqual(0);
    expect(send.x + send.width).toBeLessThanOrEqual(800);
    expect(send.y + send.height).toBeLessThanOrEqual(600);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
    await shot(page, 'chat-800x600.png');
  });

  test('item 11: the library search placeholder is not cut off, at 1440×900 and 800×600', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'library', viewport: { width: 1440, height: 900 } });
    for (const size of [{ width: 1440, height: 900 }, { width: 800, height: 600 }]) {
      await page.setViewportSize(size);
      await expect(page.getByTestId('library-search')).toBeVisible();
      const { text, room } = await placeholderFits(page, 'library-search');
      expect(text, `at ${size.width}×${size.height}`).toBeLessThanOrEqual(room);
    }
  });

  test('item 11: Settings has a sticky section index; Budget is one click away and the index stays in view', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'settings', viewport: { width: 1440, height: 900 } });
    const index = page.getByRole('navigation', { name: 'Settings sections' });
    await expect(index).toBeVisible();
    await expect(index.getByRole('link')).toHaveText(['API key', 'API endpoint', 'Defaults', 'Quota', 'Budget', 'Notifications', 'Live progress', 'Privacy', 'Priority', 'Library folder', 'Search by meaning', 'Models']);
    await shot(page, 'settings-index-1440x900.png');
    await index.getByRole('link', { name: 'Budget' }).click();
    const heading = page.locator('#settings-budget');
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    const box = (await index.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // And in a small window it is a row above the cards, still in view.
    await page.setViewportSize({ width: 800, height: 600 });
    await index.getByRole('link', { name: 'Models' }).click();
    await expect(page.locator('#settings-models')).toBeInViewport();
    await expect(index).toBeInViewport();
    await shot(page, 'settings-index-800x600.png');
  });

  test('item 11: Usage shows the monthly budget (or that there is none) and links to it in Settings', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'usage', viewport: { width: 1440, height: 900 } });
    const budget = page.getByTestId('usage-budget');
    await expect(budget).toContainText('None set');
    await budget.getByTestId('usage-budget-link').click();
    await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('#settings-budget')).toBeFocused();
    await expect(page.locator('#settings-budget')).toBeInViewport();
    await page.getByTestId('settings-budget').fill('25');
    await page.getByTestId('budget-save').click();
    await goTo(page, 'usage');
    await expect(budget).toContainText('of $25');
    await expect(budget.getByTestId('usage-budget-link')).toBeVisible();
    await shot(page, 'usage-budget-1440x900.png');
  });

  test('item 11: a blind comparison hides each side\'s time until the vote', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1440, height: 900 } });
    fake.latencyMs = 200;
    await startCompare(page, 'a heron in the reeds at dawn', true);
    await expect(page.getByTestId('vote-1')).toBeEnabled({ timeout: 15_000 });
    for (const facts of await page.getByTestId('result-facts').all()) {
      await expect(facts.locator('[data-fact="first"] dd')).toHaveText('hidden');
      await expect(facts.locator('[data-fact="final"] dd')).toHaveText('hidden');
    }
    await shot(page, 'compare-blind-1440x900.png');
    await page.setViewportSize({ width: 800, height: 600 });
    await shot(page, 'compare-blind-800x600.png');
    await page.keyboard.press('1');
    await expect(page.getByTestId('comparison')).toHaveAttribute('data-blind', 'revealed');
    await expect(page.locator('[data-fact="final"] dd').first()).toHaveText(/^\d+(\.\d)? s$/);
  });

  test('item 11: the studio\'s prompt carries over to Compare; one typed there is kept', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio' });
    await page.getByTestId('prompt-input').fill('a glass teapot with blooming tea');
    await goTo(page, 'compare');
    await expect(page.getByTestId('compare-prompt')).toHaveValue('a glass teapot with blooming tea');
    await page.getByTestId('compare-prompt').fill('my own words');
    await goTo(page, 'studio');
    await page.getByTestId('prompt-input').fill('something else');
    await goTo(page, 'compare');
    await expect(page.getByTestId('compare-prompt')).toHaveValue('my own words');
  });

  test('item 11: after a vote, "Next prompt" returns to an empty, focused prompt with the same contenders', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await startCompare(page, 'a snail on a mossy stone', false);
    await expect(page.getByTestId('vote-1')).toBeEnabled({ timeout: 15_000 });
    await page.keyboard.press('2');
    const next = page.getByTestId('compare-next');
    await expect(next).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('compare-form')).toBeVisible();
    await expect(page.getByTestId('compare-prompt')).toHaveValue('');
    await expect(page.getByTestId('compare-prompt')).toBeFocused();
    await expect(page.getByTestId('contender-row')).toHaveCount(2);
  });

  test('item 11: Stats gives the interval as a range, with no "±" and no developer note', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await startCompare(page, 'a red bicycle against a blue wall', false);
    await expect(page.getByTestId('vote-1')).toBeEnabled({ timeout: 15_000 });
    await page.keyboard.press('1');
    await expect(page.getByTestId('vote-result')).toBeVisible();
    await goTo(page, 'stats');
    const pair = page.getByTestId('stats-pair');
    await expect(pair).toHaveCount(1);
    // One win of one: Wilson's 95 % interval is 21–100 %.
    await expect(pair.getByTestId('stats-answer')).toContainText('wins 21–100 % of votes');
    await expect(pair.getByTestId('interval-a').or(pair.getByTestId('interval-b')).first()).toHaveText(/^\d+–\d+ %$/);
    await expect(page.getByTestId('stats-view')).not.toContainText('±');
    await expect(page.getByTestId('stats-count')).toHaveText('1 voted comparison');
  });

  test('item 11: no console errors on start (CSP and favicon), up to the viewer\'s idle-time load', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio' });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // A fresh start under the listeners; the viewer chunk (which brings the zoom library) loads
    // when the window is first idle, and the icon with the page.
    const viewerLoaded = page.waitForResponse((r) => /\/Viewer-[\w-]+\.js$/.test(r.url()));
    await page.reload();
    await expect(page.getByTestId('prompt-input')).toBeVisible();
    await viewerLoaded;
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length)).toBeGreaterThan(1);
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? new URL('/favicon.ico', location.href).href;
      return (await fetch(href)).status;
    });
    expect(errors).toEqual([]);
    expect(icon).toBe(200);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe (${scheme}): the blind comparison before and after the vote, Settings' index in a small window, a chat at 800×600`, async ({ launch }) => {
      test.setTimeout(120_000);
      const { page } = await launch({ envApiKey: testKey(), keychain: 'none', viewport: { width: 1440, height: 900 } });
      await useScheme(page, scheme);
      const found: Record<string, string[]> = {};
      await startCompare(page, 'a heron in the reeds at dawn', true);
      await expect(page.getByTestId('vote-1')).toBeEnabled({ timeout: 15_000 });
      found['blind, before the vote'] = await axeViolations(page);
      await page.keyboard.press('1');
      await expect(page.getByTestId('compare-next')).toBeVisible();
      found['after the vote'] = await axeViolations(page);
      await page.setViewportSize({ width: 800, height: 600 });
      await goTo(page, 'settings');
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Budget' }).click();
      found['settings, small'] = await axeViolations(page);
      await goTo(page, 'chats');
      await page.getByTestId('chat-new').click();
      await page.getByTestId('chat-input').fill('a lighthouse');
      await page.getByTestId('chat-send').click();
      await expect(page.getByTestId('chat-pending')).toHaveCount(0, { timeout: 15_000 });
      found['chat, small'] = await axeViolations(page);
      expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);
    });
  }
});
