/**
 * The installers' configuration, read the way electron-builder reads it (its own loader, with
 * `extends` resolved, and its own schema check), since no installer can be built here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema validation (app-builder-lib is its core package).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
// The matcher electron-builder turns `files` into when it copies the app into app.asar.
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';
import sharp from 'sharp';
import { bundledTrustListPath } from '../../../electron/services/library/trustList';

const root = path.resolve(__dirname, '..', '..', '..');
const load = async (file: string): Promise<Configuration> => {
  const config = await getConfig(root, path.join(root, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
};

const RELEASE_FUSES = {
  resetAdHocDarwinSignature: true,
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema, release and test builds alike', async () => {
    await expect(load('electron-builder.yml')).resolves.toBeTruthy();
    await expect(load('electron-builder.test.yml')).resolves.toBeTruthy();
  });

  it('flips the release fuses: no RunAsNode, NODE_OPTIONS or --inspect; encrypted cookies; ASAR only, integrity-checked; no file:// privileges', async () => {
    expect((await load('electron-builder.yml')).electronFuses).toEqual(RELEASE_FUSES);
  });

  it('the test build differs from the release only by the inspect fuse, and goes to its own folder', async () => {
    const release = await load('electron-builder.yml');
    const test = await load('electron-builder.test.yml');
    expect(test.electronFuses).toEqual({ ...RELEASE_FUSES, enableNodeCliInspectArguments: true });
    expect(test.directories?.output).toBe('release-test');
    const strip = (c: Configuration) => ({ ...c, electronFuses: null, directories: null, extends: null });
    expect(strip(test)).toEqual(strip(release));
  });

  it('item 2: both builds redo the ad-hoc signature after the fuses, or Apple Silicon kills an unsigned arm64 build at launch', async () => {
    for (const file of ['electron-builder.yml', 'electron-builder.test.yml']) {
      expect((await load(file)).electronFuses, file).toMatchObject({ resetAdHocDarwinSignature: true });
    }
  });

  it('item 12: the Linux window icon main.ts loads from the app path is packed into app.asar', async () => {
    const c = await load('electron-builder.yml');
    // The loader normalises `files` to [{ filter: [...] }].
    const patterns = [c.files].flat().flatMap((f) => (typeof f === 'string' ? [f] : [(f as { filter?: string | string[] }).filter ?? []].flat()));
    expect(patterns.length).toBeGreaterThan(0);
    const filter = new FileMatcher(root, root, (s: string) => s, patterns).createFilter();
    const packed = (rel: string) => {
      const file = path.join(root, rel);
      return filter(file, fs.statSync(file));
    };
    expect(packed('resources/icons/512x512.png')).toBe(true);
    // The filter is a real one: sources and the other icon sizes stay out.
    expect(packed('resources/icons/256x256.png')).toBe(false);
    expect(packed('electron/main.ts')).toBe(false);
  });

  it('the C2PA trust list credentials are checked against is packed into app.asar, where trustList.ts reads it', async () => {
    const c = await load('electron-builder.yml');
    const patterns = [c.files].flat().flatMap((f) => (typeof f === 'string' ? [f] : [(f as { filter?: string | string[] }).filter ?? []].flat()));
    const filter = new FileMatcher(root, root, (s: string) => s, patterns).createFilter();
    const file = bundledTrustListPath();
    expect(path.relative(root, file)).toBe(path.join('resources', 'c2pa', 'C2PA-TRUST-LIST.pem'));
    expect(filter(file, fs.statSync(file))).toBe(true);
  });

  it('item 12/14: publishes to an explicit GitHub owner and repository, as drafts', async () => {
    expect((await load('electron-builder.yml')).publish).toEqual({ provider: 'github', owner: 'atelier-studio', repo: 'atelier', releaseType: 'draft' });
  });

  it('opens PNG, JPEG and WebP ("Open with Atelier")', async () => {
    const { fileAssociations } = await load('electron-builder.yml');
    const list = [fileAssociations ?? []].flat();
    expect(list.flatMap((a) => [a.ext].flat()).sort()).toEqual(['jpeg', 'jpg', 'png', 'webp']);
    expect(list.map((a) => a.mimeType).sort()).toEqual(['image/jpeg', 'image/png', 'image/webp']);
  });

  it('publishes to GitHub Releases, where electron-updater looks, with the Windows publisher it verifies', async () => {
    const c = await load('electron-builder.yml');
    expect(c.publish).toMatchObject({ provider: 'github' });
    expect(c.win?.signtoolOptions?.publisherName).toEqual(['Atelier']);
    // latest-mac.yml is only written for a zip; NSIS, AppImage and deb are the updatable targets.
    expect(c.mac?.target).toEqual(['dmg', 'zip']);
    expect(c.win?.target).toEqual(['nsis']);
    expect(c.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('has an icon in every size the builders take, made from the SVG source', async () => {
    const c = await load('electron-builder.yml');
    const icon = path.join(root, c.icon!);
    expect(await sharp(icon).metadata()).toMatchObject({ width: 1024, height: 1024, format: 'png', hasAlpha: true });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const meta = await sharp(path.join(root, c.linux!.icon!, `${size}x${size}.png`)).metadata();
      expect([meta.width, meta.height]).toEqual([size, size]);
    }
    expect(fs.readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8')).toContain('viewBox="0 0 1024 1024"');
  });

  it('is a desktop citizen: Linux launcher class and category, macOS hardened runtime with its entitlements', async () => {
    const c = await load('electron-builder.yml');
    expect(c.linux?.desktop?.entry).toMatchObject({ StartupWMClass: 'Atelier', Categories: expect.stringContaining('Graphics;') });
    expect(c.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist', notarize: true });
    const plist = fs.readFileSync(path.join(root, c.mac!.entitlements!), 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    // Entitlements an image studio has no business asking for.
    expect(plist).not.toMatch(/camera|microphone|get-task-allow|allow-dyld-environment-variables/);
  });
});
