import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchRef } from 'react-zoom-pan-pinch';
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { assetUrl, thumbUrl } from '../../../../shared/urls';
import { useShallow } from 'zustand/react/shallow';
import { useAssets, useOrganised } from '../../lib/assets';
import { errorText } from '../../lib/format';
import { GenerationFacts } from '../../lib/GenerationFacts';
import { CloseIcon, EditIcon, HeartIcon, InfoIcon, RetryIcon, ReuseIcon, TrashIcon } from '../../lib/icons';
import { intents } from '../../lib/intents';
import { useNotices } from '../../lib/notices';
import { SimilarImages } from '../../lib/SimilarImages';
import { Stars } from '../../lib/Stars';
import { closeViewer, dropFromViewer, moveViewer, openViewer, showViewerIndex, toggleViewerFacts, useViewer } from './store';
import { decodeOriginal, fitImageUrl, warmNeighbours, windowScreenEdge } from '../../lib/fitImages';
import { viewerAction, type ViewerAction } from './keys';
import { centredAt, fitSize, maxScale, needsOriginal, oneToOneScale, steppedScale, toggledScale, zoomLabel, type Size } from './zoom';
import './viewer.css';

function warn(message: string): void {
  useNotices.getState().push({ kind: 'warning', message });
}

/** The image's details from the one asset cache, fetched again whenever the viewer comes to it. */
function useDetail(assetId: string): AssetDetail | null {
  const detail = useAssets((s) => s.details[assetId] ?? null);
  const loadDetail = useAssets((s) => s.loadDetail);
  useEffect(() => {
    let live = true;
    void loadDetail(assetId).then((res) => {
      if (live && !res.ok) warn(`Could not read this image's details: ${errorText(res)}`);
    });
    return () => {
      live = false;
    };
  }, [assetId, loadDetail]);
  return detail;
}

function useSize(el: HTMLElement | null): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return size;
}

