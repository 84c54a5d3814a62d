import { useEffect, useState } from 'react';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { EditIcon, HeartIcon, OpenIcon } from '../../lib/icons';
import { useNotices } from '../../lib/notices';
import { Stars } from '../../lib/Stars';
import { intents } from '../../lib/intents';

/**
 * What can be done with a chat's picture, as with any library image: view it, rate it,
 * favourite it, edit it. The rating and favourite are the library's (a chat image is an asset).
 */
export function ChatImageActions({ assetId, onView }: { assetId: string; onView: () => void }) {
  const [state, setState] = useState<{ rating: number; favorite: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    void call('library.get', { id: assetId }).then((res) => {
      if (live && res.ok) setState({ rating: res.data.rating, favorite: res.data.favorite });
    });
    return () => {
      live = false;
    };
  }, [assetId]);

  async function update(patch: { rating?: number; favorite?: boolean }) {
    const before = state;
    setState((s) => ({ rating: 0, favorite: false, ...s, ...patch }));
    const res = await call('library.update', { ids: [assetId], ...patch });
    if (!res.ok) {
      setState(before);
      useNotices.getState().push({ kind: 'warning', message: `Could not save that: ${errorText(res)}` });
    }
  }

  return (
    <div className="chat-image-actions" role="group" aria-label="Image actions">
      <button type="button" className="btn btn-icon btn-sm" data-testid="chat-image-view" aria-label="View full size" title="View (opens the viewer)" onClick={onView}>
        <OpenIcon />
      </button>
      <Stars rating={state?.rating ?? 0} onRate={(rating) => void update({ rating })} testIdPrefix="chat-image-star-" size={14} />
      <button
        type="button"
        className={`btn btn-icon btn-sm${state?.favorite ? ' is-on' : ''}`}
        data-testid="chat-image-favorite"
        aria-pressed={state?.favorite ?? false}
        aria-label="Favourite"
        title="Favourite"
        onClick={() => void update({ favorite: !(state?.favorite ?? false) })}
      >
        <HeartIcon />
      </button>
      <button type="button" className="btn btn-icon btn-sm" data-testid="chat-image-edit" aria-label="Edit this image" title="Edit this image in the studio" onClick={() => intents.editFrom(assetId)}>
        <EditIcon />
      </button>
    </div>
  );
}
