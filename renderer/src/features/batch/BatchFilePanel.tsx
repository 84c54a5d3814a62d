import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FileBatch } from '../../../../shared/ipc/contract';
import { formatBytes, formatCount, formatUsdTotal } from '../../lib/format';
import { InlineError } from '../../lib/InlineError';
import { TierPicker } from '../../lib/ModelKnobs';
import { useFileBatchStore } from './fileBatchStore';

const PREVIEW_SHOWN = 8;
const PROBLEMS_SHOWN = 12;
const FAILURES_SHOWN = 10;

const STAGE_LABELS: Record<FileBatch['stage'], string> = {
  references: 'Uploading reference photos',
  building: 'Writing the batch file',
  uploading: 'Uploading the batch file',
  submitting: 'Handing it to Gemini',
  running: 'Gemini is working on it',
  downloading: 'Downloading the results',
  importing: 'Adding images to the library',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const ACTIVE = (b: FileBatch) => !['done', 'failed', 'cancelled'].includes(b.stage);

/** How far the current stage is, 0–1, or null where there is nothing to count. */
function stageProgress(b: FileBatch): { value: number; max: number; text: string } | null {
  switch (b.stage) {
    case 'references':
      return b.referencesTotal ? { value: b.referencesDone, max: b.referencesTotal, text: `${formatCount(b.referencesDone)} of ${formatCount(b.referencesTotal)} photos` } : null;
    case 'uploading':
      return b.inputBytes ? { value: b.uploadedBytes, max: b.inputBytes, text: `${formatBytes(b.uploadedBytes)} of ${formatBytes(b.inputBytes)}` } : null;
    case 'importing':
    case 'done':
      return { value: b.imported, max: b.total, text: `${formatCount(b.succeeded)} of ${formatCount(b.total)} images in the library${b.failed ? `, ${formatCount(b.failed)} failed` : ''}` };
    default:
      return null;
  }
}

function FileBatchCard({ batch }: { batch: FileBatch }) {
  const { failures, error, cancel, rerun } = useFileBatchStore(
    useShallow((s) => ({ failures: s.failures[batch.id], error: s.actionErrors[batch.id], cancel: s.cancel, rerun: s.rerunFailed })),
  );
  const progress = stageProgress(batch);
  const headingId = useId();
  return (
    <li className={`panel file-batch is-${batch.stage}`} data-testid="file-batch" data-stage={batch.stage} aria-labelledby={headingId}>
      <div className="file-batch-head">
        <h3 id={headingId} className="file-batch-name" title={batch.name}>
          {batch.name}
        </h3>
        <span className={`batch-state is-${batch.stage}`} data-testid="file-batch-stage">
          {ACTIVE(batch) && <span className="batch-state-dot" aria-hidden="true" />}
          {STAGE_LABELS[batch.stage]}
        </span>
        {ACTIVE(batch) && (
          <button type="button" className="btn btn-ghost" data-testid="file-batch-cancel" onClick={() => void cancel(batch.id)}>
            Cancel
          </button>
        )}
      </div>
      {progress && (
        <div className="file-batch-progress">
          <progress max={progress.max} value={progress.value} aria-label={`${STAGE_LABELS[batch.stage]}: ${progress.text}`} />
          <span data-testid="file-batch-count">{progress.text}</span>
        </div>
      )}
      <p className="file-batch-meta">
        {formatCount(batch.total)} rows · {batch.modelId}
        {batch.remoteState ? ` · Gemini: ${batch.remoteState.replace(/^\w+_STATE_/, '').toLowerCase()}` : ''} · estimate {formatUsdTotal(batch.estimateUsd)}
        {batch.costUsd > 0 ? ` · ${batch.stage === 'done' ? 'cost' : 'cost so far'} ${formatUsdTotal(batch.costUsd)}` : ''}
      </p>
      {batch.error && batch.stage === 'failed' && <p className="file-batch-error" role="alert">{batch.error}</p>}
      <InlineError message={error} />
      {failures && failures.length > 0 && (
        <div className="file-batch-failures" data-testid="file-batch-failures">
          <p className="file-batch-failures-title">
            {formatCount(batch.failed)} {batch.failed === 1 ? 'row' : 'rows'} made no image:
          </p>
          <ul>
            {failures.slice(0, FAILURES_SHOWN).map((f) => (
              <li key={f.row}>
                <strong>Row {f.row}</strong> “{f.prompt.slice(0, 80)}”: {f.reason}
              </li>
            ))}
          </ul>
          {failures.length > FAILURES_SHOWN && <p className="muted">…and {formatCount(failures.length - FAILURES_SHOWN)} more.</p>}
          <button type="button" className="btn btn-secondary" data-testid="file-batch-rerun" onClick={() => void rerun(batch.id)}>
            Run the {formatCount(batch.failed)} failed {batch.failed === 1 ? 'row' : 'rows'} again
          </button>
        </div>
      )}
    </li>
  );
}

/** A CSV or JSONL of prompts, one image per row, through the Batch API's file input. */
export function BatchFilePanel() {
  const { tier, reading, plan, planError, starting, batches, setTier, openFile, clearPlan, start, load } = useFileBatchStore(
    useShallow((s) => ({
      tier: s.tier,
      reading: s.reading,
      plan: s.plan,
      planError: s.planError,
      starting: s.starting,
      batches: s.batches,
      setTier: s.setTier,
      openFile: s.openFile,
      clearPlan: s.clearPlan,
      start: s.start,
      load: s.load,
    })),
  );
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();

  useEffect(() => {
    void load();
  }, [load]);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  }

  return (
    <section className="panel batch-file" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        From a spreadsheet
      </h2>
      <div
        className={`batch-drop${over ? ' is-over' : ''}`}
        data-testid="batch-file-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          Drop a CSV or JSONL here, one image per row. Columns: <code>prompt</code>, and if you like <code>ratio</code>, <code>size</code>, <code>class</code> or <code>model</code>, <code>thinking</code>,{' '}
          <code>references</code> (photo paths, separated by <code>;</code>), <code>filename</code>, <code>tags</code>, <code>collection</code>.
        </p>
        <div className="batch-drop-bar">
          <input
            ref={input}
            type="file"
            tabIndex={-1}
            aria-label="Choose a CSV or JSONL file"
            className="sr-only"
            accept=".csv,.tsv,.txt,.jsonl,.ndjson"
            data-testid="batch-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = '';
            }}
          />
          <button type="button" className="btn btn-secondary" data-testid="batch-file-pick" onClick={() => input.current?.click()}>
            Choose a file…
          </button>
          <TierPicker value={tier} onChange={setTier} testIdPrefix="batch-file-tier-" />
        </div>
      </div>
      {reading && (
        <p role="status" className="muted">
          Reading {reading}…
        </p>
      )}
      <InlineError message={planError} testId="batch-file-error" />
      {plan && (
        <div className="batch-plan" data-testid="batch-plan">
          <p className="batch-plan-summary" data-testid="batch-plan-summary">
            <strong>{plan.name}</strong>: {formatCount(plan.rows)} {plan.rows === 1 ? 'row' : 'rows'}
            {plan.references ? ` · ${formatCount(plan.references)} reference ${plan.references === 1 ? 'photo' : 'photos'}` : ''} · {plan.modelId} · ≈ {formatUsdTotal(plan.estimateUsd)} at the batch price (half the standard one)
          </p>
          {plan.ignoredColumns.length > 0 && <p className="muted">Not read: {plan.ignoredColumns.join(', ')}.</p>}
          {plan.problemCount > 0 && (
            <div className="batch-problems" role="alert" data-testid="batch-problems">
              <p>
                {plan.problemCount === 1 ? 'One problem' : `${formatCount(plan.problemCount)} problems`} to fix in the file before it can be sent:
              </p>
              <ul>
                {plan.problems.slice(0, PROBLEMS_SHOWN).map((p) => (
                  <li key={`${p.row}-${p.column}-${p.message}`}>
                    <strong>
                      {plan.format === 'csv' ? 'Row' : 'Line'} {p.row}, {p.column}
                    </strong>
                    : {p.message}
                  </li>
                ))}
              </ul>
              {plan.problemCount > PROBLEMS_SHOWN && <p>…and {formatCount(plan.problemCount - PROBLEMS_SHOWN)} more.</p>}
            </div>
          )}
          {plan.preview.length > 0 && (
            <div className="batch-preview-wrap" tabIndex={0} role="region" aria-label="The first rows">
              <table className="batch-preview" data-testid="batch-preview">
                <thead>
                  <tr>
                    <th scope="col">{plan.format === 'csv' ? 'Row' : 'Line'}</th>
                    <th scope="col">Prompt</th>
                    <th scope="col">Ratio</th>
                    <th scope="col">Size</th>
                    <th scope="col">Photos</th>
                    <th scope="col">File name</th>
                    <th scope="col">Tags</th>
                    <th scope="col">Collection</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.preview.slice(0, PREVIEW_SHOWN).map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td className="batch-preview-prompt">{r.prompt}</td>
                      <td>{r.aspectRatio ?? 'Auto'}</td>
                      <td>{r.imageSize ?? 'Default'}</td>
                      <td>{r.references.length || ''}</td>
                      <td>{r.filename ?? ''}</td>
                      <td>{r.tags.join(', ')}</td>
                      <td>{r.collection ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="batch-plan-bar">
            <button type="button" className="btn btn-primary" data-testid="batch-file-send" disabled={plan.problemCount > 0 || plan.rows === 0 || starting} onClick={() => void start()}>
              {starting ? 'Sending…' : `Send ${formatCount(plan.rows)} ${plan.rows === 1 ? 'row' : 'rows'} as a batch`}
            </button>
            <button type="button" className="btn btn-ghost" onClick={clearPlan}>
              Choose another file
            </button>
          </div>
        </div>
      )}
      {batches.length > 0 && (
        <ul className="file-batch-list" aria-label="Batches from files">
          {batches.map((b) => (
            <FileBatchCard key={b.id} batch={b} />
          ))}
        </ul>
      )}
    </section>
  );
}
