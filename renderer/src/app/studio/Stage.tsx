import { useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TIER_LABELS } from '../../../../shared/models';
import { useGenerateStore } from '../../features/generate/store';
import { useKeyStatus } from '../../lib/keyStatus';
import { useQueueStore } from '../../features/queue/store';
import { useJobs } from '../../lib/jobCache';
import { useAssets } from '../../lib/assets';
import { AlertIcon, EditIcon, KeyIcon, RetryIcon, SparkIcon, StackIcon, StarIcon, TextIcon, ThoughtIcon } from '../../lib/icons';
import { useJobProgress } from '../../lib/progress';
import { openViewer } from '../../features/viewer/store';
import { fitImageUrl } from '../../lib/fitImages';
import { useStudio } from './studioStore';
import { stageFor, type Cell, type FailureAction } from './stageState';
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

function ResultCell({ cell, index, all, total }: { cell: Extract<Cell, { kind: 'image' }>; index: number; all: string[]; total: number }) {
  const assetId = cell.assetIds[0]!;
  const rating = useAssets((s) => s.organised[assetId]?.rating);
  const rate = useStudio((s) => s.rate);
  const { reroll, moreLike, editFrom } = useGenerateStore(useShallow((s) => ({ reroll: s.reroll, moreLike: s.moreLike, editFrom: s.editFrom })));
  const position = all.indexOf(assetId);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key.toLowerCase();
    if (/^[0-5]$/.test(k)) void rate(assetId, Number(k));
    else if (k === 'r') void reroll(cell.job.request);
    else if (k === 'm') void moreLike(cell.job.request, assetId);
    else if (k === 'e') editFrom(assetId);
    else if (k === 'arrowright' || k === 'arrowleft') {
      const results = [...document.querySelectorAll<HTMLElement>('.stage-result')];
      const i = results.indexOf(e.currentTarget);
      results[i + (k === 'arrowright' ? 1 : -1)]?.focus();
    } else return;
    e.preventDefault();
  }

  return (
    <figure className="stage-frame stage-image">
      <button
        type="button"
        className="stage-result"
        data-testid="stage-result"
        aria-label={`Result ${index + 1} of ${total}: ${cell.job.request.prompt}. Enter to view, 1 to 5 to rate.`}
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
        <img src={fitImageUrl(assetId)} alt={cell.job.request.prompt} draggable={false} />
      </button>
      <figcaption className="stage-toolbar">
        <span className="stage-rating" data-testid="stage-rating" data-rating={rating ?? 0}>
          {rating ? (
            <>
              <StarIcon /> {rating}
              <span className="sr-only"> stars</span>
            </>
          ) : (
            <span className="stage-unrated">Not rated</span>
          )}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost btn-sm" data-testid="stage-reroll" title="Re-roll (R)" onClick={() => void reroll(cell.job.request)}>
          <RetryIcon />
          Re-roll
        </button>
        <button type="button" className="btn btn-ghost btn-sm" data-testid="stage-more" title="More like this (M)" onClick={() => void moreLike(cell.job.request, assetId)}>
          <SparkIcon size={14} />
          More like this
        </button>
        <button type="button" className="btn btn-ghost btn-sm" data-testid="stage-edit" title="Edit this (E)" onClick={() => editFrom(assetId)}>
          <EditIcon />
          Edit this
        </button>
      </figcaption>
    </figure>
  );
}

export function Stage() {
  const { sets, currentSetId } = useGenerateStore(useShallow((s) => ({ sets: s.sets, currentSetId: s.currentSetId })));
  const jobs = useJobs((s) => s.jobs);
  const progress = useJobProgress((s) => s.byJob);
  const rateError = useStudio((s) => s.error);
  const set = sets.find((s) => s.setId === currentSetId) ?? null;
  const stage = stageFor(set, jobs, progress);
  const ref = useRef<HTMLElement>(null);
  const all = stage.kind === 'set' ? stage.cells.flatMap((c) => (c.kind === 'image' ? c.assetIds.slice(0, 1) : [])) : [];
  useNewestFocus(ref, all.length);
  const count = stage.kind === 'set' ? stage.cells.length : 0;
  return (
    <section ref={ref} className="stage" data-testid="stage" aria-label="Stage" data-count={count} tabIndex={-1}>
      {stage.kind === 'empty' ? (
        <EmptyStage />
      ) : (
        <div className={`stage-grid is-${Math.min(count, 4)}`}>
          {stage.cells.map((cell, i) => (
            <div key={cell.jobId} className="stage-cell" data-testid="stage-cell" data-kind={cell.kind}>
              {cell.kind === 'image' ? (
                <ResultCell cell={cell} index={i} all={all} total={count} />
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
