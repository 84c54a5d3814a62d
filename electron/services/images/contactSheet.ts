/**
 * A series' contact sheet: the panels in a grid, each with its number under it, as one PNG.
 * Runs in the image helper (work.ts), like all pixel work.
 */
import sharp, { type OverlayOptions } from 'sharp';

export interface SheetLayout {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  /** The band under each panel that holds its number. */
  labelHeight: number;
  gap: number;
  margin: number;
  width: number;
  height: number;
}

/** Near-square grids read as a page: 4 panels as 2 × 2, 6 as 3 × 2, 8 as 3 × 3 with one free cell. */
export function sheetLayout(count: number, ratio: { w: number; h: number }, cellWidth = 512): SheetLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  const cellHeight = Math.round((cellWidth * ratio.h) / ratio.w);
  const labelHeight = 40;
  const gap = 16;
  const margin = 24;
  return {
    columns,
    rows,
    cellWidth,
    cellHeight,
    labelHeight,
    gap,
    margin,
    width: margin * 2 + columns * cellWidth + (columns - 1) * gap,
    height: margin * 2 + rows * (cellHeight + labelHeight) + (rows - 1) * gap,
  };
}

/** Where panel `i` sits (its picture's top-left corner). */
export function cellOrigin(layout: SheetLayout, i: number): { left: number; top: number } {
  const col = i % layout.columns;
  const row = Math.floor(i / layout.columns);
  return { left: layout.margin + col * (layout.cellWidth + layout.gap), top: layout.margin + row * (layout.cellHeight + layout.labelHeight + layout.gap) };
}

function label(text: string, width: number, height: number): Buffer {
  const safe = text.replace(/[<>&"']/g, '');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="${width / 2}" y="${Math.round(height * 0.72)}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="${Math.round(height * 0.6)}" font-weight="bold" text-anchor="middle" fill="#1a1a1a">${safe}</text></svg>`,
  );
}

/**
 * A panel without a picture (never generated, or its picture deleted) keeps its cell, grey, so
 * the numbers still say which panel is which.
 */
export async function contactSheet(panels: ReadonlyArray<string | Buffer | null>, ratio: { w: number; h: number }, labels: readonly string[]): Promise<{ bytes: Buffer; width: number; height: number }> {
  const layout = sheetLayout(panels.length, ratio);
  const layers: OverlayOptions[] = [];
  for (let i = 0; i < panels.length; i++) {
    const { left, top } = cellOrigin(layout, i);
    const source = panels[i];
    const picture = source
      ? await sharp(source).rotate().resize(layout.cellWidth, layout.cellHeight, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer()
      : await sharp({ create: { width: layout.cellWidth, height: layout.cellHeight, channels: 3, background: '#d9d9d9' } }).png().toBuffer();
    layers.push({ input: picture, left, top });
    layers.push({ input: label(labels[i] ?? String(i + 1), layout.cellWidth, layout.labelHeight), left, top: top + layout.cellHeight });
  }
  const bytes = await sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toBuffer();
  return { bytes, width: layout.width, height: layout.height };
}
