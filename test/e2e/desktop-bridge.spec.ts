/**
 * The preload's desktop-only pieces, emulated by the harness over the same main-side code:
 * webUtils.getPathForFile (files dropped from the desktop import from their path) and the
 * native drag out of a library image.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pngOf } from '../support/images';
import { dropFiles, expect, test } from './fixtures';
import type { LaunchedApp } from '../harness/launchApp';

/** A real PNG on "the desktop", dropped as a File of the same name and size whose own bytes are not an image. */
async function dropFromDesktop(app: LaunchedApp): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-desktop-'));
  const file = path.join(dir, 'harbour.png');
  fs.writeFileSync(file, await pngOf(320, 200, [30, 90, 160]));
  await app.desktop.placeFiles([file]);
  await dropFiles(app.page, 'import-drop', [{ name: 'harbour.png', mime: 'image/png', bytes: Buffer.alloc(fs.statSync(file).size, 0x41) }]);
  return file;
}

test('item 14: a file dropped from the desktop is imported from its path (pathForFile), not from bytes the window sends', async ({ launch }) => {
  const app = await launch({ screen: 'library' });
  await app.page.getByTestId('onboarding-skip').click();
  await dropFromDesktop(app);
  await expect(app.page.getByTestId('asset-tile')).toHaveCount(1);
  expect(app.atelier.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(1);
});

test('item 8: dragging the detail image out calls the bridge within dragstart, cancels the HTML5 drag, and main drags the library file', async ({ launch }) => {
  const app = await launch({ screen: 'library' });
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  await dropFromDesktop(app);
  await page.getByTestId('asset-tile').first().click();
  const image = page.getByTestId('detail-image');
  await expect(image).toBeVisible();
  const id = app.atelier.db.prepare('SELECT id FROM assets').pluck().get() as string;

  const result = await image.evaluate((img) => {
    const w = window as unknown as { __atelierDrags: unknown[] };
    const before = w.__atelierDrags.length;
    const event = new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() });
    img.dispatchEvent(event);
    // Read before this task ends: the call must have happened inside the event, not after a round trip.
    return { prevented: event.defaultPrevented, drags: w.__atelierDrags.slice(before) };
  });
  expect(result).toEqual({ prevented: true, drags: [[id]] });
  const original = app.atelier.library.fileOf(id, 'original')!.path;
  await expect.poll(() => app.desktop.calls.filter((c) => c.action === 'drag')).toEqual([{ action: 'drag', paths: [original] }]);
});
