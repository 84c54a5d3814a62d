/**
 * Every fingerprinted picture's colour layout (8 × 8 RGB cells) in typed arrays, with the
 * coarse sums and the grid of overall colour that let "Similar" rule most pictures out without
 * reading their whole layout.
 */

/** Bytes in a colour layout: 8 × 8 cells of RGB. */
export const LAYOUT_BYTES = 192;
/** Numbers in a coarse layout: 2 × 2 cells of RGB. */
export const COARSE = 12;

/**
 * An 8 × 8 RGB layout summed to 2 × 2 cells (each the sum of 16 bytes, kept whole in 16 bits, so
 * nothing is rounded). The mean difference of averages is never more than the mean difference
 * (|mean a − mean b| ≤ mean |a − b|), so a picture whose coarse layout is already too far cannot
 * be a look-alike: the first pass rules it out without any loss.
 */
export function coarseLayout(layout: Uint8Array, out: Uint16Array, at: number, from = 0): void {
  out.fill(0, at, at + COARSE);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) for (let c = 0; c < 3; c++) out[at + ((y >> 2) * 2 + (x >> 2)) * 3 + c]! += layout[from + (y * 8 + x) * 3 + c]!;
}

/** Cells per channel of the colour grid (16³): a channel's sum over the 64 cells is at most 64 × 255 < 2¹⁴. */
const GRID_SHIFT = 10;
export const GRID_SIDE = 16;
export const GRID_CELLS = GRID_SIDE * GRID_SIDE * GRID_SIDE;
export const GRID_WIDTH = 1 << GRID_SHIFT;

/**
 * Every item's colour layout in one block (item i at 192 i), its coarse sums (12 i), and its cell
 * in a grid of overall colour (each channel's sum over the layout). The channel sums bound the
 * distance without loss (|ΣRa − ΣRb| + |ΣGa − ΣGb| + |ΣBa − ΣBb| ≤ Σ|a − b|), so a search visits
 * the cells nearest the query's first and stops at the first cell out of reach.
 */
export class Layouts {
  full = new Uint8Array(LAYOUT_BYTES * 1024);
  coarse = new Uint16Array(COARSE * 1024);
  cells = new Uint16Array(1024);
  size = 0;
  /** Items 0 … sortedCount − 1 grouped by cell (cell c's at order[starts[c]] … order[starts[c + 1] − 1]); later ones are not in it yet. */
  private order = new Int32Array(0);
  private starts = new Uint32Array(GRID_CELLS + 1);
  private sortedCount = 0;

  /** Room for `n` items at once: growing by doubling to a million left the halves behind in main's RSS. */
  reserve(n: number): void {
    if (n * LAYOUT_BYTES <= this.full.length) return;
    this.grow(n);
  }

  set(item: number, layout: Uint8Array): void {
    if ((item + 1) * LAYOUT_BYTES > this.full.length) this.grow(Math.max(item + 1, (this.full.length / LAYOUT_BYTES) * 2));
    // A short or missing layout (a failed read) stays zeros: it is far from every real picture.
    this.full.fill(0, item * LAYOUT_BYTES, (item + 1) * LAYOUT_BYTES);
    this.full.set(layout.subarray(0, LAYOUT_BYTES), item * LAYOUT_BYTES);
    summarise(this, item);
    // An item already placed in the grid has moved: it is made again when next asked for.
    if (item < this.sortedCount) this.sortedCount = 0;
    this.size = Math.max(this.size, item + 1);
  }

  /** Takes over `size` items read elsewhere (the index loader's worker), their sums and cells already made by `summarise`. */
  adopt(arrays: Pick<Layouts, 'full' | 'coarse' | 'cells'>, size: number): void {
    this.full = arrays.full;
    this.coarse = arrays.coarse;
    this.cells = arrays.cells;
    this.size = size;
    this.sortedCount = 0;
  }

  /**
   * The items grouped by cell, made again (a counting sort, tens of ms at a million) once more
   * than a few thousand have arrived since: a search scans those few one by one.
   */
  grid(): { order: Int32Array; starts: Uint32Array; count: number } {
    if (this.size - this.sortedCount > 4096 || (this.sortedCount === 0 && this.size > 0)) {
      const n = this.size;
      const starts = new Uint32Array(GRID_CELLS + 1);
      for (let i = 0; i < n; i++) starts[this.cells[i]! + 1]!++;
      for (let c = 1; c <= GRID_CELLS; c++) starts[c]! += starts[c - 1]!;
      const next = starts.slice();
      const order = this.order.length >= n ? this.order : new Int32Array(n);
      for (let i = 0; i < n; i++) order[next[this.cells[i]!]!++] = i;
      this.order = order;
      this.starts = starts;
      this.sortedCount = n;
    }
    return { order: this.order, starts: this.starts, count: this.sortedCount };
  }

  private grow(n: number): void {
    const full = new Uint8Array(n * LAYOUT_BYTES);
    full.set(this.full);
    this.full = full;
    const coarse = new Uint16Array(n * COARSE);
    coarse.set(this.coarse);
    this.coarse = coarse;
    const cells = new Uint16Array(n);
    cells.set(this.cells);
    this.cells = cells;
  }
}

/** A layout's red, green and blue sums, from its coarse sums at `at`. */
export function channelSums(coarse: Uint16Array, at: number): [number, number, number] {
  return [0, 1, 2].map((ch) => coarse[at + ch]! + coarse[at + 3 + ch]! + coarse[at + 6 + ch]! + coarse[at + 9 + ch]!) as [number, number, number];
}

/** Item `item`'s coarse sums and grid cell, from its full layout. */
export function summarise(into: Pick<Layouts, 'full' | 'coarse' | 'cells'>, item: number): void {
  coarseLayout(into.full, into.coarse, item * COARSE, item * LAYOUT_BYTES);
  const [r, g, b] = channelSums(into.coarse, item * COARSE);
  into.cells[item] = ((r >> GRID_SHIFT) * GRID_SIDE + (g >> GRID_SHIFT)) * GRID_SIDE + (b >> GRID_SHIFT);
}