function Stage({ assetId, detail, alt, assetIds, index }: { assetId: string; detail: AssetDetail | null; alt: string; assetIds: readonly string[]; index: number }) {
  const [stageEl, setStageEl] = useState<HTMLDivElement | null>(null);
  const stage = useSize(stageEl);
  // The sharp picture at fit (a screen-sized copy, see fitImages) and, once zooming needs its
  // pixels, the original over it. Each stays once asked for (this stage is one asset's).
  const [fitLoaded, setFitLoaded] = useState(false);
  const [originalWanted, setOriginalWanted] = useState(false);
  const [originalLoaded, setOriginalLoaded] = useState(false);
  const edge = windowScreenEdge();
  const [thumbSize, setThumbSize] = useState<Size | null>(null);
  const zoomRef = useRef<ReactZoomPanPinchRef | null>(null);
  const [scale, setScale] = useState(1);

  // The true size comes with the details; until then the thumbnail's shape is enough to fit.
  const image: Size | null = detail ? { width: detail.width, height: detail.height } : thumbSize;
  const fitted = image ? fitSize(image, stage) : null;
  const oneToOne = image && fitted ? oneToOneScale(image, fitted) : 1;
  const max = image && fitted ? maxScale(image, fitted) : 8;

  useEffect(() => {
    if (fitLoaded) performance.mark('viewer:full');
  }, [fitLoaded]);

  const zoomTo = useCallback(
    (next: number) => {
      const at = centredAt(stage, next);
      void zoomRef.current?.setTransform(at.x, at.y, next, 120);
    },
    [stage],
  );

  useEffect(() => {
    function onZoom(e: Event) {
      const action = (e as CustomEvent<ViewerAction>).detail;
      if (action.type === 'toggle-zoom') zoomTo(toggledScale(scale, oneToOne));
      if (action.type === 'zoom-in') zoomTo(steppedScale(scale, 1, max));
      if (action.type === 'zoom-out') zoomTo(steppedScale(scale, -1, max));
    }
    window.addEventListener('atelier:viewer-zoom', onZoom);
    return () => window.removeEventListener('atelier:viewer-zoom', onZoom);
  }, [zoomTo, scale, oneToOne, max]);

  const imgStyle = fitted && fitted.width > 0 ? { width: fitted.width, height: fitted.height } : { maxWidth: '100%', maxHeight: '100%' };

  return (
    <div className="viewer-stage" ref={setStageEl} data-testid="viewer-stage">
      {stage.width > 0 && (
        <TransformWrapper
          ref={zoomRef}
          minScale={1}
          maxScale={max}
          limitToBounds
          centerZoomedOut
          doubleClick={{ mode: 'toggle', step: Math.log2(Math.max(2, oneToOne)) }}
          wheel={{ step: 0.2 }}
          onTransform={(_ref, state) => {
            setScale(state.scale);
            if (detail && fitted && needsOriginal(detail, fitted, state.scale, window.devicePixelRatio || 1, edge)) setOriginalWanted(true);
          }}
        >
          <TransformComponent wrapperStyle={{ width: stage.width, height: stage.height }} contentStyle={{ width: stage.width, height: stage.height }}>
            <div className="viewer-canvas" style={{ width: stage.width, height: stage.height }}>
              {/* Thumbnail, then the fit image over it, then (zoomed in) the original over that,
                  drawing as its bytes arrive. One grid cell holds them all. */}
              <div className="viewer-picture">
                {!fitLoaded && (
                  <img
                    key={`${assetId}-thumb`}
                    className="viewer-thumb"
                    src={thumbUrl(assetId)}
                    alt=""
                    draggable={false}
                    style={imgStyle}
                    onLoad={(e) => {
                      performance.mark('viewer:thumb');
                      const t = e.currentTarget;
                      setThumbSize({ width: t.naturalWidth, height: t.naturalHeight });
                    }}
                  />
                )}
                {/* Placed once its box is known, so a large image never lays out at its own size. */}
                {fitted && (
                  <img
                    key={assetId}
                    className="viewer-image"
                    data-testid="viewer-image"
                    data-asset-id={assetId}
                    data-kind={fitLoaded ? 'full' : 'thumb'}
                    data-original={originalLoaded ? 'shown' : originalWanted ? 'loading' : 'not-needed'}
                    src={fitImageUrl(assetId)}
                    alt={alt}
                    draggable={false}
                    style={imgStyle}
                    onLoad={() => {
                      setFitLoaded(true);
                      warmNeighbours(assetIds, index);
                      // Larger than the copy: its own pixels get ready for a zoom, off screen.
                      if (detail && Math.max(detail.width, detail.height) > edge) void decodeOriginal(assetId);
                    }}
                    // A broken file keeps the thumbnail on screen; the facts say what the file is.
                    onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                  />
                )}
                {fitted && originalWanted && (
                  <img
                    key={`${assetId}-original`}
                    className="viewer-original"
                    src={assetUrl(assetId)}
                    alt=""
                    draggable={false}
                    style={imgStyle}
                    onLoad={() => setOriginalLoaded(true)}
                    onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                  />
                )}
              </div>
            </div>
          </TransformComponent>
        </TransformWrapper>
      )}
      <div className="viewer-zoom" role="group" aria-label="Zoom">
        <button type="button" className="viewer-btn" data-testid="viewer-zoom-out" aria-label="Zoom out" title="Zoom out (−)" onClick={() => zoomTo(steppedScale(scale, -1, max))}>
          −
        </button>
        <button
          type="button"
          className="viewer-btn viewer-zoom-label"
          data-testid="viewer-zoom-toggle"
          data-scale={scale.toFixed(3)}
          aria-label={Math.abs(scale - 1) < 0.01 ? 'Zoom to actual pixels (1:1)' : 'Zoom to fit'}
          title="Fit ↔ 1:1 (Z, or double-click the image)"
          onClick={() => zoomTo(toggledScale(scale, oneToOne))}
        >
          {zoomLabel(scale, oneToOne)}
        </button>
        <button type="button" className="viewer-btn" data-testid="viewer-zoom-in" aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoomTo(steppedScale(scale, 1, max))}>
          +
        </button>
      </div>
    </div>
  );
}

/**
 * Every image, anywhere, full window: fit or 1:1, wheel and pinch zoom, drag to pan, arrows to
 * move, and the keys that judge a picture (rate, favourite, trash, edit, re-roll). Opened with
 * `openViewer(ids, index)` from any screen; mounted once by the app.
 */
export function Viewer() {
  const assetIds = useViewer((s) => s.assetIds);
  if (!assetIds) return null;
  return <OpenViewer assetIds={assetIds} />;
}

