import { thumbUrl } from '../../../../shared/urls';
import { intents } from '../../lib/intents';
import { useOrganised, type Organised } from '../../lib/assets';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetSummary } from '../../../../shared/ipc/contract';
import { prefetchFit, windowScreenEdge } from '../../lib/fitImages';
import { GAP, TARGET_ROW_HEIGHT, estimateBlockHeight, layoutBlock, verticalMove, type BlockLayout, type Box } from './justified';
import { PAGE_SIZE, type Pages } from './pageCache';
import { ASSET_DRAG_TYPE, assetAt, useLibraryStore } from './store';
import './library.css';

/** Pixels drawn beyond the screen each way: enough for a wheel flick, few enough to stay light. */
const OVERSCAN_PX = 600;
/** The viewer gets this many loaded neighbours each way to step through. */
const VIEWER_SPAN = 1000;

function describe(asset: AssetSummary, { rating, favorite }: Organised): string {
  const parts = [asset.prompt?.trim() || 'Image'];
  if (favorite) parts.push('favourite');
  if (rating > 0) parts.push(`${rating} ${rating === 1 ? 'star' : 'stars'}`);
  return parts.join(', ');
}

function placeStyle({ x, y, width, height }: Box) {
  return { transform: `translate3d(${x}px, ${y}px, 0)`, width, height };
}

/**
 * One tile, in its image's own shape. Kept to a handful of elements (a button, the thumbnail, a
 * badge or two): a screen of tiles is redrawn on every scroll step, and 250,000 images must stay
 * smooth.
 */
/** How long a large image keeps focus before its screen-sized picture is fetched ahead. */
const WARM_AFTER_MS = 250;

const Tile = memo(function Tile({ asset, index, setSize, selected, tabbable, box }: { asset: AssetSummary; index: number; setSize: number; selected: boolean; tabbable: boolean; box: Box }) {
  const organised = useOrganised(asset.id, asset);
  const { favorite, rating } = organised;
  const badges = favorite || rating > 0;
  return (
    <button
      type="button"
      role="option"
      className={`asset-tile${selected ? ' is-selected' : ''}`}
      data-testid="asset-tile"
      data-asset-id={asset.id}
      data-index={index}
      aria-selected={selected}
      aria-label={describe(asset, organised)}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      tabIndex={tabbable ? 0 : -1}
      title={asset.prompt ?? undefined}
      draggable
      style={placeStyle(box)}
    >
      <img src={thumbUrl(asset.id)} alt={asset.prompt ?? 'Image'} loading="lazy" draggable={false} />
      {badges && (
        <span className="tile-badges" aria-hidden="true">
          {favorite && <span className="tile-favorite">♥</span>}
          {rating > 0 && <span className="tile-rating">★ {rating}</span>}
        </span>
      )}
    </button>
  );
});

