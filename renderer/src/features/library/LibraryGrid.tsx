import { useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetSummary } from '../../../../shared/ipc/contract';
import { formatCount } from '../../lib/format';
import { AlertIcon, ImageIcon } from '../../lib/icons';
import { ASSET_DRAG_TYPE, useLibraryStore } from './store';

/** Columns the CSS grid settled on, so Up/Down move by a visual row. */
function columnCount(grid: HTMLElement): number {
  const cols = getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length;
  return Math.max(1, cols);
}

function Tile({
  asset,
  selected,
  tabbable,
  onSelect,
  onFocus,
}: {
  asset: AssetSummary;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
  onFocus: () => void;
}) {
  return (
    <button
      type="button"
      role="option"
      className={`asset-tile${selected ? ' is-selected' : ''}`}
      data-testid="asset-tile"
      data-asset-id={asset.id}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      title={asset.prompt ?? undefined}
      onClick={onSelect}
      onFocus={onFocus}
      draggable
      onDragStart={(e) => {
        // Onto the reference tray: it reads the id; anywhere else there is nothing to drop.
        e.dataTransfer.setData(ASSET_DRAG_TYPE, asset.id);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <img src={`/assets/${asset.id}/thumb`} alt={asset.prompt ?? 'Image'} loading="lazy" draggable={false} />
    </button>
  );
}

export function LibraryGrid() {
  const { assets, total, loaded, loadError, selectedId, select } = useLibraryStore(
    useShallow((s) => ({
      assets: s.assets,
      total: s.total,
      loaded: s.loaded,
      loadError: s.loadError,
      selectedId: s.selectedId,
      select: s.select,
    })),
  );
  const gridRef = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);

  // One tab stop for the whole grid (roving tabindex); arrows move within it.
  const tabStop =
    [focusedId, selectedId].find((id) => id !== null && assets.some((a) => a.id === id)) ?? assets[0]?.id;

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const grid = gridRef.current;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-asset-id]');
    if (!grid || !current) return;
    const index = assets.findIndex((a) => a.id === current.dataset.assetId);
    if (index < 0) return;
    const cols = columnCount(grid);
    const moves: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      ArrowUp: index - cols,
      ArrowDown: index + cols,
      Home: 0,
      End: assets.length - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = assets[Math.min(Math.max(next, 0), assets.length - 1)];
    if (!target) return;
    grid.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(target.id)}"]`)?.focus();
    // With the detail panel open, selection follows the keyboard, like a filmstrip.
    if (selectedId !== null) void select(target.id);
  }

  return (
    <section className="section library" aria-labelledby="library-heading">
      <header className="section-header">
        <h2 id="library-heading" className="section-title">
          Library
        </h2>
        {total > 0 && (
          <span className="section-count">
            {formatCount(total)} {total === 1 ? 'image' : 'images'}
          </span>
        )}
      </header>

      {loadError && (
        <p className="inline-error" role="alert" data-testid="library-error">
          <AlertIcon />
          <span>Could not load the library: {loadError}</span>
        </p>
      )}

      {loaded && !loadError && assets.length === 0 ? (
        <div className="empty" data-testid="library-empty">
          <ImageIcon size={28} />
          <p>Your library is empty. Generated images land here.</p>
        </div>
      ) : (
        <div
          ref={gridRef}
          className="asset-grid"
          data-testid="library-grid"
          role="listbox"
          aria-label="Images"
          aria-orientation="horizontal"
          onKeyDown={onKeyDown}
        >
          {assets.map((asset) => (
            <Tile
              key={asset.id}
              asset={asset}
              selected={asset.id === selectedId}
              tabbable={asset.id === tabStop}
              onSelect={() => void select(asset.id)}
              onFocus={() => setFocusedId(asset.id)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
