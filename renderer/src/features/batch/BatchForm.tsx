import { useId, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { estimateRequestCost } from '../../../../shared/models/pricing';
import { formatCount, formatUsdTotal } from '../../lib/format';
import { ModelKnobs, TierPicker } from '../../lib/ModelKnobs';
import { useCapabilities } from '../../lib/models';
import { MAX_PROMPTS, promptsOf, useBatchStore } from './store';
import './batch.css';
import { InlineError } from '../../lib/InlineError';

const BATCH_KNOBS = ['ratio'] as const;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Many prompts at once through Gemini's Batch API. Self-contained, so it can be mounted anywhere. */
export function BatchForm() {
  const { text, tier, aspectRatio, knobNotice, submitting, error } = useBatchStore(
    useShallow((s) => ({ text: s.text, tier: s.tier, aspectRatio: s.aspectRatio, knobNotice: s.knobNotice, submitting: s.submitting, error: s.error })),
  );
  const { setText, setTier, setAspectRatio, submit } = useBatchStore(
    useShallow((s) => ({ setText: s.setText, setTier: s.setTier, setAspectRatio: s.setAspectRatio, submit: s.submit })),
  );
  const inputId = useId();
  const caps = useCapabilities(tier);
  const prompts = promptsOf(text);
  const tooMany = prompts.length > MAX_PROMPTS;
  const estimate = prompts.reduce((sum, p) => sum + estimateRequestCost(caps, { imageSize: null, promptChars: p.length }, { batch: true }), 0);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <section className="panel batch-form" aria-labelledby={inputId}>
      <label htmlFor={inputId} className="card-title">
        One prompt per line
      </label>
      <textarea
        id={inputId}
        className="batch-input"
        data-testid="batch-input"
        placeholder={'A lighthouse at dusk, oil painting\nThe same lighthouse in a snowstorm\nA lighthouse keeper’s kitchen, morning light'}
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="batch-form-bar">
        <ModelKnobs label="Batch options" caps={caps} choices={{ aspectRatio }} onChange={(p) => p.aspectRatio !== undefined && setAspectRatio(p.aspectRatio)} knobs={BATCH_KNOBS} auto notice={knobNotice} testIds={{ ratio: 'batch-aspect' }}>
          <TierPicker value={tier} onChange={setTier} testIdPrefix="batch-tier-" />
        </ModelKnobs>
        <span className="spacer" />
        <span className={`batch-count${tooMany ? ' is-over' : ''}`} data-testid="batch-count">
          {prompts.length === 0
            ? 'No prompts yet'
            : `${formatCount(prompts.length)} ${prompts.length === 1 ? 'prompt' : 'prompts'}${tooMany ? ` (at most ${MAX_PROMPTS})` : ` · ≈ ${formatUsdTotal(estimate)}`}`}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="batch-submit"
          disabled={submitting}
          onClick={() => void submit()}
        >
          {submitting ? 'Submitting…' : 'Submit batch'}
          <kbd className="kbd" aria-hidden="true">
            {isMac ? '⌘' : 'Ctrl'} ↵
          </kbd>
        </button>
      </div>
      <p className="batch-explain">
        Batch jobs cost half as much and finish within 24 hours (usually much sooner). Each line becomes one image in
        the library.
      </p>
      <InlineError message={error} testId="batch-error" />
    </section>
  );
}
