/** Start a comparison: one prompt, 2–4 contenders, blind or not, with every contender's price first. */
import { ServiceTierPicker } from '../../lib/ServiceTierPicker';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContenderInput } from '../../../../shared/ipc/contract';
import { formatUsdPrecise } from '../../lib/format';
import { ModelKnobs } from '../../lib/ModelKnobs';
import { fitNotice, fitToModel, ratiosAcceptedByAll, useModelsStore } from '../../lib/models';
import { capsOfContender, fitComparison, fitContender } from './fit';
import { ElementChipList, useElementMention } from '../../lib/ElementPicker';
import { fitElements } from '../../../../shared/models/elementFit';
import { useCompareStore, useComparePrefs } from './store';

const CONTENDER_KNOBS = ['size', 'thinking', 'grounding'] as const;
const RATIO_KNOB = ['ratio'] as const;

const TIERS = [
  { value: 'flash', label: 'Flash' },
  { value: 'pro', label: 'Pro' },
] as const;

/**
 * The draft lives in the store: it outlives the screen, and the app's Ctrl+Enter starts it from
 * there. Contenders and the ratio are fitted to the models as they are read (./fit.ts).
 */
export function CompareForm() {
  const { draft, setDraft, draftInput, startDraft, focusRequest, addElement, removeElement } = useCompareStore(
    useShallow((s) => ({ draft: s.draft, setDraft: s.setDraft, draftInput: s.draftInput, startDraft: s.startDraft, focusRequest: s.focusRequest, addElement: s.addElement, removeElement: s.removeElement })),
  );
  const { prompt, edit } = draft;
  const [notices, setNotices] = useState<Record<string, string | null>>({});
  const models = useModelsStore((s) => s.models);
  const { blind, contenders: saved, setBlind, setContenders } = useComparePrefs(
    useShallow((s) => ({ blind: s.blind, contenders: s.contenders, setBlind: s.setBlind, setContenders: s.setContenders })),
  );
  const { caps, contenders, ratios, aspectRatio } = fitComparison(models, saved, draft.aspectRatio);
  const { estimate, estimateCost, busy, error } = useCompareStore(
    useShallow((s) => ({ estimate: s.estimate, estimateCost: s.estimateCost, busy: s.busy, error: s.error })),
  );
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const mention = useElementMention(promptRef, prompt, (next) => setDraft({ prompt: next }), (e) => addElement({ id: e.id, name: e.name, kind: e.kind, assetIds: e.assetIds }));
  const chosen = draft.elements ?? [];
  // The studio's "which to drop", for the first contender the Elements do not fit.
  const elementsFit = caps
    .map((c, i) => {
      const fit = fitElements(c, draft.references ?? [], chosen);
      return fit ? `Contender ${i + 1}: ${fit.message}` : null;
    })
    .find((m) => m !== null) ?? null;
  useEffect(() => {
    if (focusRequest > 0) promptRef.current?.focus();
  }, [focusRequest]);
  const input = { ...draftInput(), prompt: prompt.trim() || 'x' };
  const key = JSON.stringify({ ...input, prompt: prompt.length });
  useEffect(() => {
    void estimateCost(input);
    // The estimate depends on the contenders and the prompt's length only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const update = (i: number, patch: Partial<ContenderInput>) => {
    // Only what was set: a knob this row lacks must not land in the request as an unknown key.
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = contenders.map((c, j) => (j === i ? { ...c, ...set } : c));
    const nextCaps = next.map((c) => capsOfContender(models, c));
    const fitted = fitContender(next[i]!, nextCaps[i]!);
    next[i] = fitted.contender;
    // The shared ratio must suit every contender: a new model may narrow it.
    const ratioFit = fitToModel({ aspectRatio }, nextCaps[i]!, { ratios: ratiosAcceptedByAll(nextCaps) });
    if (ratioFit.changes.length) setDraft({ aspectRatio: ratioFit.choices.aspectRatio ?? null });
    setNotices({ [i]: fitted.notice, ratio: fitNotice(nextCaps[i]!, ratioFit.changes) });
    setContenders(next);
  };
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
        <div className="compare-prompt-field">
          <div className="compare-prompt-box">
            {mention.picker}
            <label className="field">
              <span>Prompt</span>
              <textarea
                ref={promptRef}
                data-testid="compare-prompt"
                rows={3}
                value={prompt}
                {...mention.inputProps}
                onChange={(e) => {
                  setDraft({ prompt: e.target.value });
                  mention.noteCaret(e.target.selectionStart);
                }}
                placeholder="What should every contender draw? Type @ for an Element."
              />
            </label>
          </div>
          <ElementChipList elements={chosen} problem={elementsFit} onRemove={removeElement} />
        </div>
      )}
      <div className="compare-form-row">
        {!edit && (
          <div className="field">
            <span aria-hidden="true">Aspect ratio</span>
            <ModelKnobs
              label="Aspect ratio for every contender"
              caps={caps[0]!}
              ratios={ratios}
              choices={{ aspectRatio }}
              onChange={(p) => {
                setDraft({ aspectRatio: p.aspectRatio ?? null });
                setNotices({});
              }}
              knobs={RATIO_KNOB}
              auto
              notice={notices.ratio}
              testIds={{ ratio: 'compare-aspect' }}
            />
          </div>
        )}
        <ServiceTierPicker
          caps={{ serviceTiers: caps.every((c) => c.serviceTiers.includes('flex')) ? ['standard', 'flex'] : ['standard'] }}
          value={draft.serviceTier ?? 'standard'}
          onChange={(t) => setDraft({ serviceTier: t === 'flex' ? 'flex' : 'standard' })}
          priorityAllowed={false}
          testIdPrefix="compare-service-tier"
        />
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
              <ModelKnobs
                compact
                label={`Contender ${i + 1} options`}
                caps={caps[i]!}
                choices={c}
                onChange={({ imageSize, thinkingLevel, grounding }) => update(i, { imageSize, thinkingLevel, grounding })}
                knobs={CONTENDER_KNOBS}
                notice={notices[i]}
                testIds={{ size: 'contender-size', thinking: 'contender-thinking', grounding: 'contender-grounding' }}
              >
                <div className="select-wrap">
                  <select className="select" aria-label={`Contender ${i + 1} model`} value={c.tier} onChange={(e) => update(i, { tier: e.target.value as 'flash' | 'pro' })} data-testid="contender-tier">
                    {TIERS.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </div>
              </ModelKnobs>
              <span className="contender-est" data-testid="contender-estimate">
                {est ? (est.problem ? <span className="problem">{est.problem}</span> : `≈ ${formatUsdPrecise(est.estimateUsd)}`) : ''}
              </span>
              {contenders.length > 2 && (
                <button
                  type="button"
                  className="btn-ghost"
                  aria-label={`Remove contender ${i + 1}`}
                  onClick={() => {
                    // Notices are by row: a removed row shifts the rest, so they go.
                    setNotices({});
                    setContenders(contenders.filter((_, j) => j !== i));
                  }}
                >
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
