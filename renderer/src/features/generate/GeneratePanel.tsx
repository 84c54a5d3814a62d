import { useEffect, useId, useMemo, useRef, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Models } from '../../../../shared/ipc/contract';
import {
  MODEL_TIERS,
  TIER_LABELS,
  estimateRequestCost,
  type AspectRatio,
  type ImageSize,
  type ResponseModalities,
  type ThinkingLevel,
} from '../../../../shared/models';
import { ModelStanding } from '../../lib/ModelStanding';
import { pastedImages } from '../../lib/files';
import { MODALITY_LABELS, formatUsdCompact } from '../../lib/format';
import { AlertIcon, SearchIcon, SparkIcon, ThoughtIcon } from '../../lib/icons';
import { OptionsPopover } from './OptionsPopover';
import { ReferenceTray } from './ReferenceTray';
import { resolvedModelId, useCapabilities, useGenerateStore } from './store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A small outline of the ratio's shape, so "21:9" reads at a glance; dashed for Auto. */
function RatioGlyph({ ratio }: { ratio: AspectRatio | null }) {
  const [w = 1, h = 1] = (ratio ?? '1:1').split(':').map(Number);
  const box = 14;
  const scale = box / Math.max(w, h);
  return (
    <span className={`ratio-glyph${ratio === null ? ' is-auto' : ''}`} aria-hidden="true">
      <span style={{ width: Math.max(3, Math.round(w * scale)), height: Math.max(3, Math.round(h * scale)) }} />
    </span>
  );
}

/** A select with a short visible prefix (an icon or a word) inside the same outlined box. */
function LabelledSelect({ label, prefix, children }: { label: string; prefix: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="select-wrap">
      <label htmlFor={id} className="select-label">
        <span className="select-prefix-wrap" aria-hidden="true">
          {prefix}
        </span>
        <span className="sr-only">{label}</span>
      </label>
      {children(id)}
    </div>
  );
}

