/** Start a comparison: one prompt, 2–4 contenders, blind or not, with every contender's price first. */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContenderInput } from '../../../../shared/ipc/contract';
import { ALL_ASPECT_RATIOS, IMAGE_SIZES, type AspectRatio } from '../../../../shared/models';
import { formatUsdPrecise } from '../../lib/format';
import { useCompareStore, useComparePrefs } from './store';

const TIERS = [
  { value: 'flash', label: 'Flash' },
  { value: 'pro', label: 'Pro' },
] as const;

/** The draft lives in the store: it outlives the screen, and the app's Ctrl+Enter starts it from there. */
export function CompareForm() {
  const { draft, setDraft, draftInput, startDraft, focusRequest } = useCompareStore(
    useShallow((s) => ({ draft: s.draft, setDraft: s.setDraft, draftInput: s.draftInput, startDraft: s.startDraft, focusRequest: s.focusRequest })),
  );
  const { prompt, aspectRatio, edit } = draft;
  const { blind, contenders, setBlind, setContenders } = useComparePrefs(
    useShallow((s) => ({ blind: s.blind, contenders: s.contenders, setBlind: s.setBlind, setContenders: s.setContenders })),
  );
  const { estimate, estimateCost, busy, error } = useCompareStore(
    useShallow((s) => ({ estimate: s.estimate, estimateCost: s.estimateCost, busy: s.busy, error: s.error })),
  );
  const promptRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusRequest > 0) promptRef.current?.focus();
  }, [focusRequest]);
  const input = { ...draftInput(), prompt: prompt.trim() || 'x' };
  const key = JSON.stringify({ ...input, blind, contenders, prompt: prompt.length });
  useEffect(() => {
    void estimateCost(input);
    // The estimate depends on the contenders and the prompt's length only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const update = (i: number, patch: Partial<ContenderInput>) => setContenders(contenders.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <form
      className="compare-form"
      data-testid="compare-form"
      onSubmit={(e) => {
        e.preventDefault();
        void startDraft();
      }}
    >
      {!edit && (
        <label className="field">
          <span>Prompt</span>
          <textarea
            ref={promptRef}
            data-testid="compare-prompt"
            rows={3}
            value={prompt}
            onChange={(e) => setDraft({ prompt: e.target.value })}
            placeholder="What should every contender draw?"
          />
        </label>
      )}
      <div className="compare-form-row">
        {!edit && (
          <label className="field">
            <span>Aspect ratio</span>
            <select value={aspectRatio} onChange={(e) => setDraft({ aspectRatio: e.target.value as AspectRatio })} data-testid="compare-aspect">
              {ALL_ASPECT_RATIOS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        )}
        <label className="toggle">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="compare-blind" />
          <span>Blind: hide which model made which image until I vote</span>
        </label>
      </div>
      <fieldset className="contenders">
        <legend>Contenders (2–4)</legend>
        {contenders.map((c, i) => {
          const est = estimate?.contenders[i];
          return (
            <div className="contender-row" key={i} data-testid="contender-row">
              <span className="contender-n">{i + 1}</span>
              <select aria-label={`Contender ${i + 1} model`} value={c.tier} onChange={(e) => update(i, { tier: e.target.value as 'flash' | 'pro' })} data-testid="contender-tier">
                {TIERS.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              <select aria-label={`Contender ${i + 1} size`} value={c.imageSize ?? ''} onChange={(e) => update(i, { imageSize: (e.target.value || null) as ContenderInput['imageSize'] })} data-testid="contender-size">
                <option value="">Default size</option>
                {IMAGE_SIZES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
              <select aria-label={`Contender ${i + 1} thinking`} value={c.thinkingLevel ?? ''} onChange={(e) => update(i, { thinkingLevel: (e.target.value || null) as ContenderInput['thinkingLevel'] })}>
                <option value="">Default thinking</option>
                <option value="minimal">Minimal thinking</option>
                <option value="medium">Medium thinking</option>
                <option value="high">High thinking</option>
              </select>
              <label className="toggle">
                <input type="checkbox" checked={!!c.grounding} onChange={(e) => update(i, { grounding: e.target.checked })} />
                <span>Search</span>
              </label>
              <span className="contender-est" data-testid="contender-estimate">
                {est ? (est.problem ? <span className="problem">{est.problem}</span> : `≈ ${formatUsdPrecise(est.estimateUsd)}`) : ''}
              </span>
              {contenders.length > 2 && (
                <button type="button" className="btn-ghost" aria-label={`Remove contender ${i + 1}`} onClick={() => setContenders(contenders.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </div>
          );
        })}
        {contenders.length < 4 && (
          <button type="button" className="btn-ghost" data-testid="contender-add" onClick={() => setContenders([...contenders, { tier: 'flash', imageSize: '2K' }])}>
            Add a contender
          </button>
        )}
      </fieldset>
      <div className="compare-form-row">
        <button type="submit" className="btn-primary" disabled={busy || (!edit && !prompt.trim())} data-testid="compare-start">
          Compare
        </button>
        {estimate && (
          <span className="muted" data-testid="compare-total">
            All contenders: about {formatUsdPrecise(estimate.totalUsd)}
          </span>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="compare-error">
          {error}
        </p>
      )}
    </form>
  );
}
