import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetDetail as AssetDetailData } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/models';
import { formatBytes, formatCount, formatDateTime, formatDuration } from '../../lib/format';
import { AlertIcon, CloseIcon } from '../../lib/icons';
import { useOnboardingStore } from '../onboarding/store';
import { useLibraryStore } from './store';

function focusTile(id: string) {
  document.querySelector<HTMLElement>(`[data-testid="asset-tile"][data-asset-id="${CSS.escape(id)}"]`)?.focus();
}

function Fields({ detail }: { detail: AssetDetailData }) {
  const gen = detail.generation;
  const prompt = gen?.prompt ?? detail.prompt;
  const size = `${detail.width}×${detail.height}`;
  return (
    <dl className="detail-fields">
      <dt>Prompt</dt>
      <dd className="detail-prompt" data-testid="detail-prompt">
        {prompt ?? <span className="muted">No prompt ({detail.source})</span>}
      </dd>

      <dt>Model</dt>
      <dd data-testid="detail-model">
        {gen ? (
          <>
            <span className="mono">{gen.modelId}</span> <span className="pill">{TIER_LABELS[gen.tier]}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </dd>

      <dt>Parameters</dt>
      <dd data-testid="detail-params">{gen ? `Aspect ratio ${gen.params.aspectRatio} · ${size}` : size}</dd>

      {gen?.responseText != null && (
        <>
          <dt>Returned text</dt>
          <dd className="detail-text" data-testid="detail-text">
            {gen.responseText}
          </dd>
        </>
      )}

      {gen && (
        <>
          <dt>Tokens</dt>
          <dd data-testid="detail-tokens">
            {formatCount(gen.usage.promptTokens)} prompt · {formatCount(gen.usage.outputTokens)} output ·{' '}
            {formatCount(gen.usage.thoughtTokens)} thinking
          </dd>

          <dt>Duration</dt>
          <dd data-testid="detail-duration">{formatDuration(gen.durationMs)}</dd>
        </>
      )}

      <dt>Created</dt>
      <dd data-testid="detail-created">{formatDateTime(detail.createdAt)}</dd>

      <dt>File</dt>
      <dd>
        {detail.mime.replace(/^image\//, '').toUpperCase()} · {formatBytes(detail.bytes)}
      </dd>
    </dl>
  );
}

export function AssetDetail() {
  const { selectedId, detail, detailError, closeDetail, summary } = useLibraryStore(
    useShallow((s) => ({
      selectedId: s.selectedId,
      detail: s.detail,
      detailError: s.detailError,
      closeDetail: s.closeDetail,
      summary: s.assets.find((a) => a.id === s.selectedId),
    })),
  );

  useEffect(() => {
    if (selectedId === null) return;
    const id = selectedId;
    function onKey(e: globalThis.KeyboardEvent) {
      // Escape belongs to the key dialog while it is open.
      if (e.key !== 'Escape' || e.defaultPrevented || useOnboardingStore.getState().dialogOpen) return;
      closeDetail();
      focusTile(id);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedId, closeDetail]);

  if (selectedId === null) return null;
  const alt = detail?.prompt ?? summary?.prompt ?? 'Image';

  return (
    <aside className="detail" data-testid="asset-detail" aria-label="Image details">
      <header className="detail-header">
        <h2 className="section-title">Details</h2>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-icon"
          data-testid="detail-close"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={() => {
            closeDetail();
            focusTile(selectedId);
          }}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="detail-scroll">
        <div className="detail-image">
          <img data-testid="detail-image" src={`/assets/${selectedId}`} alt={alt} />
        </div>
        {detailError ? (
          <p className="inline-error" role="alert">
            <AlertIcon />
            <span>{detailError}</span>
          </p>
        ) : detail ? (
          <Fields detail={detail} />
        ) : (
          <p className="muted detail-loading">Loading details…</p>
        )}
      </div>
    </aside>
  );
}
