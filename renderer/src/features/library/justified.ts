/**
 * Justified rows for the library grid: every image keeps its own shape, rows fill the width and
 * stay near one height. A quarter of a million images cannot be laid out at once (most are not
 * even fetched), so the grid is laid out in blocks of one cache page each: a fetched page with
 * justified-layout, a page still on its way as an estimate from the shapes seen so far.
 */
import justifiedLayout from 'justified-layout';

export const GAP = 8;
export const TARGET_ROW_HEIGHT = 200;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BlockLayout {
  /** One box per item, in the item order; `y` from the top of the block. */
  boxes: Box[];
  /** Box indexes per row, top to bottom. */
  rows: number[][];
  /** Including the gap below the block's last row. */
  height: number;
}

/** Images report 0×0 while a huge import still reads them; they are drawn square until then. */
function aspectOf(item: { width: number; height: number }): number {
  return item.width > 0 && item.height > 0 ? item.width / item.height : 1;
}

function run(items: ReadonlyArray<{ width: number; height: number }>, width: number, targetRowHeight: number, widow: 'left' | 'justify') {
  return justifiedLayout(
    items.map((i) => aspectOf(i)),
    { containerWidth: width, containerPadding: 0, boxSpacing: GAP, targetRowHeight, widowLayoutStyle: widow },
  );
}

/**
 * Lays out one block. A block that is not the last one justifies its short last row too, so
 * blocks join without a ragged edge every 300 images — unless that row would come out far
 * taller than the rest (one panorama alone), which then stays left-aligned.
 */
export function layoutBlock(
  items: ReadonlyArray<{ width: number; height: number }>,
  width: number,
  { last, targetRowHeight = TARGET_ROW_HEIGHT }: { last: boolean; targetRowHeight?: number },
): BlockLayout {
  if (items.length === 0 || width <= 0) return { boxes: [], rows: [], height: 0 };
  let result = run(items, width, targetRowHeight, last ? 'left' : 'justify');
  if (!last) {
    const lastRowHeight = result.boxes[result.boxes.length - 1]!.height;
    if (lastRowHeight > targetRowHeight * 1.5) result = run(items, width, targetRowHeight, 'left');
  }
  const boxes = result.boxes.map((b) => ({ x: b.left, y: b.top, width: b.width, height: b.height }));
  const rows: number[][] = [];
  let top = Number.NaN;
  boxes.forEach((b, i) => {
    if (b.y !== top) {
      rows.push([]);
      top = b.y;
    }
    rows[rows.length - 1]!.push(i);
  });
  return { boxes, rows, height: Math.round(result.containerHeight) + GAP };
}

/** The height of a block not fetched yet, from the mean shape of what has been seen. */
export function estimateBlockHeight(n: number, width: number, meanAspect: number, targetRowHeight = TARGET_ROW_HEIGHT): number {
  if (n <= 0 || width <= 0) return 0;
  const perRow = Math.max(1, Math.round((width + GAP) / (targetRowHeight * meanAspect + GAP)));
  return Math.ceil(n / perRow) * (targetRowHeight + GAP);
}

/** The box nearest under or over `from` in another row: the one whose middle is closest. */
function nearestInRow(boxes: readonly Box[], row: readonly number[], from: Box): number {
  const mid = from.x + from.width / 2;
  let best = row[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const i of row) {
    const b = boxes[i]!;
    const d = Math.abs(b.x + b.width / 2 - mid);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Up or down from item `index` (global): the item in the row above or below whose middle is
 * nearest. Across a block boundary the neighbouring block is used when it is laid out; when it is
 * not, the move lands on its first or last item, which the grid then scrolls to.
 */
export function verticalMove(
  index: number,
  direction: 1 | -1,
  blockSize: number,
  count: number,
  blockAt: (block: number) => BlockLayout | null,
): number {
  const blockNo = Math.floor(index / blockSize);
  const local = index - blockNo * blockSize;
  const block = blockAt(blockNo);
  if (!block || !block.boxes[local]) return Math.min(count - 1, Math.max(0, index + direction));
  const from = block.boxes[local]!;
  const rowNo = block.rows.findIndex((r) => r.includes(local));
  const nextRow = block.rows[rowNo + direction];
  if (nextRow) return blockNo * blockSize + nearestInRow(block.boxes, nextRow, from);
  const otherNo = blockNo + direction;
  const otherStart = otherNo * blockSize;
  if (otherNo < 0 || otherStart >= count) return index;
  const other = blockAt(otherNo);
  if (!other || other.rows.length === 0) return direction > 0 ? otherStart : Math.min(count - 1, otherStart + blockSize - 1);
  const row = direction > 0 ? other.rows[0]! : other.rows[other.rows.length - 1]!;
  return otherStart + nearestInRow(other.boxes, row, from);
}
