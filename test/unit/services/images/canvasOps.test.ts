/** The canvas operations at full resolution, checked pixel by pixel on tiny images. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyOps, fullMask, markedCopy, PAD_COLOUR } from '../../../../electron/services/images/canvasOps';

/** A W×H PNG whose pixel (x, y) is (x·40, y·40, 9): every pixel says where it came from. */
async function gridPng(w: number, h: number): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([x * 40, y * 40, 9], (y * w + x) * 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

async function pixels(png: Buffer): Promise<{ w: number; h: number; at(x: number, y: number): number[] }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    w: info.width,
    h: info.height,
    at: (x, y) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + info.channels)],
  };
}

describe('applyOps', () => {
  it('crops at full resolution, exactly', async () => {
    const out = await applyOps(await gridPng(5, 4), [{ op: 'crop', left: 1, top: 2, width: 3, height: 2 }]);
    const p = await pixels(out.data);
    expect([p.w, p.h, out.width, out.height]).toEqual([3, 2, 3, 2]);
    expect(p.at(0, 0)).toEqual([40, 80, 9]);
    expect(p.at(2, 1)).toEqual([120, 120, 9]);
  });

  it('rotates 90° clockwise and flips, in the order given', async () => {
    const out = await applyOps(await gridPng(3, 2), [{ op: 'rotate', degrees: 90 }, { op: 'flip', axis: 'horizontal' }]);
    const p = await pixels(out.data);
    expect([p.w, p.h]).toEqual([2, 3]);
    // Rotating 90° clockwise puts the old bottom-left at the top-left; the flip then mirrors it left–right.
    expect(p.at(0, 0)).toEqual([0, 0, 9]);
    expect(p.at(1, 0)).toEqual([0, 40, 9]);
    expect(p.at(0, 2)).toEqual([80, 0, 9]);
  });

  it('flips vertically', async () => {
    const p = await pixels((await applyOps(await gridPng(2, 3), [{ op: 'flip', axis: 'vertical' }])).data);
    expect(p.at(1, 0)).toEqual([40, 80, 9]);
  });

  it('expands to a ratio with a grey border and says where the picture is', async () => {
    const out = await applyOps(await gridPng(4, 4), [{ op: 'expand', ratio: '2:1' }]);
    const p = await pixels(out.data);
    expect([p.w, p.h]).toEqual([8, 4]);
    expect(out.placedAt).toEqual({ left: 2, top: 0, width: 4, height: 4 });
    expect(p.at(0, 0)).toEqual([PAD_COLOUR.r, PAD_COLOUR.g, PAD_COLOUR.b]);
    expect(p.at(7, 3)).toEqual([PAD_COLOUR.r, PAD_COLOUR.g, PAD_COLOUR.b]);
    expect(p.at(2, 0)).toEqual([0, 0, 9]);
    expect(p.at(5, 3)).toEqual([120, 120, 9]);
  });

  it('expands by margins', async () => {
    const out = await applyOps(await gridPng(2, 2), [{ op: 'expand', margins: { left: 1, top: 0, right: 0, bottom: 2 } }]);
    expect([out.width, out.height]).toEqual([3, 4]);
    expect(out.placedAt).toEqual({ left: 1, top: 0, width: 2, height: 2 });
    const p = await pixels(out.data);
    expect(p.at(1, 0)).toEqual([0, 0, 9]);
    expect(p.at(1, 3)).toEqual([128, 128, 128]);
  });

  it('refuses a crop outside the image with its sizes', async () => {
    await expect(applyOps(await gridPng(4, 4), [{ op: 'crop', left: 2, top: 0, width: 3, height: 1 }])).rejects.toThrow('goes past the 4×4 image');
  });
});

