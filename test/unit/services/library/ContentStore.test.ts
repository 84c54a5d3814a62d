import fs from 'node:fs';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore, THUMB_EDGE } from '../../../../electron/services/library/ContentStore';
import { pngOf } from '../../../support/images';
import { tempDir } from '../../../support/tmp';
import { inProcessImages } from '../../../../electron/services/images/work';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('ContentStore', () => {
  it('stores into a shard folder that was removed after it was first made', async () => {
    const root = tempDir();
    dirs.push(root);
    const store = new ContentStore(root, inProcessImages);
    const first = await store.put(await pngOf(8, 8, [1, 2, 3]));
    // The store remembers which shard folders it made; a person may delete them behind its back.
    fs.rmSync(store.filesDir, { recursive: true });
    fs.rmSync(store.thumbsDir, { recursive: true });
    const again = await store.put(await pngOf(8, 8, [1, 2, 3]));
    expect(again.sha256).toBe(first.sha256);
    expect(fs.statSync(store.originalPath(again.sha256, again.mime)).size).toBe(again.bytes);
    expect(fs.existsSync(store.thumbPath(again.sha256))).toBe(true);
    expect(fs.readdirSync(store.tmpDir)).toEqual([]);
  });

  it('makes a valid WebP thumbnail at most 320 px on its long edge, in the aspect ratio of the original', async () => {
    const root = tempDir();
    dirs.push(root);
    const store = new ContentStore(root, inProcessImages);
    // A picture with detail (a gradient with stripes), not a flat colour: the resize kernel has work to do.
    const width = 1376;
    const height = 768;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, (x >> 3) % 2 ? 230 : 20], (y * width + x) * 3);
    const png = await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
    const wide = await store.put(png);
    const made = await sharp(store.thumbPath(wide.sha256)).metadata();
    expect(made.format).toBe('webp');
    expect(made.width).toBe(THUMB_EDGE);
    expect(made.height).toBe(Math.round((THUMB_EDGE * height) / width));
    // Made later from the file: the same pipeline, a tall image this time.
    const tall = await store.put(await pngOf(600, 1000), { thumbnail: false });
    expect(fs.existsSync(store.thumbPath(tall.sha256))).toBe(false);
    const later = await sharp(await store.ensureThumb(tall.sha256, tall.mime)).metadata();
    expect([later.format, later.width, later.height]).toEqual(['webp', 192, THUMB_EDGE]);
    // Never enlarged.
    const small = await store.put(await pngOf(100, 50));
    expect(await sharp(store.thumbPath(small.sha256)).metadata()).toMatchObject({ format: 'webp', width: 100, height: 50 });
    // Pixels, not just a header: the stripes survive the downscale as a mean colour near the original's.
    const stats = await sharp(store.thumbPath(wide.sha256)).stats();
    const source = await sharp(png).stats();
    for (let c = 0; c < 3; c++) expect(Math.abs(stats.channels[c]!.mean - source.channels[c]!.mean)).toBeLessThan(4);
  });
});
