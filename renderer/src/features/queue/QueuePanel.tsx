import { SERVICE_TIER_SHORT } from '../../../../shared/domain/serviceTiers';
import { thumbUrl } from '../../../../shared/urls';
import { useEffect, useState, type Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Job, QueueStatus, WaitReason } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { formatClock, formatCountdown, formatDuration, formatUsdCompact } from '../../lib/format';
import { ModelStanding } from '../../lib/ModelStanding';
import { standingText, useModelsStore } from '../../lib/models';
import {
  AlertIcon,
  ArrowUpIcon,
  CheckIcon,
  ClockIcon,
  CloseIcon,
  OfflineIcon,
  PauseIcon,
  PlayIcon,
  RetryIcon,
  StackIcon,
  TextIcon,
  WarningIcon,
} from '../../lib/icons';
import { BoundedMessage } from '../../lib/BoundedText';
import './queue.css';
import { batchStateLabel, isStopped, isWaiting } from '../../lib/jobs';
import { LiveProgress } from '../../lib/LiveProgress';
import { intents } from '../../lib/intents';
import { useNow } from '../../lib/useNow';
import { orderForDisplay, useQueueStore } from './store';
import { useJobs } from '../../lib/jobCache';

/** How many finished cards show before "Show all": the panel is for what is happening now, not history. */
const COLLAPSED_FINISHED = 6;

/** The sentence for why a job waits, with the countdown when there is an instant to count to. */
export function waitText(reason: WaitReason, until: number | null, now: number): string {
  const left = until !== null ? formatCountdown(until - now) : null;
  switch (reason) {
    case 'rate_limit':
      return left ? `Waiting for the rate limit · ${left}` : 'Waiting for the rate limit';
    case 'quota_retry':
      return left ? `Gemini asked to wait · ${left}` : 'Gemini asked to wait';
    case 'backoff':
      return left ? `Retrying in ${left}` : 'Retrying shortly';
    case 'offline':
      return 'Offline — waiting for the connection';
    case 'capacity':
      return 'Waiting for a free slot';
    case 'queue_paused':
      return 'Queue paused';
    case 'daily_limit':
      return until !== null ? `Daily limit reached · resumes at ${formatClock(until, now)}` : 'Daily limit reached';
    case 'spend_limit':
      return left ? `Keeping under your 10-minute spend limit · ${left}` : 'Keeping under your 10-minute spend limit';
    case 'flex_shed':
      return left ? `Google set the Economy (Flex) request aside · trying again at half price in ${left}` : 'Google set the Economy (Flex) request aside · trying again at half price';
  }
}

function StateMark({ job }: { job: Job }) {
  switch (job.state) {
    case 'running':
      return <span className="spinner" aria-hidden="true" />;
    case 'queued':
      return job.waitReason && job.waitReason !== 'capacity' ? (
        <span className="state-mark is-waiting" aria-hidden="true">
          <ClockIcon />
        </span>
      ) : (
        <span className="spinner is-queued" aria-hidden="true" />
      );
    case 'paused':
      return (
        <span className="state-mark is-paused" aria-hidden="true">
          <PauseIcon />
        </span>
      );
    case 'succeeded':
      return (
        <span className="state-mark is-success" aria-hidden="true">
          <CheckIcon />
        </span>
      );
    case 'cancelled':
      return (
        <span className="state-mark is-cancelled" aria-hidden="true">
          <CloseIcon />
        </span>
      );
    case 'failed':
      return (
        <span className="state-mark is-error" aria-hidden="true">
          <AlertIcon />
        </span>
      );
  }
}

