/**
 * The masked-edit compositor: outside the mask plus its feather, not one pixel of the original may
 * change, whatever the original's format; the zone itself is measured here independently (brute
 * force Euclidean distance), not with the compositor's own transform.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compositeMasked, maskBox, squaredDistances } from '../../../../electron/services/images/composite';

const W = 240;
const H = 160;

/** A photo-like original: smooth gradients and some texture, so a resample would show. */
async function original(format: 'png' | 'jpeg', w = W, h = H): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = (x * 255) / w;
      raw[i + 1] = (y * 255) / h;
      raw[i + 2] = ((x * 7 + y * 13) % 97) * 2;
    }
  const img = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 85 }).toBuffer();
}

/** The model's answer: a flat magenta frame at its own (smaller) size, so every pixel it reached differs. */
const answer = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 255, g: 0, b: 255 } } }).png().toBuffer();

function rectMask(w: number, h: number, r: { left: number; top: number; width: number; height: number }): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = r.top; y < r.top + r.height; y++) for (let x = r.left; x < r.left + r.width; x++) m[y * w + x] = 255;
  return m;
}

const maskPng = (m: Uint8Array, w: number, h: number) => sharp(Buffer.from(m), { raw: { width: w, height: h, channels: 1 } }).png().toBuffer();

const decode = async (b: Buffer) => (await sharp(b).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data;

/** Pixels at Euclidean distance ≥ feather from every mask pixel (so: outside mask + feather). */
function outsideZone(m: Uint8Array, w: number, h: number, feather: number): Uint8Array {
  const painted: Array<[number, number]> = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (m[y * w + x]) painted.push([x, y]);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (m[y * w + x]) continue;
      let near = false;
      for (const [px, py] of painted)
        if ((px - x) ** 2 + (py - y) ** 2 < feather * feather) {
          near = true;
          break;
        }
      if (!near) out[y * w + x] = 1;
    }
  return out;
}

async function changedOutside(base: Buffer, result: Buffer, zone: Uint8Array): Promise<{ outside: number; checked: number }> {
  const a = await decode(base);
  const b = await decode(result);
  let outside = 0;
  let checked = 0;
  for (let i = 0; i < zone.length; i++) {
    if (!zone[i]) continue;
    checked++;
    if (a[i * 3] !== b[i * 3] || a[i * 3 + 1] !== b[i * 3 + 1] || a[i * 3 + 2] !== b[i * 3 + 2]) outside++;
  }
  return { outside, checked };
}

