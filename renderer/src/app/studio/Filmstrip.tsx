import { type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useGenerateStore } from '../../features/generate/store';
import { useJobs } from '../../lib/jobCache';
import { openViewer } from '../../features/viewer/store';
import { sessionResults } from './stageState';
import { thumbUrl } from '../../../../shared/urls';

/** This session's results, newest first. A click puts the image's set on the stage; Enter opens the viewer. */
export function Filmstrip() {
  const { sets, currentSetId, showSet } = useGenerateStore(useShallow((s) => ({ sets: s.sets, currentSetId: s.currentSetId, showSet: s.showSet })));
  const jobs = useJobs((s) => s.jobs);
  const results = sessionResults(sets, jobs);
  if (results.length === 0) return null;
  const ids = results.map((r) => r.assetId);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openViewer(ids, i);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const items = e.currentTarget.closest('ul')?.querySelectorAll<HTMLElement>('button');
      items?.[i + (e.key === 'ArrowRight' ? 1 : -1)]?.focus();
    }
  }

  return (
    <nav className="filmstrip" aria-label="This session's results">
      <ul className="filmstrip-list">
        {results.map((r, i) => (
          <li key={r.assetId}>
            <button
              type="button"
              className="filmstrip-item"
              data-testid="filmstrip-item"
              aria-current={r.setId === currentSetId ? 'true' : undefined}
              aria-label={`Result ${i + 1} of ${results.length}`}
              onClick={() => showSet(r.setId)}
              onDoubleClick={() => openViewer(ids, i)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <img src={thumbUrl(r.assetId)} alt="" loading="lazy" draggable={false} />
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
