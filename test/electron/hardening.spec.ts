/**
 * What a compromised window cannot do in the real shell, and the fuses of the packaged binary.
 * Navigations go to loopback ports that refuse, so nothing leaves the machine.
 */
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { launch, newProfile, sayWhySkipped, skipReason, target } from './app';

sayWhySkipped();
test.skip(!!skipReason, skipReason ?? '');
test.setTimeout(90_000);

test('the window cannot navigate away, open windows, embed webviews or get permissions', async () => {
  const { app, page } = await launch(newProfile());
  try {
    await page.getByTestId('onboarding-skip').click();
    // Navigation away from the main frame is refused: http, file:, and app:// with userinfo.
    for (const url of ['http://127.0.0.1:9/', 'file:///etc/hosts', 'app://evil@atelier/']) {
      await page.evaluate((u) => {
        window.location.href = u;
      }, url);
      await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
      expect(page.url()).toBe('app://atelier/');
    }
    await expect(page.getByTestId('nav-library')).toBeVisible();
    // window.open makes no window.
    expect(await page.evaluate(() => window.open('app://atelier/') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // No <webview>: the tag is off, so the element is inert and no guest contents is created.
    await page.evaluate(() => {
      const wv = document.createElement('webview');
      wv.setAttribute('src', 'app://atelier/');
      document.body.append(wv);
    });
    expect(await app.evaluate(({ webContents }) => webContents.getAllWebContents().filter((w) => w.getType() === 'webview').length)).toBe(0);
    // Permissions: denied, whatever is asked.
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state)).toBe('denied');
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'camera' as PermissionName })).state)).toBe('denied');
  } finally {
    await app.close();
  }
});

test('a packaged build has no DevTools', async () => {
  test.skip(!target?.packaged, 'a checkout keeps DevTools; this checks the packaged test build');
  const { app, page } = await launch(newProfile());
  try {
    // The cause, read back from the live contents: DevTools are off in its web preferences, so
    // openDevTools is a no-op (it has no event for "refused"; a fixed wait would prove nothing).
    // getLastWebPreferences exists at run time but not in Electron's types.
    const devTools = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): { devTools?: boolean } | null };
      return wc.getLastWebPreferences()?.devTools;
    });
    expect(devTools).toBe(false);
    let opened = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents;
      wc.openDevTools();
      return wc.isDevToolsOpened();
    });
    // And the effect, after the window has painted a frame since the call.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    opened ||= await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.isDevToolsOpened());
    expect(opened).toBe(false);
    const menuRoles = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.flatMap((i) => i.submenu?.items.map((s) => String(s.role ?? '')) ?? []));
    expect(menuRoles).not.toContain('toggledevtools');
  } finally {
    await app.close();
  }
});

test('the packaged binary carries the release fuses (only --inspect on, for these specs)', async () => {
  test.skip(!target?.packaged, 'fuses are flipped by electron-builder in packaged builds only');
  const wire = await getCurrentFuseWire(target!.executablePath);
  // @electron/fuses keeps FuseState to itself: a fuse reads '1' (49) when on, '0' (48) when off.
  const on = (f: FuseV1Options) => Number(wire[f]) === 49;
  expect({
    runAsNode: on(FuseV1Options.RunAsNode),
    nodeOptions: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
    inspect: on(FuseV1Options.EnableNodeCliInspectArguments),
    cookieEncryption: on(FuseV1Options.EnableCookieEncryption),
    asarIntegrity: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
    onlyAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
    fileProtocolPrivileges: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
  }).toEqual({ runAsNode: false, nodeOptions: false, inspect: true, cookieEncryption: true, asarIntegrity: true, onlyAsar: true, fileProtocolPrivileges: false });
});
