/**
 * Issue 19 §3: "Recall every setting" from an image brings back the whole request, including the
 * resolution and the thinking level that other apps' recall drops, from the library detail and
 * from the viewer.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, showGenerateOptions, test, testKey } from './fixtures';
import { axeInBothThemes } from '../harness/axe';

const SIZES = [[1440, 900], [1024, 680], [800, 600]] as const;

/** Every control the request sets, as the dock shows it. */
async function dockControls(page: Page) {
  await showGenerateOptions(page);
  return {
    prompt: await page.getByTestId('prompt-input').inputValue(),
    flash: await page.getByTestId('tier-flash').getAttribute('aria-pressed'),
    model: await page.getByTestId('model-select').inputValue(),
    ratio: await page.getByTestId('aspect-select').inputValue(),
    size: await page.getByTestId('size-select').inputValue(),
    thinking: await page.getByTestId('thinking-level-select').inputValue(),
    grounding: await page.getByTestId('grounding-toggle').isChecked(),
    imageSearch: await page.getByTestId('image-search-toggle').isChecked(),
    thoughts: await page.getByTestId('thoughts-toggle').isChecked(),
    serviceTier: await page.getByTestId('service-tier-select').inputValue(),
    // Offered only with Economy.
    flexFallback: (await page.getByTestId('service-tier-fallback').count()) > 0 && (await page.getByTestId('service-tier-fallback').isChecked()),
    references: await page.getByTestId('reference-item').count(),
  };
}

const ASKED = {
  prompt: 'a lighthouse in a storm, every knob turned',
  flash: 'true',
  model: 'gemini-3.1-flash-image',
  ratio: '21:9',
  size: '512',
  thinking: 'high',
  grounding: true,
  imageSearch: true,
  thoughts: true,
  serviceTier: 'flex',
  flexFallback: true,
  references: 1,
};

/** Generates an image with every control away from its default and a library image as reference. */
async function generateWithEverything(page: Page): Promise<void> {
  await generate(page, 'a plain grey pebble');
  await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
  await goTo(page, 'library');
  await page.getByTestId('asset-tile').first().click();
  await page.getByTestId('detail-use-reference').click();
  await goTo(page, 'studio');
  await page.getByTestId('prompt-input').fill(ASKED.prompt);
  await showGenerateOptions(page);
  await page.getByTestId('model-select').selectOption(ASKED.model);
  await page.getByTestId('aspect-select').selectOption(ASKED.ratio);
  await page.getByTestId('size-select').selectOption(ASKED.size);
  await page.getByTestId('thinking-level-select').selectOption(ASKED.thinking);
  await page.getByTestId('image-search-toggle').check();
  await page.getByTestId('thoughts-toggle').check();
  await page.getByTestId('service-tier-select').selectOption(ASKED.serviceTier);
  await page.getByTestId('service-tier-fallback').check();
  expect(await dockControls(page)).toEqual(ASKED);
  await page.getByTestId('generate-button').click();
  // The pebble's result may still be on the stage: wait for this prompt's own.
  const result = page.getByTestId('stage-result').filter({ has: page.locator(`img[alt="${ASKED.prompt}"]`) });
  await expect(result).toHaveCount(1, { timeout: 15_000 });
  await expect(result).toBeVisible();
}

/** Moves every control somewhere else, so a recall that misses one shows. */
async function scramble(page: Page): Promise<void> {
  await page.getByTestId('prompt-input').fill('something else entirely');
  await showGenerateOptions(page);
  await page.getByTestId('model-select').selectOption('');
  await page.getByTestId('aspect-select').selectOption('1:1');
  await page.getByTestId('size-select').selectOption('2K');
  await page.getByTestId('thinking-level-select').selectOption('');
  await page.getByTestId('grounding-toggle').uncheck();
  await page.getByTestId('thoughts-toggle').uncheck();
  await page.getByTestId('service-tier-select').selectOption('standard');
  await page.getByTestId('reference-remove').first().click();
  const moved = await dockControls(page);
  expect(moved).toMatchObject({ model: '', ratio: '1:1', size: '2K', thinking: '', grounding: false, serviceTier: 'standard', flexFallback: false, references: 0 });
}

test('"Recall every setting" from the library detail and from the viewer brings back model, class, ratio, size, thinking, search, tier and references', async ({ launch, fake }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await generateWithEverything(page);
  // What reached Google is what the dock asked for (so the stored request holds it too).
  const sent = fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).at(-1);
  expect(sent?.serviceTier).toBe('flex');

  for (const from of ['detail', 'viewer'] as const) {
    await scramble(page);
    await goTo(page, 'library');
    // The newest image is the one made with everything.
    const tile = page.getByTestId('asset-tile').first();
    await tile.click();
    await expect(page.getByTestId('detail-reuse')).toHaveText(/Recall every setting/);
    if (from === 'detail') {
      await page.getByTestId('detail-reuse').click();
    } else {
      await tile.press('Enter');
      await expect(page.getByTestId('viewer')).toBeVisible();
      await page.getByTestId('viewer-recall').click();
      await expect(page.getByTestId('viewer')).toBeHidden();
    }
    await expect(page.getByTestId('nav-studio')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('prompt-input')).toHaveValue(ASKED.prompt);
    expect({ from, ...(await dockControls(page)) }).toEqual({ from, ...ASKED });
  }
});

test('saving a prompt and recalling every setting from an image', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await generateWithEverything(page);

  // Saved from the dock with a name and tags, while every control is still as asked.
  await page.getByTestId('prompts-toggle').click();
  const panel = page.getByTestId('prompt-library');
  await expect(panel).toBeVisible();
  await page.getByTestId('prompt-save-name').fill('Storm light');
  await page.getByTestId('prompt-save-tags').fill('sea, night');
  await page.getByTestId('prompt-save').click();
  await expect(page.getByTestId('prompt-save-note')).toContainText('every setting');
  await expect(page.getByTestId('saved-prompt')).toHaveCount(1);
  await expect(page.getByTestId('saved-prompt')).toContainText('#night');
  await expect(page.getByTestId('history-prompt').first()).toHaveText(ASKED.prompt);

  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const box = await panel.boundingBox();
    expect(box, `${w}x${h}`).toBeTruthy();
    // Inside the window and wide enough to read a prompt line.
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(w + 1);
    expect(box!.width).toBeGreaterThan(280);
    await expect(page.getByTestId('saved-prompt-use')).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `prompt-library-${w}x${h}.png`) });
  }
  expect(await axeInBothThemes(page, { include: '[data-testid="prompt-library"]' })).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Searched and used: every control comes back, as recall from the image does.
  await scramble(page);
  await page.getByTestId('prompts-toggle').click();
  await page.getByTestId('prompts-search').fill('night');
  await expect(page.getByTestId('saved-prompt')).toHaveCount(1);
  await page.getByTestId('prompts-search').fill('no such words');
  await expect(page.getByTestId('saved-prompt')).toHaveCount(0);
  await page.getByTestId('prompts-search').fill('storm');
  await page.getByTestId('saved-prompt-use').click();
  expect(await dockControls(page)).toEqual(ASKED);

  // ↑ in an emptied prompt box brings back the last prompt sent.
  await page.getByTestId('prompt-input').fill('');
  await page.getByTestId('prompt-input').press('ArrowUp');
  await expect(page.getByTestId('prompt-input')).toHaveValue(ASKED.prompt);
});
