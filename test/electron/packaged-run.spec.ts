/**
 * The packaged app doing real work off the main thread: a photo imported from disk (sharp, in the
 * image helper), the library self-check run at once (its worker thread, loading better-sqlite3
 * from app.asar.unpacked), and main.log free of a failed self-check or a crashed helper. These
 * pieces only break in a package (a worker file or a .node outside the asar's unpacked part).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pngOf } from '../support/images';
import { launch, newProfile, sayWhySkipped, skipReason, target } from './app';

sayWhySkipped();
test.skip(!!skipReason, skipReason ?? '');
test.setTimeout(120_000);

/** What main.log must never say after this run (the logger writes JSON lines). */
const TROUBLE = /self-check failed|image helper (stopped|crashed|exited|could not start)|worker.*(crashed|exited with)/i;

test('a packaged run imports a photo, passes the self-check, and logs no failure', async () => {
  test.skip(!target?.packaged, 'this checks the packaged build; a checkout runs the same code from source');
  const profile = newProfile();
  const photo = path.join(profile.userDataDir, '..', `${path.basename(profile.userDataDir)}-photo.png`);
  fs.writeFileSync(photo, await pngOf(640, 480, [40, 120, 200]));
  const { app, page } = await launch(profile);
  try {
    const imported = await page.evaluate((p) => window.atelier!.invoke('library.import', { files: [{ name: 'photo.png', path: p }] }), photo);
    expect(imported).toMatchObject({ ok: true, data: { rejected: [], imported: [expect.objectContaining({ duplicate: false })] } });
    const check = await page.evaluate(() => window.atelier!.invoke('library.check'));
    expect(check).toMatchObject({ ok: true, data: { ok: true, problems: [] } });
  } finally {
    await app.close();
  }
  const log = fs.readFileSync(path.join(profile.userDataDir, 'logs', 'main.log'), 'utf8');
  expect(log).toContain('atelier: services started');
  expect(log.split('\n').filter((line) => TROUBLE.test(line))).toEqual([]);
});
