import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImage, CorruptImageError } from '../../../../electron/services/library/imageCheck';
import { inProcessImages } from '../../../../electron/services/images/work';

const raw = (width: number, height: number, channels: 1 | 2 | 3 | 4) => sharp(Buffer.alloc(width * height * channels, 90), { raw: { width, height, channels } });

describe('checkImage', () => {
  it('reads every kind of PNG header itself, as sharp does', async () => {
    const pngs = [
      await raw(37, 21, 3).png().toBuffer(),
      await raw(21, 37, 4).png().toBuffer(),
      await raw(16, 9, 1).png().toBuffer(),
      await raw(16, 9, 2).png().toBuffer(),
      await raw(40, 30, 3).png({ palette: true }).toBuffer(),
      await raw(40, 30, 3).png({ progressive: true }).toBuffer(), // interlaced
      await raw(12, 8, 3).toColourspace('rgb16').png().toBuffer(),
    ];
    for (const png of pngs) {
      const meta = await sharp(png).metadata();
      expect(await checkImage(png, inProcessImages)).toEqual({ mime: 'image/png', width: meta.width, height: meta.height });
    }
  });

  it('refuses a damaged PNG header or a cut-off PNG, and still reads other formats through sharp', async () => {
    const png = await raw(37, 21, 3).png().toBuffer();
    const badCrc = Buffer.from(png);
    badCrc[17] = badCrc[17]! ^ 0xff; // the width changes, the IHDR CRC no longer matches
    await expect(checkImage(badCrc, inProcessImages)).rejects.toBeInstanceOf(CorruptImageError);
    const zeroWide = Buffer.from(png);
    zeroWide.writeUInt32BE(0, 16);
    zeroWide.writeUInt32BE(zlib.crc32(zeroWide.subarray(12, 29)), 29);
    await expect(checkImage(zeroWide, inProcessImages)).rejects.toBeInstanceOf(CorruptImageError);
    await expect(checkImage(png.subarray(0, png.length - 20), inProcessImages)).rejects.toThrow(/incomplete/);
    expect(await checkImage(await raw(30, 20, 3).jpeg().toBuffer(), inProcessImages)).toEqual({ mime: 'image/jpeg', width: 30, height: 20 });
    expect(await checkImage(await raw(30, 20, 3).webp().toBuffer(), inProcessImages)).toEqual({ mime: 'image/webp', width: 30, height: 20 });
  });
});
