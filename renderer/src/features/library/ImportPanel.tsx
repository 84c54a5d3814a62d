import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { formatCount } from '../../lib/format';
import { AlertIcon, CheckIcon, CloseIcon, ImportIcon } from '../../lib/icons';
import { dropContents, useImportStore } from './imports';
import { ASSET_DRAG_TYPE } from './store';
import { InlineError } from '../../lib/InlineError';
import { ImportedNear } from './duplicates/ImportedNear';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "312 of 1,000 · 4 duplicates · 2 rejected" */
function countsText(t: { done: number; total: number; duplicates: number; rejected: number }): string {
  const parts = [`${formatCount(t.done)} of ${formatCount(t.total)}`];
  if (t.duplicates) parts.push(plural(t.duplicates, 'duplicate'));
  if (t.rejected) parts.push(`${formatCount(t.rejected)} rejected`);
  return parts.join(' · ');
}

/** Progress of an import while it runs, then what it did: counts and the files refused, with why. */
export function ImportPanel() {
  const task = useImportStore((s) => s.task);
  const cancel = useImportStore((s) => s.cancel);
  const dismiss = useImportStore((s) => s.dismiss);
  if (!task) return null;
  const running = task.phase === 'reading' || task.phase === 'importing';
  const pct = task.total > 0 ? Math.min(100, (task.done / task.total) * 100) : 0;
  const title =
    task.phase === 'reading'
      ? 'Reading files…'
      : task.phase === 'importing'
        ? 'Importing…'
        : task.phase === 'cancelled'
          ? 'Import cancelled'
          : task.phase === 'failed'
            ? 'Import stopped'
            : 'Import finished';

  return (
    <div className={`import-card is-${task.phase}`} role="status" aria-live="polite">
      <div className="import-progress" data-testid="import-progress" data-done={task.done} data-total={task.total} data-phase={task.phase}>
        <span className="import-icon" aria-hidden="true">
          {running ? <span className="spinner" /> : task.phase === 'finished' ? <CheckIcon /> : <AlertIcon />}
        </span>
        <div className="import-main">
          <div className="import-line">
            <strong>{title}</strong>
            <span className="import-counts" data-testid="import-counts">
              {countsText(task)}
            </span>
          </div>
          <div
            className="import-bar"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={task.total}
            aria-valuenow={task.done}
          >
            <span style={{ width: `${pct}%` }} />
          </div>
        </div>
        {running ? (
          <button type="button" className="btn btn-secondary btn-sm" data-testid="import-cancel" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-icon btn-sm" data-testid="import-dismiss" aria-label="Dismiss the import report" onClick={dismiss}>
            <CloseIcon size={14} />
          </button>
        )}
      </div>
      {!running && (
        <div className="import-report" data-testid="import-report">
          <p>
            {task.imported === 0 ? 'No new images were added.' : `${plural(task.imported, 'new image')} added to the library.`}
            {task.duplicates > 0 && ` ${plural(task.duplicates, 'image was', 'images were')} already there and ${task.duplicates === 1 ? 'was' : 'were'} skipped.`}
            {task.phase === 'cancelled' && task.total > task.done && ` ${plural(task.total - task.done, 'file was', 'files were')} not imported.`}
          </p>
          <InlineError message={task.error} />
          {task.phase === 'finished' && task.newIds && task.newIds.length > 0 && <ImportedNear newIds={task.newIds} />}
          {task.rejectedFiles.length > 0 && (
            <details className="import-rejected" data-testid="import-rejected">
              <summary>
                {task.rejectedFiles.length === 1 ? '1 file could not be imported — show why' : `${formatCount(task.rejectedFiles.length)} files could not be imported — show why`}
              </summary>
              <ul>
                {task.rejectedFiles.map((r, i) => (
                  <li key={`${r.name}-${i}`} data-testid="import-rejected-file">
                    <span className="mono">{r.name}</span>
                    <span className="muted">{r.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}

/** A drag from the desktop, not a tile dragged inside the app. */
function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer.types;
  return types.includes('Files') && !types.includes(ASSET_DRAG_TYPE);
}

/** Where files and folders dropped from the desktop are imported into the library. */
export function ImportDrop({ children }: { children: ReactNode }) {
  const start = useImportStore((s) => s.start);
  // dragenter/dragleave fire for every child crossed; count them so the highlight does not flicker.
  const depth = useRef(0);
  const [over, setOver] = useState(false);

  return (
    <div
      className={`import-drop${over ? ' is-over' : ''}`}
      data-testid="import-drop"
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const read = dropContents(e.dataTransfer);
        void read().then(start);
      }}
    >
      {children}
      {over && (
        <div className="import-drop-overlay" aria-hidden="true">
          <span className="import-drop-label">
            <ImportIcon size={18} />
            Drop images or folders to import them
          </span>
        </div>
      )}
    </div>
  );
}
