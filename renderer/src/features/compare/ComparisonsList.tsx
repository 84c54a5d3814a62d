/** Every comparison kept, newest first; blind ones keep their labels hidden until voted. */
import { thumbUrl } from '../../../../shared/urls';
import { useEffect } from 'react';
import { formatDateTime } from '../../lib/format';
import { useCompareStore } from './store';

export function ComparisonsList() {
  const list = useCompareStore((s) => s.list);
  const load = useCompareStore((s) => s.loadList);
  const open = useCompareStore((s) => s.open);
  useEffect(() => {
    void load();
  }, [load]);
  if (list.length === 0) return <p className="muted">No comparisons yet. Start one above.</p>;
  return (
    <ul className="comparisons-list" data-testid="comparisons-list">
      {list.map((c) => (
        <li key={c.id}>
          <button type="button" className="comparison-item" onClick={() => void open(c.id)} data-testid="comparison-item">
            <span className="comparison-thumbs" aria-hidden="true">
              {c.thumbAssetIds.slice(0, 4).map((id) => (
                <img key={id} src={thumbUrl(id)} alt="" loading="lazy" />
              ))}
            </span>
            <span className="comparison-text">
              <strong>{c.prompt}</strong>
              <span className="muted">
                {c.labels.join(' vs ')} · {formatDateTime(c.createdAt)}
                {c.blind ? ' · blind' : ''}
              </span>
              <span className="comparison-verdict">
                {c.state === 'cancelled'
                  ? 'Cancelled'
                  : c.vote
                    ? c.vote.kind === 'winner'
                      ? `Winner: ${c.winnerLabel}`
                      : c.vote.kind === 'tie'
                        ? 'Tie'
                        : 'All bad'
                    : c.state === 'running'
                      ? 'Running'
                      : 'Not voted yet'}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