function OpenViewer({ assetIds }: { assetIds: string[] }) {
  const index = useViewer((s) => s.index);
  const factsOpen = useViewer((s) => s.factsOpen);
  // "Similar" takes the side panel's place while open; it is per opening, not a preference.
  const [similarOpen, setSimilarOpen] = useState(false);
  const onEdit = useViewer((s) => s.onEdit);
  const onReroll = useViewer((s) => s.onReroll);
  const assetId = assetIds[index]!;
  const detail = useDetail(assetId);
  const organised = useOrganised(assetId, detail ?? undefined);
  const { rateAsset, favoriteAsset, trashAsset, restoreAsset } = useAssets(
    useShallow((s) => ({ rateAsset: s.rate, favoriteAsset: s.setFavorite, trashAsset: s.trash, restoreAsset: s.restore })),
  );
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Keys go to the viewer at once, not to its first button.
    dialog.focus();
    const back = useViewer.getState().returnFocus;
    return () => {
      if (dialog.open) dialog.close();
      if (back?.isConnected) back.focus();
      useViewer.setState({ returnFocus: null });
    };
  }, []);

  // The neighbours' thumbnails are fetched ahead, so moving shows a picture at once (their
  // originals follow once the current one is in: see the stage).
  useEffect(() => {
    for (const id of [assetIds[index - 1], assetIds[index + 1]]) if (id) new Image().src = thumbUrl(id);
  }, [assetIds, index]);

  const rate = useCallback(
    async (rating: number) => {
      setStatus(rating ? `Rated ${rating} of 5` : 'Rating cleared');
      const error = await rateAsset([assetId], rating);
      if (error) warn(`Could not rate: ${error}`);
    },
    [assetId, rateAsset],
  );

  const favorite = useCallback(async () => {
    const next = !organised.favorite;
    setStatus(next ? 'Added to favourites' : 'Removed from favourites');
    const error = await favoriteAsset([assetId], next);
    if (error) warn(`Could not change the favourite: ${error}`);
  }, [assetId, organised.favorite, favoriteAsset]);

  const trash = useCallback(async () => {
    if (organised.trashedAt) return;
    const res = await trashAsset([assetId]);
    if ('error' in res) return warn(`Could not move to the trash: ${res.error}`);
    useNotices.getState().push({
      kind: 'info',
      message: 'Moved 1 image to the trash.',
      action: { label: 'Undo', testId: 'notice-undo', run: () => void restoreAsset([assetId]) },
    });
    dropFromViewer(assetId);
  }, [assetId, organised.trashedAt, trashAsset, restoreAsset]);

  function run(action: ViewerAction): void {
    switch (action.type) {
      case 'prev':
        return moveViewer(-1);
      case 'next':
        return moveViewer(1);
      case 'first':
        return showViewerIndex(0);
      case 'last':
        return showViewerIndex(assetIds.length - 1);
      case 'close':
        return closeViewer();
      case 'rate':
        return void rate(action.rating);
      case 'favorite':
        return void favorite();
      case 'trash':
        return void trash();
      case 'edit':
        if (!onEdit) return;
        closeViewer();
        return onEdit(assetId);
      case 'reroll':
        if (!onReroll || !detail?.generation) return;
        setStatus('Re-roll queued');
        return onReroll(assetId);
      case 'facts':
        return toggleViewerFacts();
      default:
        window.dispatchEvent(new CustomEvent('atelier:viewer-zoom', { detail: action }));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    // Typing in the facts sheet (none today, but a tag box may come) is not a shortcut.
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    // On a button, Space and Enter press it.
    if ((e.key === ' ' || e.key === 'Enter') && target.closest('button')) return;
    const action = viewerAction(e);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    run(action);
  }

  const alt = detail?.prompt ?? detail?.name ?? 'Image';
  const canReroll = onReroll !== null && detail?.generation != null;
  return (
    <dialog
      ref={dialogRef}
      className="viewer"
      data-testid="viewer"
      data-index={index}
      aria-label={`Image ${index + 1} of ${assetIds.length}`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      // Escape is ours (closeViewer returns focus); the dialog's own cancel would skip that.
      onCancel={(e) => {
        e.preventDefault();
        closeViewer();
      }}
    >
      <header className="viewer-bar">
        <span className="viewer-count" data-testid="viewer-count">
          {index + 1} / {assetIds.length}
        </span>
        <p className="viewer-title" title={alt}>
          {alt}
        </p>
        <span className="viewer-spacer" />
        <Stars rating={organised.rating} onRate={(n) => void rate(n)} testIdPrefix="viewer-star-" />
        <button
          type="button"
          className={`viewer-btn${organised.favorite ? ' is-on' : ''}`}
          data-testid="viewer-favorite"
          aria-pressed={organised.favorite}
          aria-label="Favourite"
          title="Favourite (F)"
          onClick={() => void favorite()}
        >
          <HeartIcon />
        </button>
        <button type="button" className="viewer-btn" data-testid="viewer-edit" disabled={!onEdit} aria-label="Mark and edit this image" title="Mark & edit on the canvas (E)" onClick={() => run({ type: 'edit' })}>
          <EditIcon />
        </button>
        <button type="button" className="viewer-btn" data-testid="viewer-reroll" disabled={!canReroll} aria-label="Re-roll" title="Re-roll (R)" onClick={() => run({ type: 'reroll' })}>
          <RetryIcon />
        </button>
        <button
          type="button"
          className="viewer-btn"
          data-testid="viewer-recall"
          disabled={!detail?.generation}
          aria-label="Recall every setting"
          title="Recall every setting: this prompt, model, ratio, size, thinking, search, tier and references in the studio"
          onClick={() => {
            const gen = detail?.generation;
            if (!gen) return;
            closeViewer();
            intents.reuse(gen);
          }}
        >
          <ReuseIcon />
        </button>
        <button type="button" className="viewer-btn" data-testid="viewer-trash" disabled={organised.trashedAt != null} aria-label="Move to trash" title="Move to trash (Delete)" onClick={() => void trash()}>
          <TrashIcon />
        </button>
        <button
          type="button"
          className={`viewer-btn${similarOpen ? ' is-on' : ''}`}
          data-testid="viewer-similar-toggle"
          aria-pressed={similarOpen}
          aria-controls="viewer-similar"
          title="Similar images: near-duplicates, then look-alikes"
          onClick={() => setSimilarOpen((o) => !o)}
        >
          Similar
        </button>
        <button
          type="button"
          className={`viewer-btn${factsOpen ? ' is-on' : ''}`}
          data-testid="viewer-facts-toggle"
          aria-pressed={factsOpen}
          aria-controls="viewer-facts"
          aria-label="Facts"
          title="Facts (I)"
          onClick={toggleViewerFacts}
        >
          <InfoIcon />
        </button>
        <button type="button" className="viewer-btn" data-testid="viewer-close" aria-label="Close the viewer" title="Close (Esc)" onClick={closeViewer}>
          <CloseIcon />
        </button>
      </header>
      <div className="viewer-body">
        <button type="button" className="viewer-nav is-prev" data-testid="viewer-prev" aria-label="Previous image" title="Previous (←)" disabled={index === 0} onClick={() => moveViewer(-1)}>
          ‹
        </button>
        <Stage key={assetId} assetId={assetId} detail={detail?.id === assetId ? detail : null} alt={alt} assetIds={assetIds} index={index} />
        <button
          type="button"
          className="viewer-nav is-next"
          data-testid="viewer-next"
          aria-label="Next image"
          title="Next (→)"
          disabled={index === assetIds.length - 1}
          onClick={() => moveViewer(1)}
        >
          ›
        </button>
        {similarOpen && (
          <aside className="viewer-facts" id="viewer-similar" data-testid="viewer-similar" aria-label="Similar images">
            <SimilarImages assetId={assetId} onOpen={openViewer} testId="viewer-similar-list" />
          </aside>
        )}
        {factsOpen && !similarOpen && (
          // Focusable: the sheet scrolls (content credentials made it taller than a small window), and a
          // scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
          <aside className="viewer-facts" id="viewer-facts" data-testid="viewer-facts" aria-label="Facts" tabIndex={0}>
            {detail ? <GenerationFacts generation={detail.generation} asset={detail} /> : <p className="viewer-muted">Loading…</p>}
          </aside>
        )}
      </div>
      <p className="sr-only" role="status" aria-live="polite" data-testid="viewer-status">
        {status}
      </p>
    </dialog>
  );
}
