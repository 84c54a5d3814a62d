import { useEffect, useId, useMemo, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { estimateRequestCost } from '../../../../shared/models/pricing';
import { ModelKnobs, ModelOptions, TierPicker } from '../../lib/ModelKnobs';
import { ModelStanding } from '../../lib/ModelStanding';
import { ServiceTierPicker } from '../../lib/ServiceTierPicker';
import { SERVICE_TIER_SHORT } from '../../../../shared/domain/serviceTiers';
import { pastedImages } from '../../lib/files';
import { formatUsdCompact } from '../../lib/format';
import { SparkIcon } from '../../lib/icons';
import { modelIdForTier, useModelsStore } from '../../lib/models';
import { OptionsPopover } from './OptionsPopover';
import { PromptLibrary } from './PromptLibrary';
import { historyStep, loadHistory, type HistoryPosition } from './promptHistory';
import { ReferenceTray } from './ReferenceTray';
import { elementsProblem, requestReferences, useCapabilities, useGenerateStore } from './store';
import { ElementChips } from './ElementChips';
import { useElementMention } from '../../lib/ElementPicker';
import { InlineError } from '../../lib/InlineError';
import './generate.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function Options() {
  const s = useGenerateStore(
    useShallow((st) => ({
      tier: st.tier,
      modelId: st.modelId,
      aspectRatio: st.aspectRatio,
      imageSize: st.imageSize,
      modalities: st.modalities,
      grounding: st.grounding,
      imageSearch: st.imageSearch,
      thinkingLevel: st.thinkingLevel,
      includeThoughts: st.includeThoughts,
      knobNotice: st.knobNotice,
      serviceTier: st.serviceTier,
      flexFallback: st.flexFallback,
      priorityAllowed: st.priorityAllowed,
      setServiceTier: st.setServiceTier,
      setFlexFallback: st.setFlexFallback,
      setTier: st.setTier,
      setModel: st.setModel,
      setChoices: st.setChoices,
    })),
  );
  const models = useModelsStore((st) => st.models);
  const caps = useCapabilities();
  const modelSelectId = useId();

  return (
    <ModelKnobs className="generate-options" label="Options" caps={caps} choices={s} onChange={s.setChoices} knobs={STUDIO_KNOBS} auto notice={s.knobNotice}>
      <TierPicker value={s.tier} onChange={s.setTier} />
      <div className="select-wrap">
        <label htmlFor={modelSelectId} className="select-label">
          <span className="select-prefix">Model</span>
        </label>
        <select id={modelSelectId} className="select select-model" data-testid="model-select" value={s.modelId ?? ''} onChange={(e) => s.setModel(e.target.value || null)}>
          <option value="">Default for tier</option>
          <ModelOptions models={models} />
        </select>
      </div>
      <ServiceTierPicker caps={caps} value={s.serviceTier} onChange={s.setServiceTier} priorityAllowed={s.priorityAllowed} flexFallback={s.flexFallback} onFlexFallback={s.setFlexFallback} />
    </ModelKnobs>
  );
}

const STUDIO_KNOBS = ['ratio', 'size', 'thinking', 'modalities', 'grounding', 'imageSearch', 'thoughts'] as const;

/** The prompt box's id: the shell focuses it ("/") and knows when typing happens there (Esc leaves it). */
export const PROMPT_ID = 'prompt';

/** Variations: one Generate makes 1–4 jobs, shown together on the stage as a set. */
function CountPicker() {
  const { count, setCount } = useGenerateStore(useShallow((s) => ({ count: s.count, setCount: s.setCount })));
  return (
    <div className="segmented count-picker" role="group" aria-label="Variations">
      {[1, 2, 3, 4].map((n) => (
        <button key={n} type="button" className="segment" data-testid={`count-${n}`} aria-pressed={count === n} aria-label={`${n} ${n === 1 ? 'image' : 'variations'}`} onClick={() => setCount(n)}>
          ×{n}
        </button>
      ))}
    </div>
  );
}

/**
 * The prompt, the pickers and Generate. In the studio's dock it collapses to one row once a set
 * is on the stage (the stage needs the height more than the pickers do): the prompt, the Options
 * popover with the current choices as chips, ×N and Generate.
 */
