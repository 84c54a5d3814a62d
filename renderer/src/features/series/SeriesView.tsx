/** The studio's Series mode: panel prompts, the shared style, ratio and Elements, and the strip. */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { COMMON_ASPECT_RATIOS, type AspectRatio } from '../../../../shared/domain/vocabulary';
import { thumbUrl } from '../../../../shared/urls';
import { ElementKindIcon } from '../../lib/ElementPicker';
import { useElements } from '../../lib/elements';
import { RetryIcon, SparkIcon } from '../../lib/icons';
import { InlineError } from '../../lib/InlineError';
import { jobById, useJobs } from '../../lib/jobCache';
import { useSeries } from './store';
import './series.css';

function Panel({ i }: { i: number }) {
  const { jobId, reroll, busy } = useSeries(useShallow((s) => ({ jobId: s.jobIds[i] ?? null, reroll: s.reroll, busy: s.busy })));
  const job = useJobs((s) => (jobId ? jobById(s.jobs, jobId) : undefined));
  const assetId = job?.state === 'succeeded' ? job.assetIds[0] : undefined;
  const ratio = useSeries((s) => s.aspectRatio.replace(':', ' / '));
  return (
    <li className="series-panel" data-testid="series-panel" data-job-id={jobId ?? ''} data-asset-id={assetId ?? ''} data-state={job?.state ?? 'empty'}>
      <div className="series-panel-frame" style={{ aspectRatio: ratio }}>
        {assetId ? <img src={thumbUrl(assetId)} alt={`Panel ${i + 1}`} /> : <span className="muted">{job ? (job.state === 'failed' ? 'Failed' : 'Making…') : `Panel ${i + 1}`}</span>}
      </div>
      <div className="series-panel-bar">
        <span>{i + 1}</span>
        <button type="button" className="btn btn-sm" data-testid="series-reroll" disabled={busy || !job || job.state === 'queued' || job.state === 'running'} aria-label={`Re-roll panel ${i + 1}`} onClick={() => void reroll(i)}>
          <RetryIcon />
          Re-roll
        </button>
      </div>
    </li>
  );
}

export function SeriesView() {
  const s = useSeries();
  const { elements, loaded, load } = useElements(useShallow((e) => ({ elements: e.elements, loaded: e.loaded, load: e.load })));
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  return (
    <section className="series" data-testid="series" aria-labelledby="series-title">
      <h2 id="series-title" className="sr-only">
        Series
      </h2>
      <div className="series-shared">
        <label className="series-field">
          <span>Panels</span>
          <select className="select" data-testid="series-count" value={s.panels.length} onChange={(e) => s.setCount(Number(e.target.value))}>
            {[2, 3, 4, 5, 6, 7, 8].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="series-field">
          <span>Ratio</span>
          <select className="select" data-testid="series-ratio" value={s.aspectRatio} onChange={(e) => s.setAspectRatio(e.target.value as AspectRatio)}>
            {COMMON_ASPECT_RATIOS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="series-field series-style">
          <span>Style line</span>
          <input className="input" data-testid="series-style" value={s.style} maxLength={300} placeholder="e.g. ink and watercolour, soft morning light" onChange={(e) => s.setStyle(e.target.value)} />
        </label>
        <div className="series-elements" role="group" aria-label="Elements in every panel">
          {elements.map((e) => (
            <button key={e.id} type="button" className="chip-toggle" data-testid="series-element" aria-pressed={s.elements.some((x) => x.id === e.id)} onClick={() => s.toggleElement(e)}>
              <ElementKindIcon kind={e.kind} />@{e.name}
            </button>
          ))}
        </div>
      </div>
      <ol className="series-prompts">
        {s.panels.map((p, i) => (
          <li key={i}>
            <textarea className="input series-prompt" data-testid="series-prompt" aria-label={`Panel ${i + 1}`} placeholder={`Panel ${i + 1}: what happens`} rows={2} value={p} onChange={(e) => s.setPanel(i, e.target.value)} />
          </li>
        ))}
      </ol>
      <div className="series-go">
        <InlineError message={s.error} testId="series-error" />
        <button type="button" className="btn btn-primary" data-testid="series-generate" disabled={s.busy} onClick={() => void s.generateAll()}>
          <SparkIcon />
          Generate series
        </button>
      </div>
      <ol className="series-strip" aria-label="The series" data-testid="series-strip">
        {s.panels.map((_, i) => (
          <Panel key={i} i={i} />
        ))}
      </ol>
    </section>
  );
}
