import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetSummary } from '../../../../shared/ipc/contract';
import { ASSET_DRAG_TYPE, assetAt, useLibraryStore } from './store';
import './library.css';

/** Tiles are about this wide; the columns are whatever fits the width. */
const TILE_MIN = 160;
const GAP = 10;
/** Rows drawn beyond the screen each way: enough for a wheel flick, few enough to stay light. */
const OVERSCAN_ROWS = 2;

function describe(asset: AssetSummary): string {
  const parts = [asset.prompt?.trim() || 'Image'];
  if (asset.favorite) parts.push('favourite');
  if (asset.rating > 0) parts.push(`${asset.rating} ${asset.rating === 1 ? 'star' : 'stars'}`);
  return parts.join(', ');
}

/**
 * One tile. Kept to a handful of elements (a button, the thumbnail, a badge or two): a screen
 * of tiles is redrawn on every scroll step, and 250,000 images must stay smooth.
 */
interface Place {
  x: number;
  y: number;
  size: number;
}

function placeStyle({ x, y, size }: Place) {
  return { transform: `translate3d(${x}px, ${y}px, 0)`, width: size, height: size };
}

const Tile = memo(function Tile({
  asset,
  index,
  setSize,
  selected,
  tabbable,
  x,
  y,
  size,
}: { asset: AssetSummary; index: number; setSize: number; selected: boolean; tabbable: boolean } & Place) {
  const badges = asset.favorite || asset.rating > 0;
  return (
    <button
      type="button"
      role="option"
      className={`asset-tile${selected ? ' is-selected' : ''}`}
      data-testid="asset-tile"
      data-asset-id={asset.id}
      data-index={index}
      aria-selected={selected}
      aria-label={describe(asset)}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      tabIndex={tabbable ? 0 : -1}
      title={asset.prompt ?? undefined}
      draggable
      style={placeStyle({ x, y, size })}
    >
      <img src={`/assets/${asset.id}/thumb`} alt={asset.prompt ?? 'Image'} loading="lazy" draggable={false} />
      {badges && (
        <span className="tile-badges" aria-hidden="true">
          {asset.favorite && <span className="tile-favorite">♥</span>}
          {asset.rating > 0 && <span className="tile-rating">★ {asset.rating}</span>}
        </span>
      )}
    </button>
  );
});

