import { thumbUrl } from '../../../../shared/urls';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Job } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { formatDuration, formatRelative, formatUsdTotal } from '../../lib/format';
import { BoundedMessage } from '../../lib/BoundedText';
import { AlertIcon } from '../../lib/icons';
import { batchStateLabel, isActive, isStopped } from '../../lib/jobs';
import { useNow } from '../../lib/useNow';
import { BatchForm } from './BatchForm';
import { BatchFilePanel } from './BatchFilePanel';
import { useBatchStore, batchJobs } from './store';
import { useJobs } from '../../lib/jobCache';
import './batch.css';
import { InlineError } from '../../lib/InlineError';

/** How many result thumbnails a card shows before "+N". */
const THUMBS = 8;

/** Batches take minutes to hours: "42 s", "12 min", "1 h 36 min". */
function formatSpan(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return formatDuration(ms);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

const STATE_LABELS: Record<Job['state'], string> = {
  queued: 'Waiting',
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function BatchJobCard({ job, now }: { job: Job; now: number }) {
  const cancelling = useBatchStore((s) => s.cancelling[job.id] === true);
  const cancelError = useBatchStore((s) => s.cancelErrors[job.id]);
  const cancel = useBatchStore((s) => s.cancel);
  const b = job.batch;
  const total = b?.total ?? 0;
  const done = b?.succeeded ?? 0;
  const failed = b?.failed ?? 0;
  const active = isActive(job);
  const pct = total > 0 ? ((done + failed) / total) * 100 : 0;
  const thumbs = job.assetIds.slice(0, THUMBS);

  return (
    <li className={`batch-job is-${job.state}`} data-testid="batch-job" data-job-id={job.id} data-state={job.state}>
      <div className="batch-job-head">
        <span className={`batch-state is-${job.state}`}>
          {active && job.state !== 'paused' && <span className="batch-state-dot" aria-hidden="true" />}
          {STATE_LABELS[job.state]}
        </span>
        <p className="job-prompt" title={job.request.prompt}>
          {job.request.prompt}
        </p>
        {active && (
          <button
            type="button"
            className="btn btn-ghost batch-cancel"
            data-testid="batch-cancel"
            disabled={cancelling}
            onClick={() => void cancel(job.id)}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>

      <div
        className="batch-progress"
        role="progressbar"
        aria-label="Prompts finished"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done + failed}
      >
        <span className="batch-progress-done" style={{ width: `${total > 0 ? (done / total) * 100 : 0}%` }} />
        <span className="batch-progress-failed" style={{ left: `${total > 0 ? (done / total) * 100 : 0}%`, width: `${pct - (total > 0 ? (done / total) * 100 : 0)}%` }} />
      </div>

      <div className="batch-job-meta">
        <span className="batch-job-count" data-testid="batch-progress">
          {total > 0 ? `${done} of ${total} done, ${failed} failed` : 'Submitting to Gemini…'}
        </span>
        {b && (
          <span className="batch-remote" title={`Gemini batch state: ${b.state}${b.name ? ` (${b.name})` : ''}`} data-testid="batch-state">
            Gemini: {batchStateLabel(b.state)}
          </span>
        )}
        <span>
          {TIER_LABELS[job.request.tier]}
          {job.request.aspectRatio && ` · ${job.request.aspectRatio}`}
        </span>
        <span className="spacer" />
        <span className="batch-job-time">
          {job.finishedAt !== null
            ? `Finished ${formatRelative(job.finishedAt, now)} · took ${formatSpan(job.finishedAt - job.createdAt)}`
            : `Submitted ${formatRelative(job.createdAt, now)}`}
        </span>
        {job.costUsd !== null && job.costUsd > 0 && <span className="batch-job-cost">{formatUsdTotal(job.costUsd)}</span>}
      </div>

      {job.error && isStopped(job) && (
        <div className="batch-job-error" data-code={job.error.code}>
          <BoundedMessage text={job.error.message} />
        </div>
      )}
      <InlineError message={cancelError} />

      {thumbs.length > 0 && (
        <div className="batch-thumbs">
          {thumbs.map((id) => (
            <img key={id} src={thumbUrl(id)} alt="" loading="lazy" />
          ))}
          {job.assetIds.length > THUMBS && <span className="batch-more">+{job.assetIds.length - THUMBS}</span>}
        </div>
      )}
    </li>
  );
}

export function BatchView() {
  const { loaded, loadError, load } = useBatchStore(useShallow((s) => ({ loaded: s.loaded, loadError: s.loadError, load: s.load })));
  const jobs = useJobs(useShallow((s) => batchJobs(s.jobs)));
  const anyActive = jobs.some(isActive);
  const now = useNow(true, anyActive ? 5_000 : 30_000);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="batch-view" data-testid="batch-view">
      <header className="page-header">
        <h1 className="page-title">Batch</h1>
        <p className="muted">Many prompts at once, at half the price.</p>
      </header>

      <BatchForm />
      <BatchFilePanel />

      <section className="section" aria-labelledby="batch-jobs-heading">
        <header className="section-header">
          <h2 id="batch-jobs-heading" className="section-title">
            Batch jobs
          </h2>
          {jobs.length > 0 && <span className="section-count">{jobs.length}</span>}
          {anyActive && <span className="badge">{jobs.filter(isActive).length} in progress</span>}
        </header>
        {loadError && (
          <p className="inline-error" role="alert">
            <AlertIcon />
            <span>Could not load jobs: {loadError}</span>
          </p>
        )}
        {loaded && !loadError && jobs.length === 0 && <p className="batch-empty muted">No batches of typed prompts yet. Submitted ones show up here with their progress (batches from a file show above, under the file).</p>}
        {jobs.length > 0 && (
          <ul className="panel job-list">
            {jobs.map((job) => (
              <BatchJobCard key={job.id} job={job} now={now} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The Batch view as a top-level page: one scrolling column. */
export function BatchPage() {
  return (
    <div className="workspace-scroll">
      <BatchView />
    </div>
  );
}
