import { describe, expect, it } from 'vitest';
import { commonBox, containRect, pixelDiff } from '../../../../renderer/src/lib/pixelDiff';

const rgba = (pixels: number[][]) => Uint8ClampedArray.from(pixels.flatMap((p) => [...p, 255]));

describe('pixelDiff', () => {
  it('counts the pixels whose largest channel difference exceeds the threshold', () => {
    const a = rgba([[0, 0, 0], [10, 10, 10], [100, 0, 0], [50, 50, 50]]);
    const b = rgba([[0, 0, 0], [18, 10, 10], [100, 0, 40], [50, 50, 50]]);
    expect(pixelDiff(a, b, 8).percentChanged).toBe(25); // only the 40 step: 8 is not beyond 8
    expect(pixelDiff(a, b, 7).percentChanged).toBe(50);
    expect(pixelDiff(a, a, 0).percentChanged).toBe(0);
  });

  it('draws equal pixels black and larger differences hotter', () => {
    const a = rgba([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    const b = rgba([[0, 0, 0], [30, 0, 0], [255, 255, 255]]);
    const { heat } = pixelDiff(a, b, 0);
    expect([...heat.slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect(heat[4]).toBe(120);
    expect([...heat.slice(8, 11)]).toEqual([255, 255, 255]);
  });

  it('refuses images drawn at different sizes', () => {
    expect(() => pixelDiff(new Uint8ClampedArray(8), new Uint8ClampedArray(4), 0)).toThrow(/same size/);
  });

  it('fits images of other shapes into the common box, centred', () => {
    expect(commonBox([{ width: 4000, height: 2000 }], 1024)).toEqual({ width: 1024, height: 512 });
    expect(containRect(1000, 1000, 1024, 512)).toEqual({ x: 256, y: 0, w: 512, h: 512 });
  });
});