describe('compositeMasked', () => {
  for (const format of ['png', 'jpeg'] as const) {
    it(`changes exactly 0 pixels outside mask + feather on a ${format.toUpperCase()} original, at the original's size`, async () => {
      const base = await original(format);
      const m = rectMask(W, H, { left: 60, top: 40, width: 70, height: 50 });
      const out = await compositeMasked({ base, model: await answer(120, 80), mask: await maskPng(m, W, H), featherPx: 12 });
      expect((await sharp(out.data).metadata()).width).toBe(W);
      expect((await sharp(out.data).metadata()).height).toBe(H);
      const zone = outsideZone(m, W, H, 12);
      const { outside, checked } = await changedOutside(base, out.data, zone);
      expect(checked).toBeGreaterThan(W * H * 0.6);
      expect(outside).toBe(0);
      // The model's pixels are there inside the mask: the centre is the answer's magenta.
      const px = await decode(out.data);
      const c = (65 * W + 95) * 3;
      expect([px[c], px[c + 1], px[c + 2]]).toEqual([255, 0, 255]);
      // And the feather blends: a pixel 6 px outside the mask is neither the original nor the answer.
      const orig = await decode(base);
      const f = (65 * W + 136) * 3;
      expect(px[f]).not.toBe(orig[f]);
      expect(px[f + 1]).not.toBe(0);
    });
  }

  it('with a feather of 0 changes only the masked pixels themselves', async () => {
    const base = await original('png');
    const m = rectMask(W, H, { left: 10, top: 10, width: 30, height: 30 });
    const out = await compositeMasked({ base, model: await answer(W, H), mask: await maskPng(m, W, H), featherPx: 0 });
    const notMask = Uint8Array.from(m, (v) => (v ? 0 : 1));
    expect((await changedOutside(base, out.data, notMask)).outside).toBe(0);
    expect(out.changedArea).toBe(30 * 30);
  });

  it('handles a mask touching the border (the feather is cut at the edge, the rest is untouched)', async () => {
    const base = await original('jpeg');
    const m = rectMask(W, H, { left: 0, top: 0, width: 40, height: H });
    const out = await compositeMasked({ base, model: await answer(300, 200), mask: await maskPng(m, W, H), featherPx: 8 });
    const { outside } = await changedOutside(base, out.data, outsideZone(m, W, H, 8));
    expect(outside).toBe(0);
    const px = await decode(out.data);
    expect([px[0], px[1], px[2]]).toEqual([255, 0, 255]);
    // 40 masked columns and 7 feathered ones (the 8th, at distance 8, takes none of the answer).
    expect(out.changedArea).toBe(47 * H);
  });

  it('refuses an answer whose shape differs from the photo, with a sentence', async () => {
    const base = await original('png');
    const m = rectMask(W, H, { left: 10, top: 10, width: 30, height: 30 });
    await expect(compositeMasked({ base, model: await answer(200, 200), mask: await maskPng(m, W, H), featherPx: 12 })).rejects.toThrow(
      /answered with a 200×200 picture for your 240×160 photo: its shape differs/,
    );
  });

  it('accepts the small rounding Gemini does to sizes (1264×848 for a 3:2 photo)', async () => {
    const base = await original('png', 300, 200);
    const m = rectMask(300, 200, { left: 100, top: 50, width: 30, height: 30 });
    const out = await compositeMasked({ base, model: await answer(1264, 848), mask: await maskPng(m, 300, 200), featherPx: 4 });
    expect(out.width).toBe(300);
  });

  it('the distance transform agrees with brute force, diagonals included', () => {
    const w = 40;
    const h = 30;
    const m = new Uint8Array(w * h);
    m[10 * w + 12] = 255;
    m[20 * w + 30] = 255;
    const box = maskBox(m, w, h, 10)!;
    const d2 = squaredDistances(m, w, box, 100);
    for (let y = box.top; y < box.bottom; y++)
      for (let x = box.left; x < box.right; x++) {
        const want = Math.min((x - 12) ** 2 + (y - 10) ** 2, (x - 30) ** 2 + (y - 20) ** 2);
        expect(d2[(y - box.top) * (box.right - box.left) + (x - box.left)]).toBe(Math.min(101, want));
      }
  });
});

describe('squaredDistances on painted runs', () => {
  it('agrees with brute force on runs, holes and single pixels (only the ends of a run are kept as sites)', () => {
    const w = 70;
    const h = 50;
    const m = new Uint8Array(w * h);
    const paint = (l: number, t: number, rw: number, rh: number) => {
      for (let y = t; y < t + rh; y++) for (let x = l; x < l + rw; x++) m[y * w + x] = 255;
    };
    paint(5, 5, 30, 12);
    paint(15, 9, 6, 3);
    for (let y = 9; y < 12; y++) for (let x = 16; x < 20; x++) m[y * w + x] = 0; // a hole
    paint(40, 30, 1, 1);
    paint(50, 20, 15, 25);
    paint(0, 45, 70, 2); // touching both sides
    const painted: Array<[number, number]> = [];
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (m[y * w + x]) painted.push([x, y]);
    const cap = 64;
    const box = { left: 0, top: 0, right: w, bottom: h };
    const d2 = squaredDistances(m, w, box, cap);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let want = Infinity;
        for (const [px, py] of painted) want = Math.min(want, (px - x) ** 2 + (py - y) ** 2);
        expect(d2[y * w + x], `at ${x},${y}`).toBe(Math.min(cap + 1, want));
      }
  });
});

describe('maskBox', () => {
  it('finds the painted box at any alignment, in any corner, and null for an empty mask', () => {
    for (const [w, h] of [
      [13, 7],
      [64, 9],
      [5, 5],
    ] as const)
      for (let trial = 0; trial < 200; trial++) {
        // Offset the view so the word reads start unaligned too.
        const backing = new Uint8Array(w * h + 3);
        const m = backing.subarray(trial % 4, (trial % 4) + w * h);
        const points = trial % 17 === 0 ? 0 : 1 + (trial % 4);
        let want: { left: number; top: number; right: number; bottom: number } | null = null;
        for (let p = 0; p < points; p++) {
          const x = (trial * 7 + p * 11) % w;
          const y = (trial * 3 + p * 5) % h;
          m[y * w + x] = 255;
          want = want
            ? { left: Math.min(want.left, x), top: Math.min(want.top, y), right: Math.max(want.right, x + 1), bottom: Math.max(want.bottom, y + 1) }
            : { left: x, top: y, right: x + 1, bottom: y + 1 };
        }
        expect(maskBox(m, w, h, 0), `${w}×${h} trial ${trial}`).toEqual(want);
      }
  });
});
