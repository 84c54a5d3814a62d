/** A series' contact sheet: its size from the layout, and each panel where its number says. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cellOrigin, contactSheet, sheetLayout } from '../../../../electron/services/images/contactSheet';
import { inProcessImages } from '../../../../electron/services/images/work';
import { pngOf } from '../../../support/images';

const COLOURS: Array<[number, number, number]> = [
  [220, 40, 40],
  [40, 180, 60],
  [40, 70, 220],
  [230, 200, 30],
  [160, 40, 200],
];

/** How many cells hold a picture, told by each cell's centre pixel: a panel colour, not the empty grey. */
async function decodedPanels(png: Buffer, count: number, ratio: { w: number; h: number }): Promise<Array<[number, number, number] | null>> {
  const layout = sheetLayout(count, ratio);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return Array.from({ length: count }, (_, i) => {
    const { left, top } = cellOrigin(layout, i);
    const x = left + Math.floor(layout.cellWidth / 2);
    const y = top + Math.floor(layout.cellHeight / 2);
    const at = (y * info.width + x) * info.channels;
    const rgb: [number, number, number] = [data[at]!, data[at + 1]!, data[at + 2]!];
    return rgb.every((c) => c === 0xd9) ? null : rgb;
  });
}

describe('contact sheet', () => {
  it('lays 4 panels out 2 × 2 at the series’ ratio, each decoded in its own numbered cell', async () => {
    const panels = await Promise.all(COLOURS.slice(0, 4).map((c) => pngOf(400, 300, c)));
    const out = await inProcessImages.run('contactSheet', { panels: panels.map((p) => ({ bytes: new Uint8Array(p) })), ratio: { w: 4, h: 3 }, labels: ['1', '2', '3', '4'] }, 'test');
    const layout = sheetLayout(4, { w: 4, h: 3 });
    expect([layout.columns, layout.rows, layout.cellHeight]).toEqual([2, 2, 384]);
    const meta = await sharp(Buffer.from(out.bytes)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', layout.width, layout.height]);
    expect([out.width, out.height]).toEqual([layout.width, layout.height]);
    const found = await decodedPanels(Buffer.from(out.bytes), 4, { w: 4, h: 3 });
    expect(found.filter(Boolean)).toHaveLength(4);
    for (const [i, rgb] of found.entries()) for (const [k, c] of rgb!.entries()) expect(Math.abs(c - COLOURS[i]![k]!)).toBeLessThanOrEqual(2);
  });

  it('keeps a grey cell for a panel without a picture, so the numbers still match the panels', async () => {
    const pictures = await Promise.all(COLOURS.map((c) => pngOf(300, 300, c)));
    const sources = pictures.map((p, i) => (i === 2 ? null : p));
    const out = await contactSheet(sources, { w: 1, h: 1 }, ['1', '2', '3', '4', '5']);
    const layout = sheetLayout(5, { w: 1, h: 1 });
    expect([layout.columns, layout.rows]).toEqual([3, 2]);
    const found = await decodedPanels(out.bytes, 5, { w: 1, h: 1 });
    expect(found.map((f) => f !== null)).toEqual([true, true, false, true, true]);
  });

  it('draws each number under its panel', async () => {
    const panels = await Promise.all(COLOURS.slice(0, 2).map((c) => pngOf(100, 100, c)));
    const out = await contactSheet(panels, { w: 1, h: 1 }, ['1', '2']);
    const layout = sheetLayout(2, { w: 1, h: 1 });
    const { left, top } = cellOrigin(layout, 0);
    const band = await sharp(out.bytes).extract({ left, top: top + layout.cellHeight, width: layout.cellWidth, height: layout.labelHeight }).greyscale().raw().toBuffer();
    // Ink (dark pixels) in the label band: the number was drawn.
    expect(band.filter((v) => v < 100).length).toBeGreaterThan(20);
  });
});
