/** An edit's result next to what it came from: a slider, a key that flips between them, or side by side. */
import { assetUrl } from '../../../../shared/urls';
import { useEffect, useState } from 'react';
import { SwipeSlider } from '../../lib/SwipeSlider';
import { CloseLook } from '../../lib/CloseLook';
import { useEditStore } from './store';

type Mode = 'slider' | 'toggle' | 'side' | 'look';

export function BeforeAfter({
  beforeId,
  afterId,
  modelWholeUrl = null,
  size = { width: 1, height: 1 },
}: {
  beforeId: string;
  afterId: string;
  modelWholeUrl?: string | null;
  /** The photo's size: the close look starts from it and reads each image's own once loaded. */
  size?: { width: number; height: number };
}) {
  const [mode, setMode] = useState<Mode>('slider');
  /** A composite's "after" can be the composite or the model's whole image. */
  const [whole, setWhole] = useState(false);
  const afterLabel = modelWholeUrl ? (whole ? "Model's whole image" : 'Composited') : 'After';
  const [showBefore, setShowBefore] = useState(false);
  const keepEditing = useEditStore((s) => s.keepEditing);
  const back = useEditStore((s) => s.backToCanvas);
  useEffect(() => {
    // "\" flips between before and after wherever focus is (but not while typing).
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === 'l' || e.key === 'L') {
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        e.preventDefault();
        setMode('look');
        return;
      }
      if (e.key === '\\') {
        e.preventDefault();
        setMode('toggle');
        setShowBefore((b) => !b);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const before = <img src={assetUrl(beforeId)} alt="Before" draggable={false} />;
  const after = <img src={whole && modelWholeUrl ? modelWholeUrl : assetUrl(afterId)} alt={afterLabel} draggable={false} data-testid="ba-after" />;
  return (
    <section className="before-after" data-testid="before-after" data-mode={mode} aria-label="Before and after">
      <div className="segmented" role="group" aria-label="How to show them">
        {(
          [
            ['slider', 'Slider'],
            ['toggle', 'Toggle (\\)'],
            ['side', 'Side by side'],
            ['look', 'Look closely (L)'],
          ] as const
        ).map(([m, label]) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`ba-mode-${m}`}>
            {label}
          </button>
        ))}
      </div>
      {modelWholeUrl && (
        <div className="segmented" role="group" aria-label="Which result" data-testid="ba-which">
          <button type="button" aria-pressed={!whole} onClick={() => setWhole(false)} data-testid="ba-composited">
            Composited
          </button>
          <button type="button" aria-pressed={whole} onClick={() => setWhole(true)} data-testid="ba-model-whole">
            Model&apos;s whole image
          </button>
        </div>
      )}
      {mode === 'look' && (
        <CloseLook
          key={String(whole)}
          testId="ba-look"
          a={{ src: assetUrl(beforeId), label: 'Before', ...size }}
          b={{ src: whole && modelWholeUrl ? modelWholeUrl : assetUrl(afterId), label: afterLabel, ...size }}
        />
      )}
      {mode === 'slider' && <SwipeSlider testId="ba-slider" left={before} right={after} leftLabel="Before" rightLabel={afterLabel} />}
      {mode === 'toggle' && (
        <button type="button" className="ba-toggle" onClick={() => setShowBefore(!showBefore)} data-testid="ba-flip" data-showing={showBefore ? 'before' : 'after'}>
          {showBefore ? before : after}
          <span className="swipe-tag swipe-tag-left">{showBefore ? 'Before' : afterLabel} — press \ or click to flip</span>
        </button>
      )}
      {mode === 'side' && (
        <div className="ba-side">
          <figure>
            {before}
            <figcaption>Before</figcaption>
          </figure>
          <figure>
            {after}
            <figcaption>{afterLabel}</figcaption>
          </figure>
        </div>
      )}
      <div className="compare-form-row">
        <button type="button" className="btn-primary" onClick={() => void keepEditing()} data-testid="keep-editing">
          Keep editing the result
        </button>
        <button type="button" className="btn" onClick={back}>
          Back to the canvas
        </button>
      </div>
    </section>
  );
}