function ModelOptions({ models }: { models: Models | null }) {
  if (!models || models.models.length === 0) return null;
  return (
    <>
      {MODEL_TIERS.map((t) => {
        const ofTier = models.models.filter((m) => m.tier === t);
        if (ofTier.length === 0) return null;
        return (
          <optgroup key={t} label={TIER_LABELS[t]}>
            {ofTier.map((m) => (
              <option key={m.id} value={m.id} title={m.id}>
                {m.displayName || m.id}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

function Options() {
  const s = useGenerateStore(
    useShallow((st) => ({
      tier: st.tier,
      modelId: st.modelId,
      models: st.models,
      aspectRatio: st.aspectRatio,
      imageSize: st.imageSize,
      modalities: st.modalities,
      grounding: st.grounding,
      imageSearch: st.imageSearch,
      thinkingLevel: st.thinkingLevel,
      includeThoughts: st.includeThoughts,
      setTier: st.setTier,
      setModel: st.setModel,
      setAspectRatio: st.setAspectRatio,
      setImageSize: st.setImageSize,
      setModalities: st.setModalities,
      setGrounding: st.setGrounding,
      setImageSearch: st.setImageSearch,
      setThinkingLevel: st.setThinkingLevel,
      setIncludeThoughts: st.setIncludeThoughts,
    })),
  );
  const caps = useCapabilities();

  return (
    <div className="generate-options">
      <div className="segmented" role="group" aria-label="Model tier">
        {MODEL_TIERS.map((t) => (
          <button key={t} type="button" className="segment" data-testid={`tier-${t}`} aria-pressed={s.tier === t} onClick={() => s.setTier(t)}>
            {TIER_LABELS[t]}
          </button>
        ))}
      </div>

      <LabelledSelect label="Model" prefix={<span className="select-prefix">Model</span>}>
        {(id) => (
          <select id={id} className="select select-model" data-testid="model-select" value={s.modelId ?? ''} onChange={(e) => s.setModel(e.target.value || null)}>
            <option value="">Default for tier</option>
            <ModelOptions models={s.models} />
          </select>
        )}
      </LabelledSelect>

      <LabelledSelect label="Aspect ratio" prefix={<RatioGlyph ratio={s.aspectRatio} />}>
        {(id) => (
          <select
            id={id}
            className="select"
            data-testid="aspect-select"
            value={s.aspectRatio ?? ''}
            title={s.aspectRatio === null ? 'Auto: square, or the shape of the input image when editing' : undefined}
            onChange={(e) => s.setAspectRatio((e.target.value || null) as AspectRatio | null)}
          >
            <option value="">Auto</option>
            {caps.aspectRatios.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
      </LabelledSelect>

      {caps.imageSizes.length > 0 && (
        <LabelledSelect label="Image size" prefix={<span className="select-prefix">Size</span>}>
          {(id) => (
            <select
              id={id}
              className="select"
              data-testid="size-select"
              value={s.imageSize ?? caps.defaultImageSize ?? ''}
              onChange={(e) => s.setImageSize(e.target.value as ImageSize)}
            >
              {caps.imageSizes.map((size) => (
                <option key={size} value={size}>
                  {size === '512' ? '512 px' : size}
                </option>
              ))}
            </select>
          )}
        </LabelledSelect>
      )}

      {caps.thinkingLevels.length > 0 && (
        <LabelledSelect label="Thinking level" prefix={<span className="select-prefix">Thinking</span>}>
          {(id) => (
            <select
              id={id}
              className="select"
              data-testid="thinking-level-select"
              value={s.thinkingLevel ?? ''}
              title="How long the model thinks before drawing: longer costs more thinking tokens"
              onChange={(e) => s.setThinkingLevel((e.target.value || null) as ThinkingLevel | null)}
            >
              <option value="">{caps.defaultThinkingLevel ? `Default (${caps.defaultThinkingLevel})` : 'Default'}</option>
              {caps.thinkingLevels.map((level) => (
                <option key={level} value={level}>
                  {level[0]!.toUpperCase() + level.slice(1)}
                </option>
              ))}
            </select>
          )}
        </LabelledSelect>
      )}

      <LabelledSelect label="Output" prefix={<span className="select-prefix">Output</span>}>
        {(id) => (
          <select id={id} className="select" data-testid="modalities-select" value={s.modalities} onChange={(e) => s.setModalities(e.target.value as ResponseModalities)}>
            {(Object.keys(MODALITY_LABELS) as ResponseModalities[]).map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </LabelledSelect>

      {caps.searchGrounding && (
        <label className={`toggle${s.grounding ? ' is-on' : ''}`} title="Gemini may look things up on Google Search before drawing; the sources are listed with the result.">
          <input type="checkbox" data-testid="grounding-toggle" checked={s.grounding} onChange={(e) => s.setGrounding(e.target.checked)} />
          <SearchIcon />
          Ground with Google Search
        </label>
      )}
      {caps.imageSearch && (
        <label className={`toggle${s.imageSearch ? ' is-on' : ''}`} title="Also search Google Images. Images found this way may not be used as references for people.">
          <input type="checkbox" data-testid="image-search-toggle" checked={s.imageSearch} onChange={(e) => s.setImageSearch(e.target.checked)} />
          <SearchIcon />
          Include image search
        </label>
      )}
      {caps.visibleThoughts && (
        <label className={`toggle${s.includeThoughts ? ' is-on' : ''}`} title="Keep Gemini's thought summaries and draft images with the result. Thinking is billed either way.">
          <input type="checkbox" data-testid="thoughts-toggle" checked={s.includeThoughts} onChange={(e) => s.setIncludeThoughts(e.target.checked)} />
          <ThoughtIcon />
          Show thinking
        </label>
      )}
    </div>
  );
}

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
  const collapsed = useGenerateStore((s) => dock && s.currentSetId !== null);
  const { prompt, tier, modelId, models, imageSize, grounding, referenceCount, submitting, error, focusRequest } = useGenerateStore(
    useShallow((s) => ({
      prompt: s.prompt,
      tier: s.tier,
      modelId: s.modelId,
      models: s.models,
      imageSize: s.imageSize,
      grounding: s.grounding,
      referenceCount: s.references.length,
      submitting: s.submitting,
      error: s.error,
      focusRequest: s.focusRequest,
    })),
  );
  const promptRef = useRef<HTMLTextAreaElement>(null);
  // "Use as reference", an example prompt, a failure's "Edit the prompt": the box takes focus, caret at the end.
  useEffect(() => {
    const el = promptRef.current;
    if (!el || (focusRequest === 0 && !dock)) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusRequest, dock]);
  const { setPrompt, submit, importReferences, setModel } = useGenerateStore(
    useShallow((s) => ({ setPrompt: s.setPrompt, submit: s.submit, importReferences: s.importReferences, setModel: s.setModel })),
  );
  const caps = useCapabilities();
  const resolved = resolvedModelId(models, tier, modelId);
  const estimate = useMemo(
    () => estimateRequestCost(caps, { imageSize, references: Array.from({ length: referenceCount }), promptChars: prompt.length, grounding }),
    [caps, imageSize, referenceCount, prompt.length, grounding],
  );
  const resolution = modelId ? null : models?.resolution[tier];
  const why = modelId ? 'The model you picked' : (resolution?.reason ?? `${TIER_LABELS[tier]} uses this model`);
  const SOURCE_WORDS = { list: 'from the models list', cache: 'from the saved models list', fallback: 'built-in choice' } as const;

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      // Handled here; the shell's own Mod+Enter sees defaultPrevented and leaves it.
      e.preventDefault();
      void submit();
    }
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
      <span className="estimate" data-testid="generate-estimate" title={`Estimated cost of one image at standard prices${grounding ? ', with one search query' : ''}`}>
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
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
      />
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
        <ModelStanding modelId={resolved} onSwitch={(successor) => void setModel(successor)} />
        {error && (
          <p className="inline-error" role="alert" data-testid="generate-error">
            <AlertIcon />
            <span>{error}</span>
          </p>
        )}
      </div>
    </section>
  );
}
