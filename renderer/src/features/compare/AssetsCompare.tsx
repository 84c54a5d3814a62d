/** "Compare what you already have": 2–4 library images with their facts side by side, no voting. */
import { assetUrl } from '../../../../shared/urls';
import { useState } from 'react';
import type { AssetDetail } from '../../../../shared/ipc/contract';
import { SwipeSlider } from '../../lib/SwipeSlider';
import { useZoomGroup, ZoomPane } from '../../lib/SyncedZoom';
import { CompactFacts } from '../../lib/GenerationFacts';
import { useCompareStore } from './store';

const title = (a: AssetDetail) => a.generation?.modelId ?? a.name ?? 'Imported image';

export function AssetsCompare({ assets }: { assets: AssetDetail[] }) {
  const close = useCompareStore((s) => s.close);
  const group = useZoomGroup();
  const [swipe, setSwipe] = useState(false);
  return (
    <section className="comparison" data-testid="assets-compare">
      <header className="comparison-head">
        <button type="button" className="btn-ghost" onClick={close}>
          ← Back
        </button>
        <p className="comparison-prompt">Comparing {assets.length} images from your library</p>
        <button type="button" className="btn-ghost" aria-pressed={swipe} onClick={() => setSwipe(!swipe)}>
          {swipe ? 'Side by side' : 'Swipe first two'}
        </button>
      </header>
      {swipe ? (
        <SwipeSlider
          testId="compare-swipe"
          left={<img src={assetUrl(assets[0]!.id)} alt={title(assets[0]!)} />}
          right={<img src={assetUrl(assets[1]!.id)} alt={title(assets[1]!)} />}
          leftLabel={title(assets[0]!)}
          rightLabel={title(assets[1]!)}
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
