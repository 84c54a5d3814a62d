/** "Compare what you already have": 2–4 library images with their facts side by side, no voting. */
import { assetUrl } from '../../../../shared/urls';
import { useEffect, useState } from 'react';
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { CloseLook, lookModeForKey, type LookMode } from '../../lib/CloseLook';
import { useZoomGroup, ZoomPane } from '../../lib/SyncedZoom';
import { CompactFacts } from '../../lib/GenerationFacts';
import { useCompareStore } from './store';

const title = (a: AssetDetail) => a.generation?.modelId ?? a.name ?? 'Imported image';

export function AssetsCompare({ assets }: { assets: AssetDetail[] }) {
  const close = useCompareStore((s) => s.close);
  const group = useZoomGroup();
  /** The close look at the first two, in the mode it opened in; null: all of them side by side. */
  const [look, setLook] = useState<LookMode | null>(null);
  const swipe = look !== null;
  useEffect(() => {
    if (look) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const mode = e.key === ' ' ? 'flicker' : lookModeForKey(e.key);
      if (!mode || mode === 'side') return;
      e.preventDefault();
      setLook(mode);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [look]);
  return (
    <section className="comparison" data-testid="assets-compare">
      <header className="comparison-head">
        <button type="button" className="btn-ghost" onClick={close}>
          ← Back
        </button>
        <p className="comparison-prompt">Comparing {assets.length} images from your library</p>
        <button type="button" className="btn-ghost" aria-pressed={swipe} onClick={() => setLook(swipe ? null : 'wipe')} data-testid="compare-look">
          {swipe ? `All ${assets.length}` : 'Look closely at the first two'}
        </button>
      </header>
      {look ? (
        <CloseLook
          testId="compare-look-view"
          initialMode={look}
          a={{ src: assetUrl(assets[0]!.id), label: title(assets[0]!), width: assets[0]!.width, height: assets[0]!.height }}
          b={{ src: assetUrl(assets[1]!.id), label: title(assets[1]!), width: assets[1]!.width, height: assets[1]!.height }}
        />
      ) : (
        <div className={`results results-${assets.length}`}>
          {assets.map((a, i) => {
            const g = a.generation;
            return (
              <article key={a.id} className="result" data-testid="compare-result" data-state="succeeded">
                <header className="result-head">
                  <strong data-testid="result-label">{title(a)}</strong>
                </header>
                <div className="result-frame">
                  <ZoomPane group={group} index={i}>
                    <img src={assetUrl(a.id)} alt={g?.prompt ?? title(a)} draggable={false} data-testid="result-image" />
                  </ZoomPane>
                </div>
                <p className="result-prompt">{g?.prompt ?? 'Imported'}</p>
                <CompactFacts
                  facts={{
                    modelId: g?.modelId ?? null,
                    width: a.width,
                    height: a.height,
                    finalMs: g?.durationMs ?? null,
                    tokens: g ? { prompt: g.usage.promptTokens, output: g.usage.outputTokens, thinking: g.usage.thoughtTokens } : null,
                    costUsd: g?.costUsd ?? null,
                    credentials: a.credentials ?? null,
                  }}
                  hide={{}}
                />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