/** The offset of `el` from the top of the scrolling content of `scroller`. */
function offsetWithin(el: HTMLElement, scroller: HTMLElement): number {
  return Math.round(el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
}

/**
 * The library's tiles: rows of square thumbnails, virtualised against the view's own scroll
 * container (the generate panel and the queue scroll away above it), so only the rows on screen
 * are in the page whatever the size of the library. Pages of summaries are fetched as rows come
 * into view; tiles not fetched yet are drawn as placeholders.
 */
export function LibraryGrid() {
  const { count, pages, selection, queryId } = useLibraryStore(
    useShallow((s) => ({ count: s.count, pages: s.pages, selection: s.selection, queryId: s.queryId })),
  );
  const [grid, setGrid] = useState<HTMLDivElement | null>(null);
  const scroller = useMemo(() => grid?.closest<HTMLElement>('.workspace-scroll') ?? null, [grid]);
  const [width, setWidth] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);
  /** The sticky toolbar covers the top of the view: a tile scrolled "to the top" goes below it. */
  const [covered, setCovered] = useState(0);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  /** A tile to focus once it is drawn (after a keyboard move scrolled it into view). */
  const pendingFocus = useRef<number | null>(null);

  // The grid's width sets the columns; everything above it in the scroll container sets where it starts.
  useLayoutEffect(() => {
    if (!grid || !scroller) return;
    const toolbar = grid.closest('.library')?.querySelector<HTMLElement>('.library-toolbar') ?? null;
    const measure = () => {
      setWidth(grid.clientWidth);
      setScrollMargin(offsetWithin(grid, scroller));
      setCovered(toolbar?.getBoundingClientRect().height ?? 0);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    if (toolbar) observer.observe(toolbar);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [grid, scroller]);

  const cols = Math.max(1, Math.floor((width + GAP) / (TILE_MIN + GAP)));
  const tile = width > 0 ? (width - GAP * (cols - 1)) / cols : TILE_MIN;
  const rowHeight = tile + GAP;
  const rowCount = Math.ceil(count / cols);

  // TanStack Virtual keeps its own mutable state; the component re-renders on its onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    scrollPaddingStart: covered + GAP,
    scrollPaddingEnd: GAP * 2,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  // When the columns change (the detail panel opened or closed), the tile that was at the top stays there.
  const topItem = useRef(0);
  const lastCols = useRef(cols);
  useLayoutEffect(() => {
    if (lastCols.current === cols) return;
    const row = Math.floor(topItem.current / cols);
    lastCols.current = cols;
    if (topItem.current > 0) virtualizer.scrollToIndex(row, { align: 'start' });
    // The re-layout may have redrawn the focused tile; the keyboard stays where it was.
    if (focusIndex !== null && (!document.activeElement || document.activeElement === document.body)) pendingFocus.current = focusIndex;
  }, [cols, virtualizer, focusIndex]);
  useEffect(() => {
    const first = virtualizer.range?.startIndex;
    if (first !== undefined && lastCols.current === cols) topItem.current = first * cols;
  });

  const rows = virtualizer.getVirtualItems();
  const firstIndex = rows.length ? rows[0]!.index * cols : 0;
  const lastIndex = rows.length ? Math.min(count, (rows[rows.length - 1]!.index + 1) * cols) - 1 : -1;

  useEffect(() => {
    useLibraryStore.getState().showRange(firstIndex, Math.max(firstIndex, lastIndex));
  }, [firstIndex, lastIndex]);

  // A new search starts at the top of the results, with the toolbar still in view.
  const lastQuery = useRef(queryId);
  useEffect(() => {
    if (lastQuery.current === queryId || !grid || !scroller) return;
    lastQuery.current = queryId;
    const section = grid.closest<HTMLElement>('.library') ?? grid;
    const top = offsetWithin(section, scroller) - 12;
    if (scroller.scrollTop > top) scroller.scrollTop = Math.max(0, top);
  }, [queryId, grid, scroller]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null || !grid) return;
    const el = grid.querySelector<HTMLElement>(`[data-testid="asset-tile"][data-index="${index}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const tabStop = focusIndex !== null && focusIndex >= firstIndex && focusIndex <= lastIndex ? focusIndex : firstIndex;

  function tileOf(target: EventTarget): HTMLElement | null {
    return (target as HTMLElement).closest<HTMLElement>('[data-testid="asset-tile"]');
  }

  function onClick(e: MouseEvent) {
    const el = tileOf(e.target);
    if (!el) return;
    const index = Number(el.dataset.index);
    const id = el.dataset.assetId!;
    const store = useLibraryStore.getState();
    if (e.shiftKey) store.selectRange(index);
    else if (e.ctrlKey || e.metaKey) store.toggleSelected(index, id);
    else {
      store.selectOnly(index, id);
      void store.select(id);
    }
  }

  function moveTo(from: number, index: number, extend: boolean) {
    const store = useLibraryStore.getState();
    // Shift+arrow from a single tile: the range starts where the focus was.
    if (extend && store.anchorIndex === null) useLibraryStore.setState({ anchorIndex: from });
    setFocusIndex(index);
    pendingFocus.current = index;
    virtualizer.scrollToIndex(Math.floor(index / cols), { align: 'auto' });
    if (extend) return store.selectRange(index);
    const asset = assetAt(store.pages, index);
    if (!asset) return;
    store.selectOnly(index, asset.id);
    // With the detail panel open, it follows the keyboard, like a filmstrip.
    if (store.selectedId !== null) void store.select(asset.id);
  }

  function onKeyDown(e: KeyboardEvent) {
    const el = tileOf(e.target);
    if (!el || count === 0) return;
    const store = useLibraryStore.getState();
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      store.selectAllLoaded();
      return;
    }
    if ((e.key === 'Delete' || (e.key === 'Backspace' && e.metaKey)) && store.selection.size > 0 && store.view !== 'trash') {
      e.preventDefault();
      void store.trash([...store.selection]);
      return;
    }
    if (e.key === 'Escape') {
      // Not prevented: the same Escape also closes the detail panel.
      store.clearSelection();
      return;
    }
    const index = Number(el.dataset.index);
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? 600) / rowHeight) - 1) * cols;
    const moves: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      ArrowUp: index - cols,
      ArrowDown: index + cols,
      PageUp: index - page,
      PageDown: index + page,
      Home: 0,
      End: count - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    moveTo(index, Math.min(Math.max(next, 0), count - 1), e.shiftKey);
  }

  function onDragStart(e: DragEvent) {
    const el = tileOf(e.target);
    if (!el?.dataset.assetId) return;
    // Onto the reference tray: it reads the id; anywhere else there is nothing to drop.
    e.dataTransfer.setData(ASSET_DRAG_TYPE, el.dataset.assetId);
    e.dataTransfer.effectAllowed = 'copy';
  }

  // One flat list of tiles, each placed by its own transform: a tile keeps its DOM node (and the
  // keyboard focus) when the columns change or new images push it to the next row.
  const cells = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const y = row.start - scrollMargin;
    const start = row.index * cols;
    for (let i = start; i < Math.min(count, start + cols); i++) {
      const x = (i - start) * (tile + GAP);
      const asset = assetAt(pages, i);
      // A refreshed page can briefly repeat a neighbour's tile; drawn once, the key stays unique.
      if (asset && !seen.has(asset.id)) {
        seen.add(asset.id);
        cells.push(
          <Tile key={asset.id} asset={asset} index={i} setSize={count} selected={selection.has(asset.id)} tabbable={i === tabStop} x={x} y={y} size={tile} />,
        );
      } else {
        cells.push(<span key={`p${i}`} className="tile-placeholder" data-testid="asset-placeholder" aria-hidden="true" style={placeStyle({ x, y, size: tile })} />);
      }
    }
  }

  return (
    <div
      ref={setGrid}
      className={`library-grid${selection.size > 1 ? ' is-multi' : ''}`}
      data-testid="library-grid"
      role="listbox"
      aria-label="Images"
      aria-multiselectable="true"
      aria-orientation="horizontal"
      style={{ height: virtualizer.getTotalSize() - GAP }}
      onClick={onClick}
      onMouseDown={(e) => {
        // Shift+click picks a range; without this it would also select the page's text.
        if (e.shiftKey) e.preventDefault();
      }}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const el = tileOf(e.target);
        if (el) setFocusIndex(Number(el.dataset.index));
      }}
      onDragStart={onDragStart}
    >
      {cells}
    </div>
  );
}

/** Used by the detail panel's Escape and close button: back to the tile it came from. */
export function focusTile(id: string): void {
  document.querySelector<HTMLElement>(`[data-testid="asset-tile"][data-asset-id="${CSS.escape(id)}"]`)?.focus();
}
