import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { useScheme } from '../harness/axe';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Asks main, through the same bridge the window uses, for one asset's stored facts. */
async function assetRating(page: Page, id: string): Promise<number | null> {
  return page.evaluate(async (assetId) => {
    const res = (await window.atelier!.invoke('library.get', { id: assetId })) as { ok: boolean; data?: { rating: number } };
    return res.ok ? (res.data!.rating ?? null) : null;
  }, id);
}

async function stageAssetIds(page: Page): Promise<string[]> {
  return page.getByTestId('stage-result').locator('img').evaluateAll((imgs) => imgs.map((i) => new URL((i as HTMLImageElement).src).pathname.split('/')[2]!));
}

type Box = { x: number; y: number; width: number; height: number };
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return b;
}

test.describe('studio', () => {
  test('keyboard only: type → generate → newest result → rate, in 2 keys beyond Ctrl+Enter', async ({ launch }) => {
    // No screen asked for: the app's own first screen, which is the studio.
    const { page } = await launch({ envApiKey: testKey(), screen: undefined });
    await expect(page.getByTestId('nav-studio')).toHaveAttribute('aria-current', 'page');
    const prompt = page.getByTestId('prompt-input');
    // The prompt is focused on start: typing goes straight in.
    await expect(prompt).toBeFocused();
    await page.keyboard.type('a paper boat on a puddle');
    let keys = 0;
    await page.keyboard.press(`${mod}+Enter`);
    keys++;
    const result = page.getByTestId('stage-result');
    await expect(result).toHaveCount(1, { timeout: 15_000 });
    await page.keyboard.press('Escape'); // newest result
    keys++;
    await expect(result).toBeFocused();
    await page.keyboard.press('4'); // rate
    keys++;
    await expect(page.getByTestId('stage-rating')).toHaveAttribute('data-rating', '4');
    const [id] = await stageAssetIds(page);
    await expect.poll(() => assetRating(page, id!)).toBe(4);
    expect(keys).toBeLessThanOrEqual(6);
  });

  test('the empty studio teaches with three example prompts; one click fills and focuses the prompt', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    const examples = page.getByTestId('example-prompt');
    await expect(examples).toHaveCount(3);
    const text = await examples.nth(1).innerText();
    await examples.nth(1).click();
    await expect(page.getByTestId('prompt-input')).toHaveValue(text);
    await expect(page.getByTestId('prompt-input')).toBeFocused();
    await expect(page.locator('h1')).toHaveCount(1);
  });

  test('variations ×4 run as one set and fill the stage as a grid; the filmstrip keeps them', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await page.getByTestId('count-4').click();
    await page.getByTestId('prompt-input').fill('four teacups, each a different glaze');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-cell')).toHaveCount(4);
    await expect(page.getByTestId('stage-result')).toHaveCount(4, { timeout: 20_000 });
    expect(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))).toHaveLength(4);
    const ids = await stageAssetIds(page);
    expect(new Set(ids).size).toBe(4);
    // Laid out as one grid without overlaps (stage.spec.ts checks which grid and how large).
    const boxes = await page.getByTestId('stage-cell').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    await expect(page.getByTestId('filmstrip-item')).toHaveCount(4);
  });

  test('re-roll sends the same request again and puts the new result on the stage', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await page.getByTestId('aspect-select').selectOption('3:4');
    await page.getByTestId('prompt-input').fill('a heron in fog');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
    const [first] = await stageAssetIds(page);
    await page.getByTestId('stage-reroll').click();
    await expect.poll(async () => (await stageAssetIds(page))[0], { timeout: 15_000 }).not.toBe(first);
    const sent = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toMatchObject({ generationConfig: { imageConfig: { aspectRatio: '3:4' } } });
    expect(JSON.stringify(sent[1]!.body)).toContain('a heron in fog');
    await expect(page.getByTestId('filmstrip-item')).toHaveCount(2);
  });

  test('a blocked prompt shows its message with edit actions and never a retry; a missing image can be retried', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    fake.enqueue({ kind: 'promptBlocked', reason: 'SAFETY' });
    await page.getByTestId('prompt-input').fill('something the filter refuses');
    await page.getByTestId('generate-button').click();
    const failed = page.getByTestId('stage-failed');
    await expect(failed).toHaveAttribute('data-code', 'prompt_blocked', { timeout: 15_000 });
    await expect(page.getByTestId('stage-failed-message')).not.toBeEmpty();
    await expect(page.getByTestId('stage-action-edit')).toBeVisible();
    await expect(page.getByTestId('stage-action-retry')).toHaveCount(0);
    await expect(page.getByTestId('queue-count-failed')).toHaveText('1 failed');
    await page.getByTestId('stage-action-edit').click();
    await expect(page.getByTestId('prompt-input')).toBeFocused();

    fake.enqueue({ kind: 'noImage', text: null });
    await page.getByTestId('prompt-input').fill('a bowl of plums');
    await page.getByTestId('generate-button').click();
    await expect(failed).toHaveAttribute('data-code', 'no_image', { timeout: 15_000 });
    await page.getByTestId('stage-action-retry').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  });

  test('while a job runs the stage shows a placeholder in the target ratio, then thoughts and drafts, then the image', async ({ launch, fake }) => {
    const app = await launch({ envApiKey: testKey(), screen: 'studio' });
    const { page } = app;
    fake.latencyMs = 4000;
    await page.getByTestId('aspect-select').selectOption('16:9');
    await page.getByTestId('prompt-input').fill('a tram in the rain at night');
    await page.getByTestId('generate-button').click();
    const placeholder = page.getByTestId('stage-placeholder');
    await expect(placeholder).toHaveAttribute('data-ratio', '16:9');
    const b = await placeholder.boundingBox();
    expect(b!.width / b!.height).toBeCloseTo(16 / 9, 1);
    const job = await expect.poll(() => page.evaluate(async () => {
      const res = (await window.atelier!.invoke('jobs.list')) as { ok: boolean; data: Array<{ id: string; state: string }> };
      return res.data.find((j) => j.state === 'running')?.id ?? null;
    })).not.toBeNull().then(() => page.evaluate(async () => {
      const res = (await window.atelier!.invoke('jobs.list')) as { ok: boolean; data: Array<{ id: string; state: string }> };
      return res.data.find((j) => j.state === 'running')!.id;
    }));
    // Main's job.progress event, as the wire sends it while Gemini streams its thinking.
    const draft = 'data:image/svg+xml;base64,' + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#567"/></svg>').toString('base64');
    (app.atelier.events as unknown as { emit(e: string, p: unknown): void }).emit('job.progress', {
      jobId: job,
      revision: 1,
      thoughtText: 'Composing a wet street with tram lights reflected…',
      drafts: [{ dataUrl: draft, width: 160, height: 90 }],
    });
    await expect(page.getByTestId('stage-thought')).toContainText('tram lights');
    await expect(page.getByTestId('stage-draft')).toBeVisible();
    // An older revision arriving late does not overwrite the newer one.
    (app.atelier.events as unknown as { emit(e: string, p: unknown): void }).emit('job.progress', { jobId: job, revision: 0, thoughtText: 'old', drafts: [] });
    await expect(page.getByTestId('stage-thought')).toContainText('tram lights');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'studio-running-dark.png') });
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  });

  for (const size of [
    { width: 1024, height: 680 },
    { width: 800, height: 600 },
  ]) {
    test(`at ${size.width}×${size.height} nothing overlaps, the sidebar is icons and the drawer sits beside the stage`, async ({ launch }) => {
      const { page } = await launch({ envApiKey: testKey(), viewport: size, screen: 'studio' });
      await page.getByTestId('prompt-input').fill('a cactus in a terracotta pot');
      await page.getByTestId('generate-button').click();
      await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
      // Below 700 px of height the filmstrip gives its room to the stage.
      const parts = { sidebar: '.sidebar', header: '.studio-header', stage: '.stage', dock: '.prompt-dock', ...(size.height >= 700 ? { filmstrip: '.filmstrip' } : {}) };
      const boxes = Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([k, sel]) => [k, await box(page, sel)] as const)));
      const names = Object.keys(boxes);
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) expect(overlaps(boxes[names[i]!]!, boxes[names[j]!]!), `${names[i]} overlaps ${names[j]}`).toBe(false);
      }
      for (const b of Object.values(boxes)) {
        expect(b.x + b.width).toBeLessThanOrEqual(size.width + 0.5);
        expect(b.y + b.height).toBeLessThanOrEqual(size.height + 0.5);
      }
      expect(boxes.sidebar!.width).toBeLessThanOrEqual(64);
      if (size.width >= 1024) expect(boxes.stage!.width).toBeGreaterThanOrEqual(480);
      expect(boxes.stage!.height).toBeGreaterThanOrEqual(200);
      // The image itself is as large as the stage allows, not a thumbnail.
      const img = await box(page, '.stage-result img');
      expect(Math.max(img.width, img.height)).toBeGreaterThanOrEqual(Math.min(boxes.stage!.width, boxes.stage!.height) * 0.6);

      await page.getByTestId('queue-toggle').click();
      await expect(page.getByTestId('queue-drawer')).toBeVisible();
      // The drawer is beside the stage, not over it: the stage gives it its width and re-fits.
      const drawer = await box(page, '[data-testid="queue-drawer"]');
      expect(overlaps(await box(page, '.stage'), drawer)).toBe(false);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-${size.width}x${size.height}.png`) });
    });
  }

  test('the queue drawer shows counts, takes focus, gives it back, and clears finished jobs', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await page.getByTestId('prompt-input').fill('a brass compass');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByTestId('queue-count-running')).toHaveText('0 running');
    const toggle = page.getByTestId('queue-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('queue-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.locator('#queue-heading')).toBeFocused();
    await expect(drawer.getByTestId('job-card')).toHaveCount(1);
    await drawer.getByTestId('queue-clear-finished').click();
    await expect(drawer.getByTestId('job-card')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test('"?" lists every shortcut; Alt+2 goes to the library; "/" comes back to the prompt', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), screen: 'studio' });
    await page.getByTestId('stage').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcuts');
    await expect(sheet).toBeVisible();
    expect(await sheet.getByTestId('shortcut-row').count()).toBeGreaterThanOrEqual(20);
    await expect(sheet).toContainText('Generate');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('nav-library')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('/');
    await expect(page.getByTestId('nav-studio')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('prompt-input')).toBeFocused();
  });

  test('theme: follows the system by default, a choice pins it and survives a restart', async ({ launch }) => {
    const app = await launch({ envApiKey: testKey(), screen: 'studio' });
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await useScheme(page, 'light');
    const light = await bg();
    await useScheme(page, 'dark');
    const dark = await bg();
    expect(light).not.toBe(dark);
    await page.getByTestId('theme-toggle').click();
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await bg()).toBe(light);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await bg()).toBe(light);
  });

  test('a generation asked for before a key existed starts once the key is saved; "create a key" opens the browser', async ({ launch }) => {
    const app = await launch({ screen: 'studio' });
    const { page } = app;
    const dialog = page.getByTestId('onboarding');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('create-key-link').click();
    expect(app.openedUrls).toEqual(['https://aistudio.google.com/apikey']);
    await dialog.getByTestId('onboarding-skip').click();
    await page.getByTestId('prompt-input').fill('a snail on a mossy stone');
    await page.keyboard.press(`${mod}+Enter`);
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('key-input').fill(testKey());
    await dialog.getByTestId('key-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  });
});
