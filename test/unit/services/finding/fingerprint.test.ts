/**
 * The perceptual hash on known pairs. The "photo" is drawn by sharp from shapes, gradients and
 * noise (a flat test card would hash too easily), then re-encoded, resized and cropped.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hamming, layoutDistance } from '../../../../electron/services/images/fingerprint';
import { work } from '../../../../electron/services/images/work';
import { scene } from '../../../support/scenes';

const hash = async (b: Buffer) => work.fingerprint({ source: { bytes: b } });

describe('the perceptual hash on known pairs', () => {
  it('re-encoded, resized and 5 % cropped copies stay near; a different photo is far', async () => {
    const photo = await scene(7);
    const original = await hash(photo);
    const jpeg = await hash(await sharp(photo).jpeg({ quality: 70 }).toBuffer());
    const resized = await hash(await sharp(photo).resize(400).png().toBuffer());
    const cropped = await hash(await sharp(photo).extract({ left: 20, top: 15, width: 760, height: 570 }).png().toBuffer());
    const other = await hash(await scene(99));

    const d = {
      jpeg: hamming(original.phash, jpeg.phash),
      resized: hamming(original.phash, resized.phash),
      cropped: hamming(original.phash, cropped.phash),
      other: hamming(original.phash, other.phash),
    };
    expect(original.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(d.jpeg).toBeLessThanOrEqual(2); // "exact"
    expect(d.resized).toBeLessThanOrEqual(2); // "exact"
    expect(d.cropped).toBeLessThanOrEqual(10); // "near"
    expect(d.other).toBeGreaterThan(16); // beyond "similar"
    expect(original.layout).toHaveLength(192);
    expect(layoutDistance(original.layout, jpeg.layout)).toBeLessThan(0.02);
    expect(layoutDistance(original.layout, other.layout)).toBeGreaterThan(layoutDistance(original.layout, cropped.layout));
    console.log('phash distances', d);
  });

  it('the pixel check tells a resized copy from a different photo', async () => {
    const photo = await scene(7);
    const same = await work.pixelDiff({ a: { bytes: photo }, b: { bytes: await sharp(photo).resize(320).webp().toBuffer() } });
    const other = await work.pixelDiff({ a: { bytes: photo }, b: { bytes: await scene(99) } });
    expect(same.difference).toBeLessThan(0.03);
    expect(other.difference).toBeGreaterThan(0.1);
  });
});
