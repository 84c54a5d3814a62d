import { describe, expect, it } from 'vitest';
import { GAP, estimateBlockHeight, layoutBlock, verticalMove, type BlockLayout } from '../../../../../renderer/src/features/library/justified';

const wide = { width: 1600, height: 900 };
const tall = { width: 900, height: 1600 };
const square = { width: 1000, height: 1000 };

describe('justified rows', () => {
  it('keeps every image its own shape', () => {
    const items = [wide, tall, square, wide, square, tall, wide, wide];
    const { boxes } = layoutBlock(items, 1200, { last: true });
    boxes.forEach((b, i) => expect(Math.abs(b.width / b.height - items[i]!.width / items[i]!.height)).toBeLessThan(0.02));
  });

  it('fills full rows to the width, with the gap between tiles, in rows of one height', () => {
    const items = Array.from({ length: 30 }, (_, i) => [wide, tall, square][i % 3]!);
    const { boxes, rows } = layoutBlock(items, 1200, { last: true });
    for (const row of rows.slice(0, -1)) {
      const first = boxes[row[0]!]!;
      const last = boxes[row[row.length - 1]!]!;
      expect(Math.abs(last.x + last.width - 1200)).toBeLessThan(2);
      expect(new Set(row.map((i) => Math.round(boxes[i]!.height))).size).toBe(1);
      expect(first.x).toBe(0);
      for (let k = 1; k < row.length; k++) expect(Math.round(boxes[row[k]!]!.x - (boxes[row[k - 1]!]!.x + boxes[row[k - 1]!]!.width))).toBe(GAP);
    }
  });

  it('a block that is not the last justifies its last row too, unless one image would blow up', () => {
    const items = Array.from({ length: 10 }, () => square);
    const inner = layoutBlock(items, 1000, { last: false });
    const lastRow = inner.rows[inner.rows.length - 1]!;
    const end = inner.boxes[lastRow[lastRow.length - 1]!]!;
    expect(Math.abs(end.x + end.width - 1000)).toBeLessThan(2);
    const lone = layoutBlock([...Array.from({ length: 5 }, () => square), square], 1000, { last: false });
    // Five fill a row; the sixth alone would be 1000 px tall, so it stays left-aligned instead.
    expect(lone.boxes[5]!.height).toBeLessThan(400);
  });

  it('estimates a block not fetched yet from the mean shape', () => {
    const perRow = Math.round((1200 + GAP) / (200 * 1.5 + GAP));
    expect(estimateBlockHeight(300, 1200, 1.5)).toBe(Math.ceil(300 / perRow) * (200 + GAP));
    expect(estimateBlockHeight(0, 1200, 1)).toBe(0);
  });

  it('up and down go to the nearest tile in the next row, across blocks', () => {
    const a = layoutBlock(Array.from({ length: 6 }, () => square), 620, { last: false });
    const b = layoutBlock(Array.from({ length: 6 }, () => square), 620, { last: true });
    const blocks: Array<BlockLayout | null> = [a, b];
    const at = (n: number) => blocks[n] ?? null;
    const perRow = a.rows[0]!.length;
    expect(verticalMove(0, 1, 6, 12, at)).toBe(perRow);
    expect(verticalMove(perRow, -1, 6, 12, at)).toBe(0);
    // From the last row of block 0 down into block 1's first row, same column.
    const lastRowFirst = a.rows[a.rows.length - 1]![0]!;
    expect(verticalMove(lastRowFirst, 1, 6, 12, at)).toBe(6);
    expect(verticalMove(0, -1, 6, 12, at)).toBe(0);
    // A block still on its way: land on its first image.
    expect(verticalMove(lastRowFirst, 1, 6, 12, (n) => (n === 0 ? a : null))).toBe(6);
  });
});
