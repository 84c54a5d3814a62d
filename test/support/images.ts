import sharp from 'sharp';

/** A real PNG of the given size and colour, for tests that need image bytes. */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [200, 80, 40]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}