export function GeneratePanel({ dock = false }: { dock?: boolean } = {}) {
  const models = useModelsStore((s) => s.models);
  const collapsed = useGenerateStore((s) => dock && s.currentSetId !== null);
  const { prompt, tier, modelId, imageSize, grounding, referenceCount, sentCount, submitting, error, focusRequest, serviceTier } = useGenerateStore(
    useShallow((s) => ({
      serviceTier: s.serviceTier,
      prompt: s.prompt,
      tier: s.tier,
      modelId: s.modelId,
      imageSize: s.imageSize,
      grounding: s.grounding,
      referenceCount: s.references.length,
      sentCount: requestReferences(s).length,
      submitting: s.submitting,
      error: s.error,
      focusRequest: s.focusRequest,
    })),
  );
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const history = useRef<{ list: string[] | null; at: HistoryPosition }>({ list: null, at: { index: null, prompt: '' } });
  // "Use as reference", an example prompt, a failure's "Edit the prompt": the box takes focus, caret at the end.
  useEffect(() => {
    const el = promptRef.current;
    if (!el || (focusRequest === 0 && !dock)) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusRequest, dock]);
  const { setPrompt, submit, importReferences, setModel, addElement } = useGenerateStore(
    useShallow((s) => ({ setPrompt: s.setPrompt, submit: s.submit, importReferences: s.importReferences, setModel: s.setModel, addElement: s.addElement })),
  );
  const caps = useCapabilities();
  const mention = useElementMention(promptRef, prompt, setPrompt, (e) => addElement({ id: e.id, name: e.name, kind: e.kind, assetIds: e.assetIds }));
  const elementsFit = useGenerateStore(useShallow((s) => elementsProblem(caps, s)));
  const resolved = modelIdForTier(models, tier, modelId);
  const estimate = useMemo(
    () => estimateRequestCost(caps, { imageSize, references: Array.from({ length: sentCount }), promptChars: prompt.length, grounding }, { serviceTier }),
    [caps, imageSize, sentCount, prompt.length, grounding, serviceTier],
  );
  const resolution = modelId ? null : models?.resolution[tier];
  const why = modelId ? 'The model you picked' : (resolution?.reason ?? `${TIER_LABELS[tier]} uses this model`);
  const SOURCE_WORDS = { list: 'from the models list', cache: 'from the saved models list', fallback: 'built-in choice' } as const;

  /** ↑/↓ in an untouched box step through earlier prompts (./promptHistory.ts). */
  async function onPromptKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const h = history.current;
    const at = { index: h.at.index, prompt };
    const dir = e.key === 'ArrowUp' ? 'up' : 'down';
    // Decided before any await, so the box's own caret movement is not held up.
    if (dir === 'up' ? prompt !== '' && h.at.index === null : h.at.index === null) return;
    if (h.list === null || (dir === 'up' && prompt === '')) {
      e.preventDefault();
      h.list = await loadHistory(useGenerateStore.getState().sets.map((s) => s.request.prompt));
    }
    const next = historyStep(h.list, at, dir);
    if (!next) {
      h.at = { index: null, prompt };
      return;
    }
    e.preventDefault();
    h.at = next;
    setPrompt(next.prompt);
  }

  function onPaste(e: ClipboardEvent) {
    const images = pastedImages(e.clipboardData);
    if (images.length === 0) return;
    e.preventDefault();
    void importReferences(images);
  }

  const resolvedLine = (
    <span className="resolved-model" title={why}>
      <span data-testid="resolved-model">{resolved}</span>
      {resolution && (
        <span className="resolved-why" data-testid="resolved-why" data-source={resolution.source}>
          {' '}
          ({SOURCE_WORDS[resolution.source]})
        </span>
      )}
      <span className="estimate" data-testid="generate-estimate" title={`Estimated cost of one image at ${serviceTier === 'standard' ? 'standard' : SERVICE_TIER_SHORT[serviceTier]} prices${grounding ? ', with one search query' : ''}`}>
        {' '}
        · ≈ {formatUsdCompact(estimate)}
        {caps.prices.estimate && (
          <span className="estimate-flag" title="Some of this model's prices come from one non-Google source">
            estimate
          </span>
        )}
      </span>
    </span>
  );

  // Children keep their slots in both layouts (CSS grid areas move them), so the prompt and the
  // Generate button are the same elements before and after the dock collapses: focus stays put.
  return (
    <section
      className={`panel generate${dock ? ' prompt-dock' : ''}${collapsed ? ' is-collapsed' : ''}`}
      aria-label="Generate"
      data-testid="prompt-dock"
      data-collapsed={collapsed}
      onPaste={onPaste}
    >
      <textarea
        ref={promptRef}
        id={dock ? PROMPT_ID : undefined}
        className="prompt-input"
        data-testid="prompt-input"
        aria-label="Prompt"
        placeholder={collapsed ? 'Describe the next image…' : 'Describe the image you want…'}
        rows={collapsed ? 1 : 3}
        value={prompt}
        onChange={(e) => {
          setPrompt(e.target.value);
          mention.noteCaret(e.target.selectionStart);
        }}
        {...mention.inputProps}
        // The @ picker takes ↑ ↓ while it is open; otherwise ↑ in an empty box walks back through earlier prompts.
        onKeyDown={(e) => {
          mention.inputProps.onKeyDown(e);
          if (!e.defaultPrevented) void onPromptKey(e);
        }}
        aria-keyshortcuts="ArrowUp"
        title="↑ in an empty box brings back earlier prompts"
      />
      {mention.picker}
      {(!collapsed || referenceCount > 0) && <ReferenceTray />}
      {collapsed ? (
        <OptionsPopover>
          {referenceCount === 0 && <ReferenceTray />}
          <Options />
          {resolvedLine}
        </OptionsPopover>
      ) : (
        <div className="generate-bar">
          <Options />
        </div>
      )}
      <div className="generate-go">
        <div className="generate-go-row">
          {dock && <PromptLibrary />}
          {dock && <CountPicker />}
          <button type="button" className="btn btn-primary btn-generate" data-testid="generate-button" disabled={submitting} onClick={() => void submit()}>
            <SparkIcon />
            Generate
            <kbd className="kbd" aria-hidden="true">
              {isMac ? '⌘' : 'Ctrl'} ↵
            </kbd>
          </button>
        </div>
        {!collapsed && resolvedLine}
      </div>
      <div className="generate-notes">
        <ElementChips problem={elementsFit} />
        <ModelStanding modelId={resolved} onSwitch={(successor) => void setModel(successor)} />
        <InlineError message={error} testId="generate-error" />
      </div>
    </section>
  );
}
