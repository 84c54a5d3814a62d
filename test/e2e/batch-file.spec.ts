/**
 * Issue 17 §5: a spreadsheet of prompts from drop to library through the Batch API's file input
 * (the fake Gemini's Files API and file-sourced batches), the problems named by row and column,
 * and the whole path by keyboard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pngOf } from '../support/images';
import { axeInBothThemes, axeViolations } from '../harness/axe';
import type { LaunchedApp } from '../harness/launchApp';
import { dropFiles, expect, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

const BATCH_VIEW = { include: '[data-testid="batch-view"]' };

const RATIOS = ['1:1', '4:3', '16:9', '3:4'];

/** A catalogue sheet of `rows` products with 4 reference photos beside it, "on the desktop". */
async function catalogue(rows: number, extra: string[] = []): Promise<{ dir: string; csv: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-sheet-'));
  for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, `photo-${i}.png`), await pngOf(48, 48, [60 * i, 120, 200]));
  const lines = ['prompt,ratio,references,filename,tags,collection'];
  for (let i = 0; i < rows; i++) lines.push(`"Product ${i}, studio light, plain background",${RATIOS[i % 4]},photo-${i % 4}.png,sku-${String(i).padStart(5, '0')}.png,catalogue;winter,Winter catalogue`);
  lines.push(...extra);
  const csv = path.join(dir, 'winter-catalogue.csv');
  fs.writeFileSync(csv, lines.join('\n') + '\n');
  return { dir, csv };
}

/** Drops the sheet as Electron would: a File whose path main reads (the bytes are not sent). */
async function dropSheet(app: LaunchedApp, csv: string): Promise<void> {
  await app.desktop.placeFiles([csv]);
  await dropFiles(app.page, 'batch-file-drop', [{ name: path.basename(csv), mime: 'text/csv', bytes: Buffer.alloc(fs.statSync(csv).size, 0x20) }]);
}

test('a 2,000-row CSV goes from drop to library: preview and batch-price cost first, then every image with its name, tags and collection', async ({ launch, fake }) => {
  test.setTimeout(240_000);
  fake.batchTiming = { pendingMs: 100, runningMs: 300 };
  fake.prerenderedImages = true;
  const app = await launch({ tuning: { batchPollMs: 100 } });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await goTo(page, 'batch');
  const { csv } = await catalogue(2000);
  await dropSheet(app, csv);

  const plan = page.getByTestId('batch-plan');
  await expect(plan).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('batch-plan-summary')).toContainText('2,000 rows · 4 reference photos');
  await expect(page.getByTestId('batch-plan-summary')).toContainText('at the batch price');
  await expect(page.getByTestId('batch-preview').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('batch-preview')).toContainText('sku-00000.png');
  expect(fake.requests.filter((r) => r.path.includes('/files') || r.action === 'batchGenerateContent')).toHaveLength(0);

  for (const [w, h] of [
    [1440, 900],
    [1024, 680],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    const send = page.getByTestId('batch-file-send');
    await send.scrollIntoViewIfNeeded();
    const box = await send.boundingBox();
    expect(box, `Send at ${w}×${h}`).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(w);
    const table = await page.getByTestId('batch-preview').boundingBox();
    expect(table!.width).toBeGreaterThan(300);
    await page.getByTestId('batch-file-drop').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `batch-file-preview-${w}x${h}.png`) });
  }
  expect(await axeViolations(page, BATCH_VIEW)).toEqual([]);

  await page.getByTestId('batch-file-send').click();
  const card = page.getByTestId('file-batch').first();
  await expect(card).toHaveAttribute('data-stage', 'done', { timeout: 200_000 });
  await expect(card.getByTestId('file-batch-count')).toContainText('2,000 of 2,000 images in the library');
  await page.setViewportSize({ width: 1024, height: 680 });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'batch-file-done-1024x680.png') });
  expect(await axeViolations(page, BATCH_VIEW)).toEqual([]);

  const db = app.atelier.db;
  expect(db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(2000);
  expect(db.prepare("SELECT count(*) FROM assets WHERE name = 'sku-01999'").pluck().get()).toBe(1);
  expect(db.prepare("SELECT count(*) FROM asset_tags WHERE tag = 'winter'").pluck().get()).toBe(2000);
  expect(db.prepare("SELECT count(*) FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE c.name = 'Winter catalogue'").pluck().get()).toBe(2000);
  // Four photos, four uploads; one JSONL; every request not kept by Google.
  const starts = fake.requests.filter((r) => r.headers['x-goog-upload-command'] === 'start');
  expect(starts.map((r) => r.headers['x-goog-upload-header-content-type']).sort()).toEqual(['application/jsonl', 'image/png', 'image/png', 'image/png', 'image/png']);
  expect(fake.batches[0]!.items.every((it) => (it.request as { store?: boolean }).store === false)).toBe(true);

  await goTo(page, 'library');
  await expect(page.getByTestId('library-count')).toContainText('2,000');
});