function stateText(job: Job, now: number): string {
  switch (job.state) {
    case 'queued':
      return 'Queued';
    case 'paused':
      return 'Paused';
    case 'running': {
      const verb = job.kind === 'batch' ? 'Running' : 'Generating';
      return job.startedAt !== null ? `${verb} · ${formatCountdown(now - job.startedAt)}` : verb;
    }
    case 'succeeded':
      if (job.kind === 'batch') return 'Done';
      return job.startedAt !== null && job.finishedAt !== null ? `Done in ${formatDuration(job.finishedAt - job.startedAt)}` : 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

function paramsText(job: Job): string {
  const r = job.request;
  const parts = [TIER_LABELS[job.request.tier], job.request.aspectRatio ?? 'Auto'];
  if (r.imageSize) parts.push(r.imageSize);
  if (r.modalities === 'TEXT') parts.push('Text');
  if (r.references.length) parts.push(`${r.references.length} ref${r.references.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** A text-only answer: fetched once, shown in place of the thumbnail, opens with its details. */
function TextAnswer({ generationId }: { generationId: string }) {
  const answer = useQueueStore((s) => s.answers[generationId] ?? null);
  const loadAnswer = useQueueStore((s) => s.loadAnswer);
  useEffect(() => {
    void loadAnswer(generationId);
  }, [generationId, loadAnswer]);
  return (
    <button type="button" className="job-text" data-testid="job-text" onClick={() => intents.openGeneration(generationId)} title="Open the answer">
      <TextIcon size={14} />
      <span dir="auto" className="bidi-isolate">
        {answer === null ? 'Loading the answer…' : 'text' in answer ? answer.text : 'Could not load the answer.'}
      </span>
    </button>
  );
}

function JobActions({ job, canMoveUp }: { job: Job; canMoveUp: boolean }) {
  const { busy, cancel, retry, pause, resume, moveUp } = useQueueStore(
    useShallow((s) => ({ busy: s.busy[job.id], cancel: s.cancel, retry: s.retry, pause: s.pause, resume: s.resume, moveUp: s.moveUp })),
  );
  const waiting = isWaiting(job);
  const disabled = busy !== undefined;
  return (
    <div className="job-actions">
      {waiting && (
        <button
          type="button"
          className="btn btn-icon btn-sm"
          data-testid="job-move-up"
          aria-label="Move up"
          title="Move up — run it before the job above"
          disabled={disabled || !canMoveUp}
          onClick={() => void moveUp(job.id)}
        >
          <ArrowUpIcon />
        </button>
      )}
      {job.state === 'queued' && (
        <button type="button" className="btn btn-icon btn-sm" data-testid="job-pause" aria-label="Pause" title="Pause — keep it out of the queue until resumed" disabled={disabled} onClick={() => void pause(job.id)}>
          <PauseIcon />
        </button>
      )}
      {job.state === 'paused' && (
        <button type="button" className="btn btn-icon btn-sm" data-testid="job-resume" aria-label="Resume" title="Resume" disabled={disabled} onClick={() => void resume(job.id)}>
          <PlayIcon />
        </button>
      )}
      {isStopped(job) && (
        <button type="button" className="btn btn-ghost btn-sm" data-testid="job-retry" disabled={disabled} onClick={() => void retry(job.id)}>
          <RetryIcon />
          Retry
        </button>
      )}
      {(waiting || job.state === 'running') && (
        <button
          type="button"
          className="btn btn-icon btn-sm"
          data-testid="job-cancel"
          aria-label="Cancel"
          title={job.state === 'running' ? 'Cancel — Gemini may still bill what it has done' : 'Cancel'}
          disabled={disabled}
          onClick={() => void cancel(job.id)}
        >
          <CloseIcon />
        </button>
      )}
    </div>
  );
}

function JobCard({ job, now, canMoveUp }: { job: Job; now: number; canMoveUp: boolean }) {
  const actionError = useQueueStore((s) => (s.actionError?.jobId === job.id ? s.actionError.text : null));
  const firstAsset = job.state === 'succeeded' ? job.assetIds[0] : undefined;
  const isText = job.state === 'succeeded' && job.outcome === 'text' && job.generationId !== null;
  const waiting = job.state === 'queued' && job.waitReason !== null;

  return (
    <li
      className={`job-card is-${job.state}${job.waitReason ? ` wait-${job.waitReason}` : ''}`}
      data-testid="job-card"
      data-job-id={job.id}
      data-state={job.state}
      data-wait={job.waitReason ?? undefined}
      data-kind={job.kind}
    >
      <div className="job-row">
        <StateMark job={job} />
        <p className="job-prompt" title={job.request.prompt}>
          {job.kind === 'batch' && (
            <span className="pill job-kind">
              <StackIcon /> Batch{job.batch?.name ? ` · ${job.batch.name}` : ''}
            </span>
          )}
          {job.kind === 'chat' && <span className="pill job-kind">Chat</span>}
          {job.request.prompt}
        </p>
        <span className="job-params">{paramsText(job)}</span>
        <span className="job-state">{stateText(job, now)}</span>
        <JobActions job={job} canMoveUp={canMoveUp} />
        {firstAsset ? (
          <button type="button" className="job-thumb" aria-label="View the image" onClick={() => intents.openViewer(job.assetIds, 0)}>
            <img src={thumbUrl(firstAsset)} alt="" loading="lazy" />
            {job.assetIds.length > 1 && <span className="job-thumb-count">{job.assetIds.length}</span>}
          </button>
        ) : (
          <span className={`job-thumb is-empty${isText ? ' is-text' : ''}`} aria-hidden="true">
            {isText && <TextIcon size={14} />}
          </span>
        )}
      </div>

      <div className="job-meta">
        {waiting && (
          <span className="job-wait" data-testid="job-wait">
            {waitText(job.waitReason!, job.nextAttemptAt, now)}
          </span>
        )}
        {job.attempt > 1 && (
          <span className="job-attempt" data-testid="job-attempt">
            Attempt {job.attempt}
          </span>
        )}
        {job.kind === 'batch' && job.batch && (
          <span className="job-batch" data-testid="job-batch">
            <span className="job-batch-state" title={job.batch.state}>
              {batchStateLabel(job.batch.state)}
            </span>{' '}
            · {job.batch.succeeded} of {job.batch.total} done
            {job.batch.failed > 0 && <>, {job.batch.failed} failed</>}
            <span className="batch-bar" aria-hidden="true">
              <span className="batch-ok" style={{ width: `${(job.batch.succeeded / Math.max(1, job.batch.total)) * 100}%` }} />
              <span className="batch-failed" style={{ width: `${(job.batch.failed / Math.max(1, job.batch.total)) * 100}%` }} />
            </span>
          </span>
        )}
        {job.servedTier && job.servedTier !== 'standard' && job.servedTier !== 'batch' && (
          <span className="job-served-tier" data-testid="job-served-tier" title="The tier Google says served this request (x-gemini-service-tier); the cost follows it">
            {SERVICE_TIER_SHORT[job.servedTier]}
          </span>
        )}
        {job.servedTier === 'standard' && job.request.serviceTier && job.request.serviceTier !== 'standard' && (
          <span className="job-served-tier" data-testid="job-served-tier" title="Asked for another tier; Google served it at Standard, and it is billed at Standard">
            Served at Standard
          </span>
        )}
        {job.costUsd !== null && (
          <span className="job-cost" data-testid="job-cost" title="Estimated from the tokens Gemini reported, at the tier that served it">
            ≈ {formatUsdCompact(job.costUsd)}
          </span>
        )}
      </div>

      {job.resent && (
        <p className="job-resent" data-testid="job-resent">
          <WarningIcon />
          Sent again after a restart — Gemini may bill it twice
        </p>
      )}
      {job.state === 'running' && <LiveProgress jobId={job.id} />}
      {isText && <TextAnswer generationId={job.generationId!} />}
      {(job.state === 'failed' || (job.state === 'cancelled' && job.error && job.error.code !== 'cancelled')) && job.error && (
        <div className="job-error" data-testid="job-error" data-code={job.error.code}>
          <BoundedMessage text={job.error.message || 'The generation failed.'} />
        </div>
      )}
      {actionError && (
        <p className="job-error" role="alert" data-testid="job-action-error">
          {actionError}
        </p>
      )}
    </li>
  );
}

function StatusLine({ status }: { status: QueueStatus }) {
  const lowered = status.models.filter((m) => m.effectiveRpm < m.configuredRpm);
  return (
    <p className="queue-status" data-testid="queue-status">
      <span data-testid="queue-inflight">
        <strong>{status.inFlight}</strong> / {status.maxInFlight} in flight
      </span>
      {lowered.map((m) => (
        <span key={m.modelId} className="queue-rate" data-testid="queue-rate" title="Lowered after Gemini said “too many requests”; it rises again as calls succeed.">
          <span className="mono">{m.modelId}</span> effective {Math.round(m.effectiveRpm)}/min of {m.configuredRpm}
        </span>
      ))}
    </p>
  );
}

/** Waiting one-shot jobs (and those a gone model failed) pinned to a deprecated or gone model, by model. */
function PinnedModelBanners({ jobs }: { jobs: Job[] }) {
  const models = useModelsStore((s) => s.models);
  const byModel = new Map<string, number>();
  for (const j of jobs) {
    if (j.kind !== 'generate' || !j.modelId) continue;
    const pinned = j.state === 'queued' || j.state === 'paused' || (j.state === 'failed' && j.error?.code === 'model_not_found');
    if (pinned && standingText(models, j.modelId)) byModel.set(j.modelId, (byModel.get(j.modelId) ?? 0) + 1);
  }
  return (
    <>
      {[...byModel].map(([modelId, n]) => (
        <ModelStanding
          key={modelId}
          modelId={modelId}
          testId="queue-standing"
          what={n === 1 ? '1 job uses' : `${n} jobs use`}
          onSwitch={(successor) => useQueueStore.getState().switchModel(modelId, successor)}
        />
      ))}
    </>
  );
}

export function QueuePanel({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> } = {}) {
  const { jobs, loadError } = useJobs(useShallow((s) => ({ jobs: s.jobs, loadError: s.loadError })));
  const { cleared, clearFinished, status, statusError, pausingAll, pauseAll, resumeAll } = useQueueStore(
    useShallow((s) => ({
      cleared: s.cleared,
      clearFinished: s.clearFinished,
      status: s.status,
      statusError: s.statusError,
      pausingAll: s.pausingAll,
      pauseAll: s.pauseAll,
      resumeAll: s.resumeAll,
    })),
  );
  const [expanded, setExpanded] = useState(false);
  const { running, waiting, finished } = orderForDisplay(jobs, cleared);
  const ticking = running.length > 0 || waiting.some((j) => j.nextAttemptAt !== null);
  const now = useNow(ticking);
  const shownFinished = expanded ? finished : finished.slice(0, COLLAPSED_FINISHED);
  const hidden = finished.length - shownFinished.length;

  return (
    <section className="section queue" data-testid="queue-panel" aria-labelledby="queue-heading">
      <header className="section-header">
        <h2 id="queue-heading" className="section-title" ref={headingRef} tabIndex={-1}>
          Queue
        </h2>
        {running.length > 0 && <span className="badge">{running.length} running</span>}
        {waiting.length > 0 && <span className="badge is-neutral">{waiting.length} waiting</span>}
        {finished.length > 0 && <span className="section-count">{finished.length} finished</span>}
        <span className="spacer" />
        {status && <StatusLine status={status} />}
        {finished.length > 0 && (
          <button type="button" className="btn btn-ghost btn-sm" data-testid="queue-clear-finished"
            onClick={() => {
              clearFinished();
              // The button goes away with what it cleared; keep focus in the panel rather than losing it to the page.
              document.getElementById('queue-heading')?.focus();
            }}
          >
            Clear finished
          </button>
        )}
        {status?.paused ? (
          <button type="button" className="btn btn-secondary btn-sm" data-testid="queue-resume" disabled={pausingAll} onClick={() => void resumeAll()}>
            <PlayIcon />
            Resume all
          </button>
        ) : (
          <button type="button" className="btn btn-secondary btn-sm" data-testid="queue-pause" disabled={pausingAll || !status} onClick={() => void pauseAll()}>
            <PauseIcon />
            Pause all
          </button>
        )}
      </header>

      {status?.offline && (
        <p className="banner is-offline" role="status" data-testid="queue-offline">
          <OfflineIcon />
          Offline — jobs will resume when the connection returns
        </p>
      )}
      {status?.paused && (
        <p className="banner is-paused" role="status" data-testid="queue-paused">
          <PauseIcon />
          Queue paused — nothing new starts until you resume. Running jobs finish.
        </p>
      )}
      <PinnedModelBanners jobs={jobs} />
      {(loadError || statusError) && (
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>{loadError ? `Could not load jobs: ${loadError}` : statusError}</span>
        </p>
      )}

      {running.length + waiting.length + finished.length === 0 && !loadError ? (
        <p className="queue-empty muted">Nothing queued. What you generate waits and runs here.</p>
      ) : (
        <ul className="panel job-list">
          {running.map((job) => (
            <JobCard key={job.id} job={job} now={now} canMoveUp={false} />
          ))}
          {waiting.map((job, i) => (
            <JobCard key={job.id} job={job} now={now} canMoveUp={i > 0} />
          ))}
          {shownFinished.map((job) => (
            <JobCard key={job.id} job={job} now={now} canMoveUp={false} />
          ))}
        </ul>
      )}
      {finished.length > COLLAPSED_FINISHED && (
        <button type="button" className="btn btn-link queue-more" onClick={() => setExpanded((v) => !v)}>
          {expanded ? 'Show fewer' : `Show all ${jobs.length}`}
          {!expanded && hidden > 0 && <span className="muted"> · {hidden} older</span>}
        </button>
      )}
    </section>
  );
}
