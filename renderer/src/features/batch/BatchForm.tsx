import { useId, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { estimateRequestCost } from '../../../../shared/models/pricing';
import { formatCount, formatUsdTotal } from '../../lib/format';
import { ModelKnobs, TierPicker } from '../../lib/ModelKnobs';
import { useCapabilities } from '../../lib/models';
import { batchElementsProblem, MAX_PROMPTS, promptsOf, useBatchStore } from './store';
import { ElementChipList, useElementMention } from '../../lib/ElementPicker';
import './batch.css';
import { InlineError } from '../../lib/InlineError';
import { SERVICE_TIER_LABELS } from '../../../../shared/domain/serviceTiers';

const BATCH_KNOBS = ['ratio'] as const;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Many prompts at once through Gemini's Batch API. Self-contained, so it can be mounted anywhere. */
export function BatchForm() {
  const { text, tier, aspectRatio, knobNotice, submitting, error, mode, queuedNote } = useBatchStore(
    useShallow((s) => ({ text: s.text, tier: s.tier, aspectRatio: s.aspectRatio, knobNotice: s.knobNotice, submitting: s.submitting, error: s.error, mode: s.mode, queuedNote: s.queuedNote })),
  );
  const { setText, setTier, setAspectRatio, submit, setMode, elements, addElement, removeElement } = useBatchStore(
    useShallow((s) => ({ setText: s.setText, setTier: s.setTier, setAspectRatio: s.setAspectRatio, submit: s.submit, setMode: s.setMode, elements: s.elements, addElement: s.addElement, removeElement: s.removeElement })),
  );
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const mention = useElementMention(inputRef, text, setText, (e) => addElement({ id: e.id, name: e.name, kind: e.kind, assetIds: e.assetIds }));
  const inputId = useId();
  const modeId = useId();
  const caps = useCapabilities(tier);
  // Economy only where the model has Flex (never on Lite); otherwise the Batch API, as before.
  const flex = mode === 'flex' && caps.serviceTiers.includes('flex');
  const prompts = promptsOf(text);
  const tooMany = prompts.length > MAX_PROMPTS;
  const elementsFit = batchElementsProblem(caps, prompts, elements);
  const estimate = prompts.reduce((sum, p) => sum + estimateRequestCost(caps, { imageSize: null, promptChars: p.length }, flex ? { serviceTier: 'flex' } : { batch: true }), 0);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // The @ picker's keys first: Enter there chooses an Element.
    mention.inputProps.onKeyDown(e);
    if (e.defaultPrevented) return;
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
      <div className="batch-input-box">
        <textarea
          ref={inputRef}
          id={inputId}
          className="batch-input"
          data-testid="batch-input"
          placeholder={'A lighthouse at dusk, oil painting\nThe same lighthouse in a snowstorm\n@Anna in the lighthouse keeper’s kitchen (type @ for an Element)'}
          rows={6}
          spellCheck={false}
          value={text}
          {...mention.inputProps}
          onChange={(e) => {
            setText(e.target.value);
            mention.noteCaret(e.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
        />
        {mention.picker}
      </div>
      <ElementChipList elements={elements} problem={elementsFit} onRemove={removeElement} />
      <div className="batch-form-bar">
        <ModelKnobs label="Batch options" caps={caps} choices={{ aspectRatio }} onChange={(p) => p.aspectRatio !== undefined && setAspectRatio(p.aspectRatio)} knobs={BATCH_KNOBS} auto notice={knobNotice} testIds={{ ratio: 'batch-aspect' }}>
          <TierPicker value={tier} onChange={setTier} testIdPrefix="batch-tier-" />
          {caps.serviceTiers.includes('flex') && (
            <div className="select-wrap">
              <label htmlFor={modeId} className="select-label">
                <span className="select-prefix">Run as</span>
              </label>
              <select id={modeId} className="select" data-testid="batch-mode" value={flex ? 'flex' : 'batch'} onChange={(e) => setMode(e.target.value === 'flex' ? 'flex' : 'batch')}>
                <option value="batch">Batch (half price, within 24 hours)</option>
                <option value="flex">{SERVICE_TIER_LABELS.flex}</option>
              </select>
            </div>
          )}
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
          {submitting ? 'Submitting…' : flex ? 'Queue at Economy' : 'Submit batch'}
          <kbd className="kbd" aria-hidden="true">
            {isMac ? '⌘' : 'Ctrl'} ↵
          </kbd>
        </button>
      </div>
      <p className="batch-explain">
        {flex
          ? 'Economy jobs cost half as much and each answers within minutes; Google may set one aside when busy, and Atelier tries it again at half price. Each line becomes one image in the library.'
          : 'Batch jobs cost half as much and finish within 24 hours (usually much sooner). Each line becomes one image in the library.'}
      </p>
      {queuedNote && (
        <p className="batch-explain" role="status" data-testid="batch-queued-note">
          {queuedNote}
        </p>
      )}
      <InlineError message={error} testId="batch-error" />
    </section>
  );
}
