import { useEffect, useState } from 'react';
import type { Job } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/models';
import { formatDuration } from '../../lib/format';
import { AlertIcon, CheckIcon } from '../../lib/icons';
import { useLibraryStore } from '../library/store';
import { useJobsStore } from './store';

/** How many cards show before "Show all": the strip is for what is happening now, not history. */
const COLLAPSED_COUNT = 6;

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return <span className="elapsed">{Math.max(0, Math.floor((now - since) / 1000))} s</span>;
}

function StateMark({ state }: { state: Job['state'] }) {
  if (state === 'queued' || state === 'running')
    return <span className={`spinner${state === 'queued' ? ' is-queued' : ''}`} aria-hidden="true" />;
  if (state === 'succeeded')
    return (
      <span className="state-mark is-success" aria-hidden="true">
        <CheckIcon />
      </span>
    );
  return (
    <span className="state-mark is-error" aria-hidden="true">
      <AlertIcon />
    </span>
  );
}

function StateText({ job }: { job: Job }) {
  switch (job.state) {
    case 'queued':
      return <span>Queued</span>;
    case 'running':
      return (
        <span>
          Generating{job.startedAt !== null && <> · <Elapsed since={job.startedAt} /></>}
        </span>
      );
    case 'succeeded':
      return (
        <span>
          Done
          {job.startedAt !== null && job.finishedAt !== null && ` in ${formatDuration(job.finishedAt - job.startedAt)}`}
        </span>
      );
    case 'failed':
      return <span>Failed</span>;
  }
}

function JobCard({ job }: { job: Job }) {
  const select = useLibraryStore((s) => s.select);
  const firstAsset = job.state === 'succeeded' ? job.assetIds[0] : undefined;
  return (
    <li className={`job-card is-${job.state}`} data-testid="job-card" data-job-id={job.id} data-state={job.state}>
      <div className="job-row">
        <StateMark state={job.state} />
        <p className="job-prompt" title={job.prompt}>
          {job.prompt}
        </p>
        <span className="job-params">
          {TIER_LABELS[job.tier]} · {job.aspectRatio}
        </span>
        <span className="job-state">
          <StateText job={job} />
        </span>
        {firstAsset ? (
          <button
            type="button"
            className="job-thumb"
            aria-label="Show the image in the library"
            onClick={() => void select(firstAsset)}
          >
            <img src={`/assets/${firstAsset}/thumb`} alt="" loading="lazy" />
          </button>
        ) : (
          <span className="job-thumb is-empty" aria-hidden="true" />
        )}
      </div>
      {job.state === 'failed' && job.error && (
        <p className="job-error" data-testid="job-error" data-code={job.error.code}>
          {job.error.message || 'The generation failed.'}
        </p>
      )}
    </li>
  );
}

export function JobsList() {
  const jobs = useJobsStore((s) => s.jobs);
  const loadError = useJobsStore((s) => s.loadError);
  const [expanded, setExpanded] = useState(false);

  if (jobs.length === 0 && !loadError) return null;
  const active = jobs.filter((j) => j.state === 'queued' || j.state === 'running').length;
  // Never hide a job that is still in flight.
  const shown = expanded ? jobs : jobs.slice(0, Math.max(COLLAPSED_COUNT, active));

  return (
    <section className="section jobs" aria-labelledby="jobs-heading">
      <header className="section-header">
        <h2 id="jobs-heading" className="section-title">
          Jobs
        </h2>
        {active > 0 && <span className="badge">{active} in progress</span>}
        <span className="spacer" />
        {jobs.length > COLLAPSED_COUNT && (
          <button type="button" className="btn btn-link" onClick={() => setExpanded((v) => !v)}>
            {expanded ? 'Show fewer' : `Show all ${jobs.length}`}
          </button>
        )}
      </header>
      {loadError && (
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>Could not load jobs: {loadError}</span>
        </p>
      )}
      <ul className="job-list">
        {shown.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
