/**
 * How a set is laid out on the stage. A fixed 2 × 2 for four squares on a wide stage left two
 * thirds of each cell empty; instead every column count is tried and the one that makes the
 * images largest wins, so four squares on a wide stage are one row and on a tall one a column.
 * Pure arithmetic on the stage's measured box, so it is tested without a browser.
 */

export interface StageGrid {
  columns: number;
  rows: number;
  /** Width and height of one image as drawn (it keeps its ratio inside its cell). */
  imageWidth: number;
  imageHeight: number;
}

/**
 * @param count images in the set (1–4, but any count works)
 * @param ratio width / height of the images
 * @param width, height the stage's inner box in px
 * @param gap the space between cells in px
 */
export function stageGrid(count: number, ratio: number, width: number, height: number, gap = 0): StageGrid {
  const n = Math.max(1, Math.floor(count));
  const r = ratio > 0 && Number.isFinite(ratio) ? ratio : 1;
  let best: StageGrid = { columns: 1, rows: n, imageWidth: 0, imageHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    // A count that leaves a whole row empty is never better than fewer columns.
    if ((rows - 1) * columns >= n) continue;
    const cellW = Math.max(0, (width - gap * (columns - 1)) / columns);
    const cellH = Math.max(0, (height - gap * (rows - 1)) / rows);
    const imageWidth = Math.min(cellW, cellH * r);
    const imageHeight = imageWidth / r;
    // Strictly larger: on a tie the fewer columns (taller, squarer grid) stays.
    if (imageWidth > best.imageWidth + 0.01) best = { columns, rows, imageWidth, imageHeight };
  }
  return best;
}
