import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImage, CorruptImageError } from '../../../../electron/services/library/imageCheck';
import { inProcessImages } from '../../../../electron/services/images/work';
import type { ImageInput, Images } from '../../../../electron/services/images/protocol';

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

  it('sends the image helper only the first MB of a large file to read its header, and the whole file when the header runs past it', async () => {
    const sent: number[] = [];
    const images: Images = {
      run: (kind, input, about) => {
        if (kind === 'header') {
          const source = (input as ImageInput<'header'>).source;
          // An exact copy, never a view into the whole file (postMessage would clone all of it).
          if ('bytes' in source) sent.push(source.bytes.buffer.byteLength);
        }
        return inProcessImages.run(kind, input, about);
      },
    };
    const noise = Buffer.alloc(900 * 900 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const big = await sharp(noise, { raw: { width: 900, height: 900, channels: 3 } }).jpeg({ quality: 100 }).toBuffer();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect(await checkImage(big, images)).toEqual({ mime: 'image/jpeg', width: 900, height: 900 });
    expect(sent).toEqual([1024 * 1024]);

    // 24 APP15 segments of 64 KB ahead of the frame header: the size lies past the first MB.
    const segment = Buffer.concat([Buffer.from([0xff, 0xef, 0xff, 0xff]), Buffer.alloc(0xffff - 2)]);
    const padded = Buffer.concat([big.subarray(0, 2), ...Array.from({ length: 24 }, () => segment), big.subarray(2)]);
    sent.length = 0;
    expect(await checkImage(padded, images)).toEqual({ mime: 'image/jpeg', width: 900, height: 900 });
    expect(sent).toEqual([1024 * 1024, padded.length]);
  });
});
