import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../../electron/services/library/ContentStore';
import { ScreenPreviews, type Original } from '../../../../electron/services/library/screenPreviews';
import { tempDir } from '../../../support/tmp';
import { inProcessImages } from '../../../../electron/services/images/work';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function original(root: string, width: number, height: number, opts: { alpha?: boolean; jpeg?: boolean } = {}): Promise<Original> {
  const channels = opts.alpha ? 4 : 3;
  const background = opts.alpha ? { r: 200, g: 40, b: 40, alpha: 0.5 } : { r: 200, g: 40, b: 40 };
  const img = sharp({ create: { width, height, channels, background } });
  const bytes = await (opts.jpeg ? img.jpeg() : img.png()).toBuffer();
  const file = path.join(root, `orig-${width}x${height}${opts.alpha ? '-a' : ''}.${opts.jpeg ? 'jpg' : 'png'}`);
  fs.writeFileSync(file, bytes);
  const sha256 = `${width}${height}${opts.alpha ? 1 : 0}`.padEnd(64, 'c');
  return { sha256, mime: opts.jpeg ? 'image/jpeg' : 'image/png', width, height, path: file };
}

function setup(): { root: string; previews: ScreenPreviews } {
  const root = tempDir();
  dirs.push(root);
  fs.mkdirSync(path.join(root, 'tmp'));
  return { root, previews: new ScreenPreviews(root, path.join(root, 'tmp'), inProcessImages) };
}

describe('ScreenPreviews', () => {
  it('serves an original no larger than the step as it is, and makes nothing', async () => {
    const { root, previews } = setup();
    const small = await original(root, 1024, 1024);
    expect(await previews.of(small, 1280)).toEqual({ path: small.path, mime: 'image/png' });
    expect(fs.existsSync(previews.dir)).toBe(false);
  });

  it('makes a JPEG copy at most `edge` long in the original’s shape, once', async () => {
    const { root, previews } = setup();
    const big = await original(root, 3840, 2160);
    const made = await previews.of(big, 1920);
    expect(made.mime).toBe('image/jpeg');
    expect(made.path.startsWith(previews.dir)).toBe(true);
    const meta = await sharp(made.path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1920, 1080]);
    const { mtimeMs } = fs.statSync(made.path);
    expect(await previews.of(big, 1920)).toEqual(made);
    expect(fs.statSync(made.path).mtimeMs).toBe(mtimeMs);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('keeps transparency in a WebP copy', async () => {
    const { root, previews } = setup();
    const made = await previews.of(await original(root, 3000, 1000, { alpha: true }), 1280);
    const meta = await sharp(made.path).metadata();
    expect([made.mime, meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['image/webp', 'webp', 1280, 427, true]);
  });

  it('makes a copy asked for twice at once only once', async () => {
    const { root, previews } = setup();
    const big = await original(root, 2600, 1600, { jpeg: true });
    const [a, b] = await Promise.all([previews.of(big, 1280), previews.of(big, 1280)]);
    expect(a).toEqual(b);
    expect(fs.readdirSync(path.dirname(a.path))).toEqual([path.basename(a.path)]);
  });

  it('makes again a copy a crash left empty, and removes every copy of an original', async () => {
    const { root, previews } = setup();
    const big = await original(root, 3000, 2000);
    const first = await previews.of(big, 1920);
    const second = await previews.of(big, 2560);
    fs.truncateSync(first.path, 0);
    const again = await previews.of(big, 1920);
    expect(again.path).toBe(first.path);
    expect((await sharp(again.path).metadata()).width).toBe(1920);
    previews.remove(big.sha256);
    expect([fs.existsSync(first.path), fs.existsSync(second.path)]).toEqual([false, false]);
  });

  it('fails on an original it cannot read (the app:// route then serves the original)', async () => {
    const { root, previews } = setup();
    const broken = await original(root, 3000, 2000);
    fs.writeFileSync(broken.path, Buffer.from('not an image'));
    await expect(previews.of(broken, 1920)).rejects.toThrow();
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });
});

describe('ContentStore.remove', () => {
  it('takes the screen-sized copies with the original', async () => {
    const root = tempDir();
    dirs.push(root);
    const store = new ContentStore(root, inProcessImages);
    const png = await sharp({ create: { width: 2600, height: 1400, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    const stored = await store.put(png);
    const previews = new ScreenPreviews(root, store.tmpDir, inProcessImages);
    const copy = await previews.of({ ...stored, path: store.originalPath(stored.sha256, stored.mime) }, 1280);
    expect(fs.existsSync(copy.path)).toBe(true);
    store.remove(stored.sha256, stored.mime);
    expect([fs.existsSync(copy.path), fs.existsSync(store.originalPath(stored.sha256, stored.mime))]).toEqual([false, false]);
  });
});