/** The offset of `el` from the top of the scrolling content of `scroller`. */
function offsetWithin(el: HTMLElement, scroller: HTMLElement): number {
  return Math.round(el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
}

/** The loaded images around `index`, in order, for the viewer to step through. */
export function viewerSpan(pages: Pages, index: number, count: number): { ids: string[]; at: number } {
  let first = index;
  while (first > 0 && index - first < VIEWER_SPAN && assetAt(pages, first - 1)) first--;
  let last = index;
  while (last < count - 1 && last - index < VIEWER_SPAN && assetAt(pages, last + 1)) last++;
  const ids: string[] = [];
  for (let i = first; i <= last; i++) ids.push(assetAt(pages, i)!.id);
  return { ids, at: index - first };
}

/** Layouts by page: a fetched page never changes (a refetch is a new array), so it is laid out once per width. */
const layoutCache = new WeakMap<AssetSummary[], { width: number; last: boolean; layout: BlockLayout }>();

/** Layouts per block, recomputed only when its page or the width changes. */
function useBlockLayouts(pages: Pages, count: number, width: number) {
  return useMemo(() => {
    const blocks = Math.ceil(count / PAGE_SIZE);
    const layouts: Array<BlockLayout | null> = [];
    let aspectSum = 0;
    let aspectN = 0;
    for (let b = 0; b < blocks; b++) {
      const page = pages[b];
      if (!page || width <= 0) {
        layouts.push(null);
        continue;
      }
      const last = b === blocks - 1;
      const have = layoutCache.get(page);
      let layout: BlockLayout;
      if (have && have.width === width && have.last === last) layout = have.layout;
      else {
        layout = layoutBlock(page, width, { last });
        layoutCache.set(page, { width, last, layout });
      }
      layouts.push(layout);
      for (const a of page) {
        if (a.width > 0 && a.height > 0) {
          aspectSum += a.width / a.height;
          aspectN++;
        }
      }
    }
    const meanAspect = aspectN ? aspectSum / aspectN : 1;
    const heights = layouts.map((l, b) => l?.height ?? estimateBlockHeight(Math.min(PAGE_SIZE, count - b * PAGE_SIZE), width, meanAspect));
    return { layouts, heights, meanAspect };
  }, [pages, count, width]);
}

/**
 * The library's tiles in justified rows: each image keeps its own shape. Virtualised against
 * the grid's scroll container in blocks of one cache page, so only what is on screen is in the
 * page whatever the size of the library; a block not fetched yet is an estimated placeholder.
 * Click selects and shows the details; double-click, Enter or Space open the viewer.
 */
export function LibraryGrid() {
  const { count, pages, selection, queryId } = useLibraryStore(useShallow((s) => ({ count: s.count, pages: s.pages, selection: s.selection, queryId: s.queryId })));
  const [grid, setGrid] = useState<HTMLDivElement | null>(null);
  const scroller = useMemo(() => grid?.closest<HTMLElement>('.library-scroll, .workspace-scroll') ?? null, [grid]);
  const [width, setWidth] = useState(0);
  const [viewport, setViewport] = useState(800);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  /** A tile to focus once it is drawn (after a keyboard move scrolled it into view). */
  const pendingFocus = useRef<number | null>(null);
  const warmTimer = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (!grid || !scroller) return;
    const measure = () => {
      setWidth(grid.clientWidth);
      setViewport(scroller.clientHeight);
      setScrollMargin(offsetWithin(grid, scroller));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    observer.observe(scroller);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [grid, scroller]);

  const { layouts, heights, meanAspect } = useBlockLayouts(pages, count, width);

  // TanStack Virtual keeps its own mutable state; the component re-renders on its onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: heights.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => heights[i] ?? TARGET_ROW_HEIGHT,
    overscan: 0,
    scrollMargin,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, heights]);

  // A new search starts at the top of the results.
  const lastQuery = useRef(queryId);
  useEffect(() => {
    if (lastQuery.current === queryId || !scroller) return;
    lastQuery.current = queryId;
    if (scroller.scrollTop > scrollMargin) scroller.scrollTop = scrollMargin;
  }, [queryId, scroller, scrollMargin]);

  const top = (virtualizer.scrollOffset ?? 0) - scrollMargin - OVERSCAN_PX;
  const bottom = (virtualizer.scrollOffset ?? 0) - scrollMargin + viewport + OVERSCAN_PX;

  // One flat list of tiles, each placed by its own transform: a tile keeps its DOM node (and the
  // keyboard focus) when the layout changes or new images push it along.
  const cells: Array<ReactElement | { asset: AssetSummary; i: number; box: Box }> = [];
  const seen = new Set<string>();
  let firstIndex = Number.POSITIVE_INFINITY;
  let lastIndex = -1;
  // Before the grid's width is known every block's height is 0, and TanStack Virtual's search for
  // the block at the top then lands on the middle one: the page cache fetched pages half a
  // library down (OFFSET 500,000: seconds at a million) before the first page was drawn.
  for (const item of width > 0 ? virtualizer.getVirtualItems() : []) {
    const blockTop = item.start - scrollMargin;
    const start = item.index * PAGE_SIZE;
    const layout = layouts[item.index];
    if (!layout) {
      const n = Math.min(PAGE_SIZE, count - start);
      firstIndex = Math.min(firstIndex, start);
      lastIndex = Math.max(lastIndex, start + n - 1);
      cells.push(
        <span
          key={`b${item.index}`}
          className="tile-placeholder is-block"
          data-testid="asset-placeholder"
          aria-hidden="true"
          style={{ ...placeStyle({ x: 0, y: blockTop, width, height: Math.max(0, item.size - GAP) }), ['--tile-h' as string]: `${TARGET_ROW_HEIGHT + GAP}px` }}
        />,
      );
      continue;
    }
    layout.boxes.forEach((box, k) => {
      const y = blockTop + box.y;
      if (y + box.height < top || y > bottom) return;
      const i = start + k;
      const asset = assetAt(pages, i);
      if (!asset || seen.has(asset.id)) return;
      // A refreshed page can briefly repeat a neighbour's tile; drawn once, the key stays unique.
      seen.add(asset.id);
      firstIndex = Math.min(firstIndex, i);
      lastIndex = Math.max(lastIndex, i);
      cells.push({ asset, i, box: { ...box, y } });
    });
  }
  if (!Number.isFinite(firstIndex)) firstIndex = 0;

  useEffect(() => {
    useLibraryStore.getState().showRange(firstIndex, Math.max(firstIndex, lastIndex));
  }, [firstIndex, lastIndex]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null || !grid) return;
    const el = grid.querySelector<HTMLElement>(`.asset-tile[data-index="${index}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const tabStop = focusIndex !== null && focusIndex >= firstIndex && focusIndex <= lastIndex ? focusIndex : firstIndex;

  function tileOf(target: EventTarget): HTMLElement | null {
    return (target as HTMLElement).closest<HTMLElement>('.asset-tile');
  }

  /** Scrolls so that item `index` is in view (its block's estimate when it is not laid out yet). */
  function reveal(index: number) {
    if (!scroller) return;
    const block = Math.floor(index / PAGE_SIZE);
    const m = virtualizer.measurementsCache[block];
    if (!m) return;
    const box = layouts[block]?.boxes[index - block * PAGE_SIZE];
    const y = m.start + (box?.y ?? 0);
    const h = box?.height ?? TARGET_ROW_HEIGHT;
    if (y < scroller.scrollTop + GAP) scroller.scrollTop = y - GAP;
    else if (y + h > scroller.scrollTop + scroller.clientHeight - GAP) scroller.scrollTop = y + h - scroller.clientHeight + GAP;
  }

  /**
   * A large image that keeps focus for a moment is probably about to be viewed: ask for its
   * screen-sized picture now, so main makes the copy (if the background has not) before Space.
   */
  function warmIfLarge(index: number, el: HTMLElement) {
    if (warmTimer.current !== null) window.clearTimeout(warmTimer.current);
    const asset = assetAt(useLibraryStore.getState().pages, index);
    if (!asset || Math.max(asset.width, asset.height) <= windowScreenEdge()) return;
    warmTimer.current = window.setTimeout(() => {
      warmTimer.current = null;
      if (document.activeElement === el) prefetchFit(asset.id);
    }, WARM_AFTER_MS);
  }

  function view(index: number) {
    const { ids, at } = viewerSpan(useLibraryStore.getState().pages, index, count);
    intents.openViewer(ids, at);
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
    reveal(index);
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
    const index = Number(el.dataset.index);
    if ((e.key === 'Enter' || e.key === ' ') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      view(index);
      return;
    }
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
    const perRow = Math.max(1, Math.round((width + GAP) / (TARGET_ROW_HEIGHT * meanAspect + GAP)));
    const page = Math.max(1, Math.floor(viewport / (TARGET_ROW_HEIGHT + GAP)) - 1) * perRow;
    const blockAt = (b: number) => layouts[b] ?? null;
    let next: number | undefined;
    if (e.key === 'ArrowLeft') next = index - 1;
    else if (e.key === 'ArrowRight') next = index + 1;
    else if (e.key === 'ArrowUp') next = verticalMove(index, -1, PAGE_SIZE, count, blockAt);
    else if (e.key === 'ArrowDown') next = verticalMove(index, 1, PAGE_SIZE, count, blockAt);
    else if (e.key === 'PageUp') next = index - page;
    else if (e.key === 'PageDown') next = index + page;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
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

  return (
    <div
      ref={setGrid}
      className={`library-grid${selection.size > 1 ? ' is-multi' : ''}`}
      data-testid="library-grid"
      role="listbox"
      aria-label="Images"
      aria-multiselectable="true"
      aria-orientation="horizontal"
      style={{ height: Math.max(0, virtualizer.getTotalSize() - GAP) }}
      onClick={onClick}
      onDoubleClick={(e) => {
        const el = tileOf(e.target);
        if (el) view(Number(el.dataset.index));
      }}
      onMouseDown={(e) => {
        // Shift+click picks a range; without this it would also select the page's text.
        if (e.shiftKey) e.preventDefault();
      }}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const el = tileOf(e.target);
        if (!el) return;
        const index = Number(el.dataset.index);
        setFocusIndex(index);
        warmIfLarge(index, el);
      }}
      onDragStart={onDragStart}
    >
      {cells.map((c) =>
        'asset' in c ? (
          <Tile key={c.asset.id} asset={c.asset} index={c.i} setSize={count} selected={selection.has(c.asset.id)} tabbable={c.i === tabStop} box={c.box} />
        ) : (
          c
        ),
      )}
    </div>
  );
}

/** Used by the detail panel's Escape and close button: back to the tile it came from. */
export function focusTile(id: string): void {
  document.querySelector<HTMLElement>(`.asset-tile[data-asset-id="${CSS.escape(id)}"]`)?.focus();
}
