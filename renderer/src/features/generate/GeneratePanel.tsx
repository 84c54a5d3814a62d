import { useId, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  FALLBACK_MODEL_FOR_TIER,
  MODEL_TIERS,
  TIER_LABELS,
  aspectRatiosForTier,
  type AspectRatio,
} from '../../../../shared/models';
import { AlertIcon, SparkIcon } from '../../lib/icons';
import { useGenerateStore } from './store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A small outline of the ratio's shape, so "21:9" reads at a glance. */
function RatioGlyph({ ratio }: { ratio: string }) {
  const [w = 1, h = 1] = ratio.split(':').map(Number);
  const box = 14;
  const scale = box / Math.max(w, h);
  return (
    <span className="ratio-glyph" aria-hidden="true">
      <span style={{ width: Math.max(3, Math.round(w * scale)), height: Math.max(3, Math.round(h * scale)) }} />
    </span>
  );
}

export function GeneratePanel() {
  const { prompt, tier, aspectRatio, submitting, error, models } = useGenerateStore(
    useShallow((s) => ({
      prompt: s.prompt,
      tier: s.tier,
      aspectRatio: s.aspectRatio,
      submitting: s.submitting,
      error: s.error,
      models: s.models,
    })),
  );
  const { setPrompt, setTier, setAspectRatio, submit } = useGenerateStore(
    useShallow((s) => ({ setPrompt: s.setPrompt, setTier: s.setTier, setAspectRatio: s.setAspectRatio, submit: s.submit })),
  );
  const ratioId = useId();
  const modelId = models?.tiers[tier] ?? FALLBACK_MODEL_FOR_TIER[tier];

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <section className="panel generate" aria-label="Generate">
      <textarea
        className="prompt-input"
        data-testid="prompt-input"
        aria-label="Prompt"
        placeholder="Describe the image you want…"
        rows={3}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="generate-bar">
        <div className="segmented" role="group" aria-label="Model tier">
          {MODEL_TIERS.map((t) => (
            <button
              key={t}
              type="button"
              className="segment"
              data-testid={`tier-${t}`}
              aria-pressed={tier === t}
              onClick={() => setTier(t)}
            >
              {TIER_LABELS[t]}
            </button>
          ))}
        </div>

        <div className="select-wrap">
          <label htmlFor={ratioId} className="select-label">
            <RatioGlyph ratio={aspectRatio} />
            <span className="sr-only">Aspect ratio</span>
          </label>
          <select
            id={ratioId}
            className="select"
            data-testid="aspect-select"
            value={aspectRatio}
            onChange={(e) => setAspectRatio(e.target.value as AspectRatio)}
          >
            {aspectRatiosForTier(tier).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>

        <span className="spacer" />

        <div className="generate-go">
          <button
            type="button"
            className="btn btn-primary btn-generate"
            data-testid="generate-button"
            disabled={submitting}
            onClick={() => void submit()}
          >
            <SparkIcon />
            Generate
            <kbd className="kbd" aria-hidden="true">
              {isMac ? '⌘' : 'Ctrl'} ↵
            </kbd>
          </button>
          <span className="resolved-model" title={`${TIER_LABELS[tier]} uses this model`}>
            <span data-testid="resolved-model">{modelId}</span>
          </span>
        </div>
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="generate-error">
          <AlertIcon />
          <span>{error}</span>
        </p>
      )}
    </section>
  );
}
