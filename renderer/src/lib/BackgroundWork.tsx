/**
 * One line for work the library does in the background over its images (fingerprints, content
 * credentials): what it is doing, how far it got, and Pause / Resume. Shown only while it runs or
 * is paused with work left: an idle pass with images left over is one whose files could not be
 * read, and a Pause button for it would pause nothing.
 */
import type { BackgroundProgress } from '../../../shared/domain';
import { formatCount } from './format';
import './backgroundWork.css';

export function BackgroundWork({
  progress,
  doing,
  then,
  label,
  testId,
  onToggle,
}: {
  progress: BackgroundProgress | null;
  /** What it does, as the start of a sentence ("Reading content credentials"). */
  doing: string;
  /** What the user gets meanwhile ("The filter grows as it goes."). */
  then: string;
  /** The progress bar's accessible name. */
  label: string;
  testId: string;
  onToggle: (action: 'pause' | 'resume') => void;
}) {
  if (!progress || progress.state === 'idle' || progress.done >= progress.total) return null;
  const paused = progress.state === 'paused';
  return (
    <div className="background-work" data-testid={testId} data-state={progress.state}>
      <span>
        {paused ? 'Paused: ' : ''}
        {doing}: {formatCount(progress.done)} of {formatCount(progress.total)} images. {then}
      </span>
      <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={label} />
      <button type="button" className="btn btn-secondary btn-sm" data-testid={`${testId}-toggle`} onClick={() => onToggle(paused ? 'resume' : 'pause')}>
        {paused ? 'Resume' : 'Pause'}
      </button>
    </div>
  );
}
