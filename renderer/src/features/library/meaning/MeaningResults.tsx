/**
 * The library search's meaning half: when search by meaning is on, the pictures nearest in
 * meaning to what was typed, in a strip above the word matches, each kind under its own heading.
 * Offline, the strip says the word matches below are all there is.
 */
import { useEffect, useState } from 'react';
import type { AssetSummary } from '../../../../../shared/ipc/contract';
import { thumbUrl } from '../../../../../shared/urls';
import { call } from '../../../lib/bridge';
import { errorText } from '../../../lib/format';
import { intents } from '../../../lib/intents';
import { useMeaning } from '../../../lib/meaning';
import { useLibraryStore } from '../store';
import './meaning.css';

type Answer = { text: string } & ({ state: 'ready'; hits: Array<{ asset: AssetSummary; score: number }> } | { state: 'offline' } | { state: 'failed'; message: string });

/** Waits this long after the last key before asking (each question is one embedding call). */
const DEBOUNCE_MS = 350;

export function MeaningResults() {
  const enabled = useMeaning((s) => s.status?.enabled === true);
  const known = useMeaning((s) => s.status !== null);
  useEffect(() => {
    if (!known) void useMeaning.getState().load();
  }, [known]);
  const text = useLibraryStore((s) => s.text.trim());
  const view = useLibraryStore((s) => s.view);
  const wordCount = useLibraryStore((s) => s.count);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const active = enabled && text !== '' && view !== 'trash';

  useEffect(() => {
    if (!active) return;
    let live = true;
    const timer = setTimeout(() => {
      void call('meaning.search', { text }).then((res) => {
        if (!live) return;
        if (!res.ok) setAnswer({ text, state: 'failed', message: `Search by meaning failed: ${errorText(res)}` });
        else if (res.data.offline) setAnswer({ text, state: 'offline' });
        else setAnswer({ text, state: 'ready', hits: res.data.hits });
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [active, text]);

  if (!active) return null;
  const current = answer?.text === text ? answer : null;
  return (
    <section className="meaning-results" aria-label="Matches by meaning" data-testid="meaning-results" data-state={current?.state ?? 'loading'}>
      <h2 className="meaning-heading">
        By meaning
        <span className="meaning-sub">{current?.state === 'ready' ? ` · ${current.hits.length} nearest` : ''}</span>
      </h2>
      {!current ? (
        <p className="meaning-note">Searching by meaning…</p>
      ) : current.state === 'offline' ? (
        <p className="meaning-note" role="status" data-testid="meaning-offline">
          Offline: search by meaning needs Gemini, so only the word matches below are shown.
        </p>
      ) : current.state === 'failed' ? (
        <p className="meaning-note" role="alert">
          {current.message} The word matches below still work.
        </p>
      ) : current.hits.length === 0 ? (
        <p className="meaning-note">Nothing close in meaning.</p>
      ) : (
        <ul className="meaning-strip">
          {current.hits.map((h, i) => (
            <li key={h.asset.id}>
              <button
                type="button"
                className="meaning-tile"
                data-testid="meaning-hit"
                data-asset-id={h.asset.id}
                title={`Found by meaning (similarity ${h.score.toFixed(2)})`}
                onClick={() => intents.openViewer(current.hits.map((x) => x.asset.id), i)}
              >
                <img src={thumbUrl(h.asset.id)} alt={h.asset.prompt ?? 'Image'} loading="lazy" />
                <span className="meaning-badge">Meaning</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="meaning-words" data-testid="meaning-words-label">
        By words · {wordCount === 1 ? '1 match' : `${wordCount} matches`} below
      </p>
    </section>
  );
}
