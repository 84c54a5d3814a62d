/**
 * Issue 16's keyboard defects: shortcuts belong to the screen that has focus (2, 9), drafts
 * survive navigation, and focus is where the next keystroke belongs (6, 10).
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { dropFiles, expect, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function dropPhoto(page: Page): Promise<void> {
  const bytes = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 40, g: 110, b: 180 } } }).jpeg().toBuffer();
  await goTo(page, 'edit');
  await dropFiles(page, 'edit-view', [{ name: 'harbour.jpg', mime: 'image/jpeg', bytes }]);
  const stage = page.getByTestId('edit-stage');
  await expect(stage).toBeVisible();
  // One brush stroke: an edit needs something marked.
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45);
  await page.mouse.down();
  for (let i = 0; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.4 + i * 0.02), box.y + box.height * 0.45);
  await page.mouse.up();
  await expect(stage).toHaveAttribute('data-marks', '1');
}

test.describe('issue 16: keys and focus', () => {
  test('defect 2: Ctrl+Enter in the Compare prompt starts the comparison there; the typed prompt survives leaving the screen', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await goTo(page, 'compare');
    const prompt = page.getByTestId('compare-prompt');
    await prompt.fill('a tin robot watering tomatoes');
    await goTo(page, 'library');
    await goTo(page, 'compare');
    await expect(prompt).toHaveValue('a tin robot watering tomatoes');
    await prompt.press(`${mod}+Enter`);
    await expect(page.getByTestId('comparison')).toBeVisible();
    await expect(page.getByTestId('comparison')).toContainText('a tin robot watering tomatoes');
    await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-current', 'page');
    await goTo(page, 'studio');
    await expect(page.getByTestId('generate-error')).toHaveCount(0);
  });

  test('defect 2: Ctrl+Enter in the canvas\'s "What should change?" sends the edit; the instruction survives leaving the screen', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none' });
    await dropPhoto(page);
    const instruction = page.getByTestId('edit-instruction');
    await instruction.fill('make the sky pink');
    await goTo(page, 'studio');
    await goTo(page, 'edit');
    await expect(instruction).toHaveValue('make the sky pink');
    await instruction.press(`${mod}+Enter`);
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('nav-edit')).toHaveAttribute('aria-current', 'page');
    await goTo(page, 'studio');
    await expect(page.getByTestId('generate-error')).toHaveCount(0);
  });

  test('defect 6: Esc 100 ms after Ctrl+Enter waits for the result, then Enter views it and 4 rates it; nothing is typed into the prompt', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio' });
    fake.latencyMs = 1500;
    const prompt = page.getByTestId('prompt-input');
    await prompt.fill('a paper boat on a puddle');
    await prompt.press(`${mod}+Enter`);
    // The fast typist's rhythm is the scenario itself: Esc follows Ctrl+Enter by 100 ms.
    await page.waitForTimeout(100);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('stage-result')).toHaveCount(0);
    await expect(prompt).not.toBeFocused();
    // Keys pressed while the result is on its way do not land in the prompt.
    await page.keyboard.press('4');
    await expect(prompt).toHaveValue('a paper boat on a puddle');
    // The result arrives and takes focus: the pending "newest result" is honoured.
    await expect(page.getByTestId('stage-result')).toBeFocused({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('viewer')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('viewer')).toBeHidden();
    await expect(page.getByTestId('stage-result')).toBeFocused();
    await page.keyboard.press('4');
    await expect(page.getByTestId('stage-rating')).toHaveAttribute('data-rating', '4');
    await expect(prompt).toHaveValue('a paper boat on a puddle');
  });

  test('defect 6: an early Esc is dropped when the person moves focus before the result arrives', async ({ launch, fake }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio' });
    fake.latencyMs = 1500;
    const prompt = page.getByTestId('prompt-input');
    await prompt.fill('a kite over dunes');
    await prompt.press(`${mod}+Enter`);
    await page.keyboard.press('Escape');
    await expect(prompt).not.toBeFocused();
    await prompt.click();
    await expect(page.getByTestId('stage-result')).toHaveCount(1, { timeout: 15_000 });
    await expect(prompt).toBeFocused();
  });

  test('defect 9: every sidebar tooltip names the Alt+N that goes there (Edit and Votes too); "?" lists the canvas and vote keys and scrolls at 1440×900', async ({ launch }) => {
    const { page } = await launch({ envApiKey: testKey(), keychain: 'none', screen: 'studio', viewport: { width: 1440, height: 900 } });
    const navs = page.locator('nav[aria-label="Main"] [data-testid^="nav-"]');
    const ids = await navs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    expect(ids).toContain('edit');
    expect(ids).toContain('stats');
    for (const id of ids) {
      const title = (await page.getByTestId(`nav-${id}`).getAttribute('title')) ?? '';
      const digit = /\(Alt\+(\d)\)$/.exec(title)?.[1];
      expect(digit, `the ${id} tooltip "${title}" names a shortcut`).toBeTruthy();
      await page.getByTestId('nav-studio').focus();
      await page.keyboard.press(`Alt+${digit}`);
      await expect(page.getByTestId(`nav-${id}`), `Alt+${digit} goes to ${id}`).toHaveAttribute('aria-current', 'page');
    }

    await goTo(page, 'studio');
    await page.getByTestId('stage').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcuts');
    await expect(sheet).toBeVisible();
    for (const text of ['Edit canvas', 'Brush', 'Smaller or larger brush', 'Compare', 'Vote a tie', 'Vote all bad', 'Alt+9']) await expect(sheet).toContainText(text);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'shortcuts-1440x900.png') });
    // The sheet fits the window, and its last row can be scrolled to inside it.
    const sheetBox = (await sheet.boundingBox())!;
    expect(sheetBox.y).toBeGreaterThanOrEqual(0);
    expect(sheetBox.y + sheetBox.height).toBeLessThanOrEqual(900);
    const last = sheet.getByTestId('shortcut-row').last();
    await last.scrollIntoViewIfNeeded();
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y).toBeGreaterThanOrEqual(sheetBox.y);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(sheetBox.y + sheetBox.height + 0.5);
  });

  test('defect 10: after the key dialog closes, the prompt has focus (onboarding, and the sidebar\'s "No API key")', async ({ launch }) => {
    const { page } = await launch({ keychain: 'none', screen: 'studio' });
    const dialog = page.getByTestId('onboarding');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('onboarding-skip').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('prompt-input')).toBeFocused();

    await page.getByRole('button', { name: 'No API key: connect to generate' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('key-input').fill(testKey());
    await dialog.getByTestId('key-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('prompt-input')).toBeFocused();
    await page.keyboard.type('straight in');
    await expect(page.getByTestId('prompt-input')).toHaveValue('straight in');
  });
});
