import { useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { useGenerateStore } from '../../features/generate/store';
import { useKeyStatus } from '../../lib/keyStatus';
import { useQueueStore } from '../../features/queue/store';
import { useJobs } from '../../lib/jobCache';
import { useAssets } from '../../lib/assets';
import { handOffToCanvas } from './markAndEdit';
import { AlertIcon, EditIcon, ImageIcon, KeyIcon, RetryIcon, SparkIcon, StackIcon, StarIcon, TextIcon, ThoughtIcon } from '../../lib/icons';
import { useJobProgress } from '../../lib/progress';
import { openViewer } from '../../features/viewer/store';
import { fitImageUrl } from '../../lib/fitImages';
import { useStudio } from './studioStore';
import { stageGrid } from './stageLayout';
import { ratioValue, stageFor, type Cell, type FailureAction } from './stageState';
import { addAsReference } from './addAsReference';
import { useNewestFocus } from './useNewestFocus';

export const EXAMPLE_PROMPTS = [
  'A lighthouse on a basalt cliff at dusk, warm windows, long exposure sea',
  'Isometric cutaway of a tiny bakery, soft morning light, pastel palette',
  'Portrait of a red fox in a knitted scarf, studio lighting, shallow depth of field',
] as const;

function EmptyStage() {
  const takeExample = useGenerateStore((s) => s.takeExample);
  return (
    <div className="stage-empty" data-testid="stage-empty">
      <SparkIcon size={28} />
      <h2 className="stage-empty-title">Describe an image and press Generate</h2>
      <p className="stage-empty-lead">Not sure where to start? Try one of these:</p>
      <ul className="example-list">
        {EXAMPLE_PROMPTS.map((p) => (
          <li key={p}>
            <button type="button" className="example-prompt" data-testid="example-prompt" onClick={() => takeExample(p)}>
              {p}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ACTION_LABELS: Record<FailureAction, string> = {
  edit: 'Edit the prompt',
  switchModel: 'Switch model',
  retry: 'Retry',
  key: 'Check the API key',
};

function FailedCell({ cell }: { cell: Extract<Cell, { kind: 'failed' }> }) {
  const retry = useQueueStore((s) => s.retry);
  const { requestFocus, setTier, tier } = useGenerateStore(useShallow((s) => ({ requestFocus: s.requestFocus, setTier: s.setTier, tier: s.tier })));
  const openDialog = useKeyStatus((s) => s.openDialog);
  const other = tier === 'flash' ? 'pro' : 'flash';
  function act(a: FailureAction) {
    if (a === 'retry') void retry(cell.jobId);
    else if (a === 'edit') requestFocus();
    else if (a === 'switchModel') {
      setTier(other);
      requestFocus();
    } else openDialog('replace');
  }
  return (
    <div className="stage-frame stage-failed" data-testid="stage-failed" data-code={cell.code} style={{ ['--ratio' as string]: cell.ratio.replace(':', '/') }}>
      <div className="stage-failed-body" role="alert">
        <AlertIcon size={22} />
        <p className="stage-failed-message" data-testid="stage-failed-message">
          {cell.message}
        </p>
        <div className="stage-actions">
          {cell.actions.map((a) => (
            <button key={a} type="button" className={`btn btn-sm ${a === cell.actions[0] ? 'btn-primary' : 'btn-secondary'}`} data-testid={`stage-action-${a}`} onClick={() => act(a)}>
              {a === 'retry' ? <RetryIcon /> : a === 'edit' ? <EditIcon /> : a === 'key' ? <KeyIcon size={14} /> : <StackIcon />}
              {a === 'switchModel' ? `Switch to ${TIER_LABELS[other]}` : ACTION_LABELS[a]}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function RunningCell({ cell }: { cell: Extract<Cell, { kind: 'running' | 'waiting' }> }) {
  const draft = cell.kind === 'running' ? cell.drafts[cell.drafts.length - 1] : undefined;
  return (
    <div className={`stage-frame stage-placeholder is-${cell.kind}`} data-testid="stage-placeholder" data-ratio={cell.ratio} style={{ ['--ratio' as string]: cell.ratio.replace(':', '/') }}>
      {draft && <img className="stage-draft" data-testid="stage-draft" src={draft.dataUrl} alt={`Draft ${cell.kind === 'running' ? cell.drafts.length : 1}`} />}
      <div className="stage-progress" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {cell.kind === 'running' && cell.thoughtText ? (
          <p className="stage-thought" data-testid="stage-thought">
            <ThoughtIcon />
            <span>{cell.thoughtText}</span>
          </p>
        ) : (
          <p className="stage-note">{cell.kind === 'waiting' ? cell.note : 'Generating…'}</p>
        )}
      </div>
    </div>
  );
}

/**
 * A finished image. Until its <img> has loaded, the placeholder stays over it in the same box (a
 * 4K file can take half a second to arrive and decode), so the tile is never blank and nothing
 * moves when the picture appears. The actions lie over the picture on hover or focus, so no
 * caption row takes height from the image.
 */
function ResultCell({ cell, index, all, total, onRatio }: { cell: Extract<Cell, { kind: 'image' }>; index: number; all: string[]; total: number; onRatio(assetId: string, ratio: number): void }) {
  const assetId = cell.assetIds[0]!;
  const rating = useAssets((s) => s.organised[assetId]?.rating);
  const rate = useStudio((s) => s.rate);
  const { reroll, moreLike } = useGenerateStore(useShallow((s) => ({ reroll: s.reroll, moreLike: s.moreLike })));
  const [loaded, setLoaded] = useState(false);
  const [natural, setNatural] = useState<number | null>(null);
  const img = useRef<HTMLImageElement>(null);
  const position = all.indexOf(assetId);
  // The ratio asked for keeps the placeholder's box (a 16:9 answer may be 1344 × 768, close enough
  // for object-fit to absorb); only Auto takes the picture's own shape once it is known.
  const ratio = cell.job.request.aspectRatio ? ratioValue(cell.ratio) : (natural ?? ratioValue(cell.ratio));

  // From the browser's cache the image may be complete before React attaches onLoad.
  useLayoutEffect(() => {
    const el = img.current;
    if (el?.complete && el.naturalWidth > 0) {
      setNatural(el.naturalWidth / el.naturalHeight);
      setLoaded(true);
    }
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key.toLowerCase();
    if (/^[0-5]$/.test(k)) void rate(assetId, Number(k));
    else if (k === 'r') void reroll(cell.job.request);
    else if (k === 'm') void moreLike(cell.job.request, assetId);
    else if (k === 'e') handOffToCanvas(assetId);
    else if (k === 'arrowright' || k === 'arrowleft') {
      const results = [...document.querySelectorAll<HTMLElement>('.stage-result')];
      const i = results.indexOf(e.currentTarget);
      results[i + (k === 'arrowright' ? 1 : -1)]?.focus();
    } else return;
    e.preventDefault();
  }

  return (
    <figure className={`stage-frame stage-image${loaded ? ' is-loaded' : ''}`} data-loaded={loaded} style={{ ['--ratio' as string]: String(ratio) }}>
      <button
        type="button"
        className="stage-result"
        data-testid="stage-result"
        aria-label={`Result ${index + 1} of ${total}: ${cell.job.request.prompt}. Enter to view, 1 to 5 to rate, E to mark and edit.`}
        onClick={(e) => e.currentTarget.focus()}
        onDoubleClick={() => openViewer(all, position)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            openViewer(all, position);
          } else onKeyDown(e);
        }}
      >
        {/* Screen-sized: a 4K result is copied down once by main, and the viewer reuses that copy. */}
        <img
          ref={img}
          src={fitImageUrl(assetId)}
          alt={cell.job.request.prompt}
          draggable={false}
          onLoad={(e) => {
            const el = e.currentTarget;
            const r = el.naturalWidth / el.naturalHeight;
            setNatural(r);
            onRatio(assetId, r);
            setLoaded(true);
          }}
        />
      </button>
      {!loaded && (
        <div className="stage-loading" data-testid="stage-placeholder" data-ratio={cell.ratio} aria-hidden="true">
          <span className="spinner" />
        </div>
      )}
      <span className="stage-rating" data-testid="stage-rating" data-rating={rating ?? 0}>
        {rating ? (
          <>
            <StarIcon /> {rating}
            <span className="sr-only"> stars</span>
          </>
        ) : (
          <span className="sr-only">Not rated</span>
        )}
      </span>
      <div className="stage-overlay" role="group" aria-label={`Actions for result ${index + 1}`}>
        <button type="button" className="stage-action" data-testid="stage-reroll" title="Re-roll (R)" aria-label="Re-roll" onClick={() => void reroll(cell.job.request)}>
          <RetryIcon />
          <span className="stage-action-label">Re-roll</span>
        </button>
        <button type="button" className="stage-action" data-testid="stage-more" title="More like this (M)" aria-label="More like this" onClick={() => void moreLike(cell.job.request, assetId)}>
          <SparkIcon size={14} />
          <span className="stage-action-label">More like this</span>
        </button>
        <button type="button" className="stage-action" data-testid="stage-use-reference" title="Use as reference: add it to the next request, keeping your prompt" aria-label="Use as reference" onClick={() => addAsReference(assetId)}>
          <ImageIcon size={14} />
          <span className="stage-action-label">Use as reference</span>
        </button>
        <button type="button" className="stage-action" data-testid="stage-mark-edit" title="Mark & edit: open it on the edit canvas (E)" aria-label="Mark and edit" onClick={() => handOffToCanvas(assetId)}>
          <EditIcon />
          <span className="stage-action-label">Mark &amp; edit</span>
        </button>
      </div>
    </figure>
  );
}

/** The element's box, kept current (a callback ref's element: the area exists only while a set is shown). */
function useBoxSize(el: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s.width === r.width && s.height === r.height ? s : { width: r.width, height: r.height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return size;
}

/** The gap between cells, as in studio.css (`--stage-gap`). */
const GAP = 12;

export function Stage() {
  const { sets, currentSetId } = useGenerateStore(useShallow((s) => ({ sets: s.sets, currentSetId: s.currentSetId })));
  const jobs = useJobs((s) => s.jobs);
  const progress = useJobProgress((s) => s.byJob);
  const rateError = useStudio((s) => s.error);
  const set = sets.find((s) => s.setId === currentSetId) ?? null;
  const stage = stageFor(set, jobs, progress);
  const ref = useRef<HTMLElement>(null);
  const [area, setArea] = useState<HTMLDivElement | null>(null);
  const box = useBoxSize(area);
  // Auto ratio: the shape is known once the first image has loaded; until then the placeholder's square.
  const [loadedRatios, setLoadedRatios] = useState<Record<string, number>>({});

  const all = stage.kind === 'set' ? stage.cells.flatMap((c) => (c.kind === 'image' ? c.assetIds.slice(0, 1) : [])) : [];
  useNewestFocus(ref, all.length);
  const count = stage.kind === 'set' ? stage.cells.length : 0;
  const asked = set?.request.aspectRatio ?? null;
  const seen = all.map((id) => loadedRatios[id]).find((r) => r !== undefined);
  const ratio = asked ? ratioValue(asked) : (seen ?? 1);
  const grid = stageGrid(count, ratio, box.width, box.height, GAP);
  const measured = grid.imageWidth > 0;
  // Cells exactly the size of their image, the whole set centred: the set reads as one group.
  const gridStyle: CSSProperties = measured
    ? {
        gridTemplateColumns: `repeat(${grid.columns}, ${Math.floor(grid.imageWidth)}px)`,
        gridTemplateRows: `repeat(${grid.rows}, ${Math.floor(grid.imageHeight)}px)`,
      }
    : { gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` };
  return (
    <section ref={ref} className="stage" data-testid="stage" aria-label="Stage" data-count={count} tabIndex={-1}>
      {stage.kind === 'empty' ? (
        <EmptyStage />
      ) : (
        <div ref={setArea} className="stage-area">
          <div className="stage-grid" data-columns={grid.columns} data-rows={grid.rows} style={gridStyle}>
            {stage.cells.map((cell, i) => (
              <div key={cell.jobId} className="stage-cell" data-testid="stage-cell" data-kind={cell.kind}>
                {cell.kind === 'image' ? (
                  <ResultCell cell={cell} index={i} all={all} total={count} onRatio={(id, r) => setLoadedRatios((m) => (m[id] === r ? m : { ...m, [id]: r }))} />
                ) : cell.kind === 'failed' ? (
                  <FailedCell cell={cell} />
                ) : cell.kind === 'running' || cell.kind === 'waiting' ? (
                  <RunningCell cell={cell} />
                ) : cell.kind === 'text' ? (
                  <div className="stage-frame stage-text" data-testid="stage-text">
                    <TextIcon />
                    <p>Gemini answered in words only. The answer is in the queue and the library.</p>
                  </div>
                ) : (
                  <div className="stage-frame stage-placeholder" style={{ ['--ratio' as string]: cell.ratio.replace(':', '/') }}>
                    <p className="stage-note">Cancelled</p>
                  </div>
                )}
              </div>
            ))}
          </div>
        </div>
      )}
      {rateError && (
        <p className="inline-error stage-error" role="alert">
          <AlertIcon />
          <span>{rateError}</span>
        </p>
      )}
    </section>
  );
}
