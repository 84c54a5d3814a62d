/**
 * After an import: "3 of these 40 photos are already in your library (near-identical)", with
 * skip (to the trash, undoable), import anyway, or review in the Duplicates view.
 */
import { useEffect, useState } from 'react';
import { call } from '../../../lib/bridge';
import { errorText, formatCount } from '../../../lib/format';
import { useNotices } from '../../../lib/notices';
import { useDuplicates } from './store';
import './duplicates.css';

type State = { step: 'checking' } | { step: 'asking'; ids: string[] } | { step: 'done'; words: string } | { step: 'none' };

export function ImportedNear({ newIds }: { newIds: readonly string[] }) {
  const [state, setState] = useState<State>({ step: 'checking' });
  useEffect(() => {
    let live = true;
    void (async () => {
      const matches: string[] = [];
      for (let i = 0; i < newIds.length; i += 10_000) {
        const res = await call('duplicates.checkImported', { ids: newIds.slice(i, i + 10_000) });
        if (!res.ok) {
          // Not worth an alarm: the import itself went fine, and the Duplicates view can still be asked.
          if (live) setState({ step: 'done', words: `Could not check for near-duplicates: ${errorText(res)}` });
          return;
        }
        matches.push(...res.data.matches.map((m) => m.id));
      }
      if (live) setState(matches.length ? { step: 'asking', ids: matches } : { step: 'none' });
    })();
    return () => {
      live = false;
    };
  }, [newIds]);

  if (state.step === 'none') return null;
  if (state.step === 'checking') {
    return (
      <p className="import-near muted" data-testid="import-near-checking">
        Checking for photos already in your library…
      </p>
    );
  }
  if (state.step === 'done') {
    return (
      <p className="import-near" data-testid="import-near-done" role="status">
        {state.words}
      </p>
    );
  }
  const n = state.ids.length;
  const skip = async () => {
    const res = await call('library.trash', { ids: state.ids });
    if (!res.ok) return setState({ step: 'done', words: `Could not skip them: ${errorText(res)}` });
    setState({ step: 'done', words: `Skipped ${n === 1 ? 'it' : `those ${formatCount(n)}`}: moved to the trash.` });
    useNotices.getState().push({
      kind: 'info',
      message: `Moved ${n === 1 ? '1 near-identical photo' : `${formatCount(n)} near-identical photos`} to the trash.`,
      action: { label: 'Undo', testId: 'import-near-undo', run: () => void call('library.restore', { ids: state.ids }) },
    });
  };
  return (
    <div className="import-near" data-testid="import-near" role="group" aria-label="Photos already in your library">
      <p data-testid="import-near-text">
        {formatCount(n)} of these {formatCount(newIds.length)} photos {n === 1 ? 'is' : 'are'} already in your library (near-identical).
      </p>
      <div className="import-near-actions">
        <button type="button" className="btn btn-secondary btn-sm" data-testid="import-near-skip" onClick={() => void skip()}>
          Skip {n === 1 ? 'it' : 'them'}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" data-testid="import-near-keep" onClick={() => setState({ step: 'done', words: 'Imported anyway: all of them are in the library.' })}>
          Import anyway
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          data-testid="import-near-review"
          onClick={() => {
            useDuplicates.setState({ level: 'near', chosen: {} });
            useDuplicates.getState().setOpen(true);
            setState({ step: 'done', words: 'Opened in Duplicates: keep the ones you want.' });
          }}
        >
          Review
        </button>
      </div>
    </div>
  );
}
