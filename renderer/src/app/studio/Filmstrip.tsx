import { useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useGenerateStore } from '../../features/generate/store';
import { useJobs } from '../../lib/jobCache';
import { openViewer } from '../../features/viewer/store';
import { EditIcon } from '../../lib/icons';
import { handOffToCanvas } from './markAndEdit';
import { sessionResults } from './stageState';
import { thumbUrl } from '../../../../shared/urls';

/** A thumbnail that keeps its tile (and a quiet fill) until the picture is in: never an empty square. */
function Thumb({ assetId }: { assetId: string }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <img
      src={thumbUrl(assetId)}
      alt=""
      loading="lazy"
      draggable={false}
      className={loaded ? 'is-loaded' : undefined}
      onLoad={() => setLoaded(true)}
      ref={(el) => {
        if (el?.complete && el.naturalWidth > 0 && !loaded) setLoaded(true);
      }}
    />
  );
}

/**
 * This session's results, newest first. A click puts the image's set on the stage; Enter opens
 * the viewer; E (or the pencil) opens it on the edit canvas.
 */
export function Filmstrip() {
  const { sets, currentSetId, showSet } = useGenerateStore(useShallow((s) => ({ sets: s.sets, currentSetId: s.currentSetId, showSet: s.showSet })));
  const jobs = useJobs((s) => s.jobs);
  const results = sessionResults(sets, jobs);
  // The strip takes its height with the first set, not with its first finished image, so the
  // stage does not shrink (and its images jump) the moment a result lands.
  if (sets.length === 0) return null;
  const ids = results.map((r) => r.assetId);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openViewer(ids, i);
    } else if (e.key.toLowerCase() === 'e' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      handOffToCanvas(ids[i]!);
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
          <li key={r.assetId} className="filmstrip-entry">
            <button
              type="button"
              className="filmstrip-item"
              data-testid="filmstrip-item"
              aria-current={r.setId === currentSetId ? 'true' : undefined}
              aria-label={`Result ${i + 1} of ${results.length}. Enter to view, E to mark and edit.`}
              onClick={() => showSet(r.setId)}
              onDoubleClick={() => openViewer(ids, i)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <Thumb assetId={r.assetId} />
            </button>
            <button
              type="button"
              className="filmstrip-edit"
              data-testid="filmstrip-mark-edit"
              aria-label={`Mark and edit result ${i + 1}`}
              title="Mark & edit on the canvas (E)"
              onClick={() => handOffToCanvas(r.assetId)}
            >
              <EditIcon size={12} />
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
