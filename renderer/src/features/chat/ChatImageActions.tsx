import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAssets, useOrganised } from '../../lib/assets';
import { EditIcon, HeartIcon, OpenIcon } from '../../lib/icons';
import { useNotices } from '../../lib/notices';
import { Stars } from '../../lib/Stars';
import { useHandoff } from '../../lib/handoff';

/**
 * What can be done with a chat's picture, as with any library image: view it, rate it,
 * favourite it, edit it. The rating and favourite are the library's (a chat image is an asset).
 */
export function ChatImageActions({ assetId, onView }: { assetId: string; onView: () => void }) {
  const state = useOrganised(assetId);
  const { loadDetail, rate, setFavorite } = useAssets(useShallow((s) => ({ loadDetail: s.loadDetail, rate: s.rate, setFavorite: s.setFavorite })));

  useEffect(() => {
    void loadDetail(assetId);
  }, [assetId, loadDetail]);

  async function update(patch: { rating: number } | { favorite: boolean }) {
    const error = 'rating' in patch ? await rate([assetId], patch.rating) : await setFavorite([assetId], patch.favorite);
    if (error) useNotices.getState().push({ kind: 'warning', message: `Could not save that: ${error}` });
  }

  return (
    <div className="chat-image-actions" role="group" aria-label="Image actions">
      <button type="button" className="btn btn-icon btn-sm" data-testid="chat-image-view" aria-label="View full size" title="View (opens the viewer)" onClick={onView}>
        <OpenIcon />
      </button>
      <Stars rating={state.rating} onRate={(rating) => void update({ rating })} testIdPrefix="chat-image-star-" size={14} />
      <button
        type="button"
        className={`btn btn-icon btn-sm${state.favorite ? ' is-on' : ''}`}
        data-testid="chat-image-favorite"
        aria-pressed={state.favorite}
        aria-label="Favourite"
        title="Favourite"
        onClick={() => void update({ favorite: !(state.favorite) })}
      >
        <HeartIcon />
      </button>
      <button type="button" className="btn btn-icon btn-sm" data-testid="chat-image-edit" aria-label="Mark & edit" title="Mark & edit: open this image on the edit canvas" onClick={() => useHandoff.getState().editAsset(assetId)}>
        <EditIcon />
      </button>
    </div>
  );
}
