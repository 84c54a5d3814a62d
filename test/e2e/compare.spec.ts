/**
 * The compare screen, Stats and the edit canvas in Chromium, against the fake Gemini through the
 * real SDK. Screenshots go to test-results/screenshots/.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { dropFiles, dropPhotoOnCanvas, expect, generate, goTo, test, testKey } from './fixtures';
import { FALLBACK_MODEL_FOR_TIER } from '../../shared/models/catalogue';

const SHOTS = 'test-results/screenshots';
const FLASH = FALLBACK_MODEL_FOR_TIER.flash;
const PRO = FALLBACK_MODEL_FOR_TIER.pro;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name) });

type Part = { text?: string; inlineData?: { mimeType: string; data: string } };
const partsOf = (body: unknown) => (body as { contents: Array<{ parts: Part[] }> }).contents[0]!.parts;

async function startCompare(page: Page, prompt: string, o: { blind?: boolean; contenders?: Array<{ tier: 'flash' | 'pro'; size: string }> } = {}) {
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('compare-prompt').fill(prompt);
  const blind = page.getByTestId('compare-blind');
  if ((await blind.isChecked()) !== !!o.blind) await blind.click();
  const wanted = o.contenders ?? [{ tier: 'flash', size: '1K' }, { tier: 'pro', size: '1K' }];
  while ((await page.getByTestId('contender-row').count()) < wanted.length) await page.getByTestId('contender-add').click();
  for (const [i, c] of wanted.entries()) {
    const row = page.getByTestId('contender-row').nth(i);
    await row.getByTestId('contender-tier').selectOption(c.tier);
    await row.getByTestId('contender-size').selectOption(c.size);
  }
  await expect(page.getByTestId('compare-total')).toContainText('$');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('comparison')).toBeVisible();
}

test.describe('compare', () => {
  test('a blind Flash vs Pro comparison: hidden labels and numbers, a vote by key, then the reveal', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    fake.setLatency(PRO, 900);
    await startCompare(page, 'A lighthouse on a basalt cliff at dusk', { blind: true });
    const screen = page.getByTestId('comparison');
    await expect(screen).toHaveAttribute('data-blind', 'hidden');
    // Live placeholders while they run; the labels never name a model.
    await expect(page.getByTestId('result-placeholder').first()).toBeVisible();
    await expect(page.getByTestId('result-label')).toHaveText(['Result A', 'Result B']);
    await expect(page.getByTestId('compare-result').and(page.locator('[data-state="succeeded"]'))).toHaveCount(2, { timeout: 15_000 });
    for (const facts of await page.getByTestId('result-facts').all()) {
      await expect(facts.locator('[data-fact="model"] dd')).toHaveText('hidden until you vote');
      await expect(facts.locator('[data-fact="cost"] dd')).toHaveText('hidden');
      await expect(facts.locator('[data-fact="tokens"] dd')).toHaveText('hidden');
      // Timings give Pro away (it thinks first), so blind hides them too until the vote.
      await expect(facts.locator('[data-fact="first"] dd')).toHaveText('hidden');
      await expect(facts.locator('[data-fact="final"] dd')).toHaveText('hidden');
    }
    await expect(page.getByTestId('comparison')).not.toContainText('gemini-');
    // Equal display size for both results.
    const boxes = await page.locator('.result-frame').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
    expect(new Set(boxes).size).toBe(1);
    await shot(page, 'compare-blind.png');

    await page.keyboard.press('2');
    await expect(screen).toHaveAttribute('data-blind', 'revealed');
    const labels = await page.getByTestId('result-label').allTextContents();
    expect(labels.sort()).toEqual(['Flash 1K', 'Pro 1K']);
    await expect(page.getByTestId('vote-result')).toContainText('You picked');
    await expect(page.locator('.result.is-winner')).toHaveCount(1);
    await expect(page.locator('[data-fact="model"] dd').filter({ hasText: PRO })).toHaveCount(1);
    await expect(page.locator('[data-fact="cost"] dd').first()).toContainText('$');
    await shot(page, 'compare-revealed.png');
    expect(new Set(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).map((r) => r.model))).toEqual(new Set([FLASH, PRO]));
  });

  test('a 4-way comparison where one contender fails: its pane says why, the rest can still win', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    fake.enqueue({ kind: 'error', status: 400, model: PRO });
    fake.latencyMs = 300;
    await startCompare(page, 'A paper crane on a desk', {
      contenders: [
        { tier: 'flash', size: '1K' },
        { tier: 'flash', size: '2K' },
        { tier: 'pro', size: '1K' },
        { tier: 'pro', size: '2K' },
      ],
    });
    await expect(page.getByTestId('compare-result')).toHaveCount(4);
    await expect(page.getByTestId('result-error')).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByTestId('compare-result').and(page.locator('[data-state="succeeded"]'))).toHaveCount(3, { timeout: 20_000 });
    await expect(page.getByTestId('result-error')).toContainText('Failed');
    const failedPos = await page.getByTestId('compare-result').evaluateAll((els) => els.findIndex((e) => e.getAttribute('data-state') === 'failed'));
    await expect(page.getByTestId(`vote-${failedPos + 1}`)).toBeDisabled();
    const okPos = failedPos === 0 ? 1 : 0;
    await page.getByTestId(`vote-${okPos + 1}`).click();
    await expect(page.locator('.result.is-winner')).toHaveCount(1);
  });

  test('Compare from a library selection shows the facts side by side, with no voting', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await generate(page, 'a red kite', { tier: 'flash' });
    await generate(page, 'a red kite', { tier: 'pro' });
    await goTo(page, 'library');
    const tiles = page.getByTestId('asset-tile');
    await expect(tiles).toHaveCount(2, { timeout: 15_000 });
    await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
    await tiles.nth(1).click({ modifiers: ['ControlOrMeta'] });
    await page.getByTestId('selection-compare').click();
    const view = page.getByTestId('assets-compare');
    await expect(view).toBeVisible();
    await expect(view.getByTestId('result-image')).toHaveCount(2);
    await expect(view.locator('[data-fact="model"] dd')).toHaveText([PRO, FLASH]);
    await expect(view.getByTestId('vote-bar')).toHaveCount(0);
    // Zooming one zooms both.
    // The zoom library's stylesheet (now loaded, no longer refused by the CSP) leaves pointer
    // events to the pane, not the <img>: double-click the pane, as a person's click lands there.
    await view.locator('.zoom-content').first().dblclick();
    await expect
      .poll(() => view.locator('.zoom-content').evaluateAll((els) => els.map((e) => getComputedStyle(e).transform)).then((t) => t[0] !== 'none' && t[0] === t[1]))
      .toBe(true);
  });

  test('a compared image\'s details name the comparison and how it did, and open it', async ({ launch }) => {
    const app = await launch({ envApiKey: testKey(), keychain: 'none' });
    const { page } = app;
    await startCompare(page, 'A fox in fresh snow');
    await expect(page.getByTestId('vote-1')).toBeEnabled({ timeout: 15_000 });
    await page.keyboard.press('1');
    await expect(page.getByTestId('vote-result')).toContainText('You picked Flash 1K');
    const [flash, pro] = app.atelier.compare.list(1).map((c) => app.atelier.compare.get(c.id))[0]!.contenders.map((k) => k.assetId!);

    await page.getByTestId('nav-library').click();
    await page.locator(`[data-testid="asset-tile"][data-asset-id="${pro}"]`).click();
    const line = page.getByTestId('asset-detail').getByTestId('compared-in');
    await expect(line).toHaveText('Compared in: A fox in fresh snow (lost)');
    await page.locator(`[data-testid="asset-tile"][data-asset-id="${flash}"]`).click();
    await expect(line).toHaveAttribute('data-outcome', 'won');
    await expect(line).toContainText('(won)');
    await shot(page, 'compared-in.png');
    await line.getByRole('button', { name: 'A fox in fresh snow' }).click();
    await expect(page.getByTestId('comparison')).toBeVisible();
    await expect(page.getByTestId('comparison')).toContainText('A fox in fresh snow');
    await expect(page.getByTestId('vote-result')).toContainText('You picked Flash 1K');
  });

  test('Stats after several votes: wins, interval chart, cost per win and the answer line', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    const votes = ['2', '2', '1', '0', '2'];
    for (const [i, key] of votes.entries()) {
      await startCompare(page, `harbour study ${i}`, { blind: true });
      await expect(page.getByTestId('vote-tie')).toBeEnabled({ timeout: 15_000 });
      await page.keyboard.press(key);
      await expect(page.getByTestId('comparison')).toHaveAttribute('data-blind', 'revealed');
      await page.getByRole('button', { name: '← New comparison' }).click();
    }
    await expect(page.getByTestId('comparison-item')).toHaveCount(5);
    await page.getByTestId('nav-stats').click();
    const pair = page.getByTestId('stats-pair');
    await expect(pair).toHaveCount(1);
    await expect(page.getByTestId('stats-count')).toContainText('5 voted comparisons');
    const [a, b] = [await pair.getByTestId('wins-a').textContent(), await pair.getByTestId('wins-b').textContent()];
    expect(Number(a) + Number(b)).toBe(4);
    await expect(pair.getByTestId('stats-other')).toContainText('1 tie');
    await expect(pair.getByTestId('stats-answer')).toContainText(/For your prompts, (Flash|Pro) 1K wins \d+–\d+ % of votes against/);
    await expect(pair.getByTestId('interval-chart')).toBeVisible();
    await page.getByTestId('stats-blind').check();
    await expect(pair.getByTestId('stats-answer')).toContainText('blind votes');
    await shot(page, 'stats.png');
  });
});

test.describe('edit canvas', () => {

  test('a dropped photo, masked with the brush, sent, shown before/after and continued', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await dropPhotoOnCanvas(page);
    const stage = page.getByTestId('edit-stage');
    // "Change only the marked region" with nothing marked is refused with a hint.
    await page.getByTestId('edit-instruction').fill('Change only the marked region into a red sailboat');
    await page.getByTestId('edit-send').click();
    await expect(page.getByTestId('edit-error')).toContainText('nothing is marked. Paint over the part to change with the brush (B)');

    await page.keyboard.press('b');
    await expect(page.getByTestId('tool-brush')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press(']');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45);
    await page.mouse.down();
    for (let i = 0; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.4 + i * 0.015), box.y + box.height * (0.45 + (i % 2) * 0.04));
    await page.mouse.up();
    await expect(stage).toHaveAttribute('data-marks', '1');
    // Undo and redo by keyboard.
    await page.keyboard.press('ControlOrMeta+z');
    await expect(stage).toHaveAttribute('data-marks', '0');
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(stage).toHaveAttribute('data-marks', '1');
    await shot(page, 'canvas-mask.png');

    await page.getByTestId('edit-send').click();
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 15_000 });
    const sent = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''));
    expect(sent).toHaveLength(1);
    const parts = partsOf(sent[0]!.body);
    expect(parts[0]!.text).toContain('Change only the region marked in the second image: Change only the marked region into a red sailboat.');
    // Both images arrived: the untouched photo and the copy with the red region over it.
    const images = parts.filter((p) => p.inlineData).map((p) => Buffer.from(p.inlineData!.data, 'base64'));
    expect(images).toHaveLength(2);
    const probe = async (b: Buffer, fx: number, fy: number) => {
      const m = await sharp(b).metadata();
      return [...(await sharp(b).extract({ left: Math.round(m.width! * fx), top: Math.round(m.height! * fy), width: 1, height: 1 }).removeAlpha().raw().toBuffer())];
    };
    const [baseAt, markedAt] = [await probe(images[0]!, 0.45, 0.47), await probe(images[1]!, 0.45, 0.47)];
    // Translucent red over the yellow there: green falls by about half in the marked copy only.
    expect(baseAt[1]! - markedAt[1]!).toBeGreaterThan(60);
    expect(Math.abs((await probe(images[1]!, 0.05, 0.05))[0]! - (await probe(images[0]!, 0.05, 0.05))[0]!)).toBeLessThan(12); // untouched elsewhere

    // Slider first, then side by side, then a key flips between the two.
    await expect(page.getByTestId('ba-slider')).toBeVisible();
    await page.getByTestId('ba-mode-side').click();
    await expect(page.getByTestId('before-after').locator('img')).toHaveCount(2);
    await page.keyboard.press('\\');
    await expect(page.getByTestId('ba-flip')).toHaveAttribute('data-showing', 'before');
    await page.keyboard.press('\\');
    await expect(page.getByTestId('ba-flip')).toHaveAttribute('data-showing', 'after');
    await page.getByTestId('ba-mode-slider').click();
    await expect(page.getByTestId('ba-slider-range')).toBeVisible();
    await page.getByTestId('ba-slider-range').fill('30');
    await shot(page, 'before-after.png');

    await page.getByTestId('keep-editing').click();
    await expect(page.getByTestId('edit-stage')).toBeVisible();
    await expect(page.getByTestId('edit-stage')).toHaveAttribute('data-marks', '0');
  });

  test('a photo dropped anywhere on the studio, or pasted there, opens on the canvas; on the reference tray it stays a reference', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio' });
    const jpeg = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();
    await dropFiles(page, 'reference-drop', [{ name: 'ref.jpg', mime: 'image/jpeg', bytes: await jpeg(300, 200) }]);
    await expect(page.getByTestId('reference-item')).toHaveCount(1);
    await expect(page.getByTestId('nav-studio')).toHaveAttribute('aria-current', 'page');

    await dropFiles(page, 'studio', [{ name: 'desk.jpg', mime: 'image/jpeg', bytes: await jpeg(1200, 800) }]);
    await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('edit-stage')).toBeVisible();
    await expect(page.getByText('1200×800 px')).toBeVisible();

    await page.getByTestId('nav-studio').click();
    await expect(page.getByTestId('studio')).toBeVisible();
    const pasted = (await jpeg(640, 480)).toString('base64');
    await page.evaluate((b64) => {
      const bin = atob(b64);
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/jpeg' }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('640×480 px')).toBeVisible();
  });

  test('expand canvas: an outpaint sends the padded photo and its border as the marked region', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await dropPhotoOnCanvas(page, 800, 800);
    await page.getByTestId('expand-ratio').selectOption('16:9');
    await page.getByTestId('expand').click();
    await expect(page.getByText('1422×800 px · the red border will be filled')).toBeVisible();
    await page.getByTestId('edit-instruction').fill('continue the harbour to both sides');
    await page.getByTestId('edit-send').click();
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 15_000 });
    const parts = partsOf(fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? ''))[0]!.body);
    expect(parts[0]!.text).toContain('Fill the marked border so the scene continues naturally');
    const images = parts.filter((p) => p.inlineData).map((p) => Buffer.from(p.inlineData!.data, 'base64'));
    expect(await Promise.all(images.map(async (b) => (await sharp(b).metadata()).width))).toEqual([1422, 1422]);
  });
});
