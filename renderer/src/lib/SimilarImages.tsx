/**
 * "Similar" for one image: its near-duplicates first (same picture re-saved, resized, cropped a
 * little), then its look-alikes (alike in composition and colour). Drawn the same in the viewer,
 * the detail panel and wherever else an image offers it.
 */
import { useEffect, useState } from 'react';
import type { Similar } from '../../../shared/ipc/contract';
import { thumbUrl } from '../../../shared/urls';
import { call } from './bridge';
import { errorText } from './format';
import './similar.css';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; similar: Similar };
type ForAsset = Loaded & { assetId: string | null };

export function SimilarImages({ assetId, onOpen, testId = 'similar' }: { assetId: string; onOpen: (ids: string[], index: number) => void; testId?: string }) {
  const [answer, setAnswer] = useState<ForAsset>({ state: 'loading', assetId: null });
  useEffect(() => {
    let live = true;
    void call('duplicates.similar', { id: assetId }).then((res) => {
      if (!live) return;
      setAnswer(res.ok ? { state: 'ready', similar: res.data, assetId } : { state: 'failed', message: `Could not find similar images: ${errorText(res)}`, assetId });
    });
    return () => {
      live = false;
    };
  }, [assetId]);
  // An answer for the image shown before is not this one's: loading until its own comes.
  const loaded: Loaded = answer.assetId === assetId ? answer : { state: 'loading' };

  if (loaded.state === 'loading') return <p className="similar-note" data-testid={`${testId}-loading`}>Looking for similar images…</p>;
  if (loaded.state === 'failed') return <p className="similar-note" role="alert">{loaded.message}</p>;
  const { nearDuplicates, lookalikes } = loaded.similar;
  const all = [...nearDuplicates, ...lookalikes].map((m) => m.id);
  if (all.length === 0) {
    return (
      <p className="similar-note" data-testid={`${testId}-none`}>
        Nothing similar in the library yet. (Images are compared once Atelier has fingerprinted them; a large library takes a few minutes.)
      </p>
    );
  }
  const tiles = (list: Similar['nearDuplicates'], offset: number, kind: 'near' | 'alike') => (
    <ul className="similar-tiles">
      {list.map((m, i) => (
        <li key={m.id}>
          <button
            type="button"
            className="similar-tile"
            data-testid={`${testId}-${kind}`}
            data-asset-id={m.id}
            title={kind === 'near' ? `Near-identical (${m.distance} of 64 bits differ)` : 'Looks alike in composition and colour'}
            onClick={() => onOpen(all, offset + i)}
          >
            <img src={thumbUrl(m.id)} alt={m.prompt ?? 'Image'} loading="lazy" />
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="similar" data-testid={testId}>
      {nearDuplicates.length > 0 && (
        <section aria-label="Near-duplicates">
          <h3 className="similar-heading">Near-duplicates · {nearDuplicates.length}</h3>
          {tiles(nearDuplicates, 0, 'near')}
        </section>
      )}
      {lookalikes.length > 0 && (
        <section aria-label="Look-alikes">
          <h3 className="similar-heading">Look-alikes · {lookalikes.length}</h3>
          {tiles(lookalikes, nearDuplicates.length, 'alike')}
        </section>
      )}
    </div>
  );
}
