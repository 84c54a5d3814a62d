import sharp from 'sharp';

/**
 * A made-up "photo" (gradient, shapes) that a perceptual hash can tell from another: a flat test
 * card hashes too easily. Same seed, same picture.
 */
export function scene(seed: number, w = 800, h = 600): Promise<Buffer> {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const shapes = Array.from({ length: 14 }, () => {
    const [x, y, r] = [rnd() * w, rnd() * h, 30 + rnd() * 140];
    const fill = `rgb(${Math.round(rnd() * 255)},${Math.round(rnd() * 255)},${Math.round(rnd() * 255)})`;
    return rnd() > 0.5 ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>` : `<rect x="${x}" y="${y}" width="${r * 1.6}" height="${r}" fill="${fill}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${(seed * 37) % 255},90,160)"/><stop offset="1" stop-color="#f4e3c1"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The same scene as a JPEG, smaller, and cropped by 5 % (for near-duplicate tests). */
export async function variantsOf(photo: Buffer): Promise<{ jpeg: Buffer; resized: Buffer; cropped: Buffer }> {
  const m = await sharp(photo).metadata();
  const [w, h] = [m.width!, m.height!];
  return {
    jpeg: await sharp(photo).jpeg({ quality: 70 }).toBuffer(),
    resized: await sharp(photo).resize(Math.round(w / 2)).png().toBuffer(),
    cropped: await sharp(photo).extract({ left: Math.round(w * 0.025), top: Math.round(h * 0.025), width: Math.round(w * 0.95), height: Math.round(h * 0.95) }).png().toBuffer(),
  };
}