describe('masks', () => {
  it('scales a preview-size mask up to full size without soft edges', async () => {
    // 2×2 preview: only the top-left pixel painted (opaque); full size 4×4.
    const preview = await sharp(Buffer.from([255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), { raw: { width: 2, height: 2, channels: 4 } }).png().toBuffer();
    const m = await fullMask(preview, 4, 4);
    expect((await sharp(m.data).metadata()).channels).toBe(1);
    const p = await sharp(m.data).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => p.data[y * 4 + x];
    expect([at(0, 0), at(1, 1), at(2, 0), at(0, 2), at(3, 3)]).toEqual([255, 255, 0, 0, 0]);
    expect(m.empty).toBe(false);
    expect(m.coverage).toBeCloseTo(0.25, 6);
  });

  it('an empty mask is empty; an outpaint border is masked outside the picture', async () => {
    expect((await fullMask(null, 3, 3)).empty).toBe(true);
    const m = await fullMask(null, 4, 3, { left: 1, top: 1, width: 2, height: 1 });
    const p = await sharp(m.data).extractChannel(0).raw().toBuffer();
    expect([...p]).toEqual([255, 255, 255, 255, 255, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('a painted mask and an outpaint border together: coverage counts both, and the raw copy is the PNG', async () => {
    // 3×2 preview, its left column painted; full size 7×5 (not a whole multiple), picture in the middle 5×3.
    const rgba = Buffer.alloc(3 * 2 * 4);
    for (const i of [0, 3]) rgba.writeUInt32BE(0xffffffff, i * 4);
    const preview = await sharp(rgba, { raw: { width: 3, height: 2, channels: 4 } }).png().toBuffer();
    const m = await fullMask(preview, 7, 5, { left: 1, top: 1, width: 5, height: 3 });
    const p = await sharp(m.data).extractChannel(0).raw().toBuffer();
    expect([...p]).toEqual([...m.raw.data]);
    expect([m.raw.width, m.raw.height]).toEqual([7, 5]);
    const painted = [...p].filter((v) => v === 255).length;
    expect([...p].every((v) => v === 0 || v === 255)).toBe(true);
    expect(m.coverage).toBeCloseTo(painted / 35, 9);
    // Border rows and columns are all painted; inside, the left columns (from the painted preview column) are.
    const at = (x: number, y: number) => p[y * 7 + x];
    expect([0, 1, 2, 3, 4, 5, 6].map((x) => at(x, 0))).toEqual([255, 255, 255, 255, 255, 255, 255]);
    expect([0, 1, 2, 3, 4, 5, 6].map((x) => at(x, 2))).toEqual([255, 255, 0, 0, 0, 0, 255]);
    expect(m.empty).toBe(false);
  });

  it('the marked copy takes the raw mask as well as a PNG, and marks a big photo at half size', async () => {
    const base = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 0, g: 0, b: 255 } } }).jpeg().toBuffer();
    const raw = { data: Buffer.alloc(400 * 200), width: 400, height: 200 };
    for (let y = 0; y < 200; y++) raw.data.fill(255, y * 400, y * 400 + 100); // left quarter
    const out = await markedCopy(base, raw, null, { maxEdge: 256 });
    // 400 px is within twice the limit of 256: marked at exactly half.
    expect([out.width, out.height]).toEqual([200, 100]);
    const p = await pixels(out.data);
    expect(p.at(10, 50)[0]).toBeGreaterThan(100);
    expect(p.at(150, 50)[0]).toBeLessThan(30);
  });

  it('the marked copy is red where masked and the photo elsewhere', async () => {
    const base = await sharp({ create: { width: 4, height: 2, channels: 3, background: { r: 0, g: 0, b: 255 } } }).png().toBuffer();
    const mask = await sharp(Buffer.from([255, 255, 0, 0, 255, 255, 0, 0]), { raw: { width: 4, height: 2, channels: 1 } }).png().toBuffer();
    const out = await markedCopy(base, mask, null, { maxEdge: 100 });
    const p = await pixels(out.data);
    const [r0, , b0] = p.at(0, 0);
    const [r3, , b3] = p.at(3, 1);
    expect(r0).toBeGreaterThan(100); // half red over blue
    expect(b0).toBeLessThan(200);
    expect(r3).toBeLessThan(30); // untouched blue (JPEG)
    expect(b3).toBeGreaterThan(220);
  });
});
