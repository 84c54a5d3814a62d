/**
 * The perceptual hash on known pairs. The "photo" is drawn by sharp from shapes, gradients and
 * noise (a flat test card would hash too easily), then re-encoded, resized and cropped.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hamming, layoutDistance } from '../../../../electron/services/images/fingerprint';
import { work } from '../../../../electron/services/images/work';

function scene(seed: number, w = 800, h = 600): Promise<Buffer> {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const shapes = Array.from({ length: 14 }, () => {
    const [x, y, r] = [rnd() * w, rnd() * h, 30 + rnd() * 140];
    const fill = `rgb(${Math.round(rnd() * 255)},${Math.round(rnd() * 255)},${Math.round(rnd() * 255)})`;
    return rnd() > 0.5 ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>` : `<rect x="${x}" y="${y}" width="${r * 1.6}" height="${r}" fill="${fill}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${seed * 37 % 255},90,160)"/><stop offset="1" stop-color="#f4e3c1"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

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
