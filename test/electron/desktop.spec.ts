/** The app as a desktop citizen: its menu, its window state, and "Open with Atelier". */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pngOf } from '../support/images';
import { appEnv, launch, newProfile, sayWhySkipped, skipReason, target } from './app';

sayWhySkipped();
test.skip(!!skipReason, skipReason ?? '');
test.setTimeout(120_000);

test('the native menu has Edit with the system text shortcuts, View, Window and Help', async () => {
  const { app } = await launch(newProfile());
  try {
    const menu = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()!.items.map((i) => ({ label: i.label, roles: i.submenu?.items.map((s) => String(s.role ?? s.label)) ?? [] })),
    );
    const edit = menu.find((m) => m.label === 'Edit')!;
    expect(edit.roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectall']));
    expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['View', 'Window', 'Help']));
    if (process.platform === 'darwin') expect(menu[0]!.label).toBe('Atelier');
  } finally {
    await app.close();
  }
});

test('the window comes back where it was, with its size', async () => {
  const profile = newProfile();
  const stateFile = path.join(profile.userDataDir, 'window-state.json');
  let { app } = await launch(profile);
  const wanted = { x: 120, y: 90, width: 1100, height: 720 };
  try {
    await app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), wanted);
  } finally {
    await app.close();
  }
  expect(fs.existsSync(stateFile)).toBe(true);
  ({ app } = await launch(profile));
  try {
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
    // Window managers may nudge by a few pixels for decorations.
    expect(Math.abs(bounds.width - wanted.width)).toBeLessThanOrEqual(16);
    expect(Math.abs(bounds.height - wanted.height)).toBeLessThanOrEqual(40);
  } finally {
    await app.close();
  }
});

test('a second launch with an image imports it into the running instance and shows it', async () => {
  const profile = newProfile();
  const { app, page } = await launch(profile);
  try {
    await page.getByTestId('onboarding-skip').click();
    const file = path.join(path.dirname(profile.userDataDir), `${path.basename(profile.userDataDir)}-opened.png`);
    fs.writeFileSync(file, await pngOf(200, 120, [180, 60, 90]));
    // The OS's "Open with Atelier": the same executable with the path as an argument. It finds
    // the running instance (same data directory), hands over its argv and quits.
    const second = spawn(target!.executablePath, [...target!.args, file], { cwd: path.resolve(__dirname, '..', '..'), env: appEnv(profile), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect(page.getByTestId('asset-tile')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('notice').filter({ hasText: 'Opened 1 image.' })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
  }
});