test('problems are named by row and column and nothing is sent; failed lines can be run again', async ({ launch, fake }) => {
  fake.batchTiming = { pendingMs: 50, runningMs: 100 };
  fake.prerenderedImages = true;
  const app = await launch({ tuning: { batchPollMs: 50 } });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await goTo(page, 'batch');
  const bad = await catalogue(3, ['"A sled",21:9x,,,,', ',1:1,,,,', '"A mitten",1:1,nowhere.png,,,']);
  await dropSheet(app, bad.csv);
  const problems = page.getByTestId('batch-problems');
  await expect(problems).toContainText('Row 5, ratio');
  await expect(problems).toContainText('Row 6, prompt');
  await expect(problems).toContainText('Row 7, references');
  await expect(page.getByTestId('batch-file-send')).toBeDisabled();
  await page.setViewportSize({ width: 800, height: 600 });
  await problems.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'batch-file-problems-800x600.png') });
  expect(await axeInBothThemes(page, BATCH_VIEW)).toEqual([]);
  expect(fake.requests.filter((r) => r.path.includes('/files'))).toHaveLength(0);

  const good = await catalogue(4);
  fake.enqueueBatchItemOutcome({ kind: 'success' }, { kind: 'error', status: 400, message: 'This prompt was refused.' });
  fake.files.hostile.brokenResultLines = [3];
  await dropSheet(app, good.csv);
  await page.getByTestId('batch-file-send').click();
  const card = page.getByTestId('file-batch').first();
  await expect(card).toHaveAttribute('data-stage', 'done', { timeout: 30_000 });
  const failures = card.getByTestId('file-batch-failures');
  await expect(failures).toContainText('Row 3');
  await expect(failures).toContainText('This prompt was refused.');
  await expect(failures).toContainText('broken line');
  expect(await axeInBothThemes(page, BATCH_VIEW), 'failed rows').toEqual([]);
  await failures.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'batch-file-failures-800x600.png') });
  await card.getByTestId('file-batch-rerun').click();
  await expect(page.getByTestId('file-batch')).toHaveCount(2);
  await expect(page.getByTestId('file-batch').first()).toHaveAttribute('data-stage', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('file-batch').first().getByTestId('file-batch-count')).toContainText('2 of 2');
});

test('the keyboard path: choose the file, read the preview, send and cancel without a mouse', async ({ launch, fake }) => {
  fake.batchTiming = { pendingMs: 0, runningMs: 60_000 };
  fake.prerenderedImages = true;
  const app = await launch({ tuning: { batchPollMs: 50 } });
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  await goTo(page, 'batch');
  const { csv } = await catalogue(12);
  await app.desktop.placeFiles([csv]);

  const pick = page.getByTestId('batch-file-pick');
  await pick.focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: path.basename(csv), mimeType: 'text/csv', buffer: Buffer.alloc(fs.statSync(csv).size, 0x20) });
  await expect(page.getByTestId('batch-plan-summary')).toContainText('12 rows');

  // Tab walks from the picker through the class, the scrollable preview and on to Send.
  const send = page.getByTestId('batch-file-send');
  for (let i = 0; i < 12 && !(await send.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(send).toBeFocused();
  await page.keyboard.press('Enter');
  const card = page.getByTestId('file-batch').first();
  await expect(card).toHaveAttribute('data-stage', 'running', { timeout: 30_000 });
  const cancel = card.getByTestId('file-batch-cancel');
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(card).toHaveAttribute('data-stage', 'cancelled');
  // The card says so at once; Google's cancel call finishes just after.
  await expect.poll(() => fake.batches[0]!.state).toBe('BATCH_STATE_CANCELLED');
});
