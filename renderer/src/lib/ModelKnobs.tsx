/**
 * The model's knobs — ratio, size, thinking level, grounding, image search, thoughts, output —
 * drawn from its capabilities, for every form that asks a model for an image (Generate, Chat,
 * Batch, each Compare contender). A knob the model lacks is not drawn and a value it refuses is
 * not offered, so no form can disagree with main about what a model takes.
 */
import { useId, type ReactNode } from 'react';
import type { KnobChoices } from '../../../shared/modelPolicy';
import { MODEL_TIERS, TIER_LABELS, type AspectRatio, type ImageSize, type ModelCapabilities, type ModelTier, type ResponseModalities, type ThinkingLevel } from '../../../shared/models';
import { MODALITY_LABELS } from './format';
import { SearchIcon, ThoughtIcon } from './icons';
import './knobs.css';

export type Knob = 'ratio' | 'size' | 'thinking' | 'grounding' | 'imageSearch' | 'thoughts' | 'modalities';

/** Test ids by knob; the defaults are the studio's. */
const DEFAULT_IDS: Record<Knob, string> = {
  ratio: 'aspect-select',
  size: 'size-select',
  thinking: 'thinking-level-select',
  grounding: 'grounding-toggle',
  imageSearch: 'image-search-toggle',
  thoughts: 'thoughts-toggle',
  modalities: 'modalities-select',
};

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

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export interface ModelKnobsProps {
  caps: ModelCapabilities;
  /** The form's current choices; only the knobs listed in `knobs` are read. */
  choices: Partial<KnobChoices>;
  onChange(patch: Partial<KnobChoices>): void;
  /** Which knobs this form has, in the order drawn; each is still drawn only if the model has it. */
  knobs: readonly Knob[];
  /** Offer Auto for the ratio (square, or the input image's shape). */
  auto?: boolean;
  /** Narrower ratios than the model's own (Compare: those every contender accepts). */
  ratios?: readonly AspectRatio[];
  /** What the last change of model moved (`fitNotice`); shown until the next change. */
  notice?: string | null;
  /** Names the group for assistive technology, e.g. "Contender 2 options". */
  label: string;
  testIds?: Partial<Record<Knob, string>>;
  /** Smaller controls for tight rows (chat composer, compare contenders). */
  compact?: boolean;
  /** Drawn first in the same row (the tier or model picker). */
  children?: ReactNode;
  className?: string;
}

export function ModelKnobs({ caps, choices, onChange, knobs, auto = false, ratios, notice, label, testIds, compact, children, className }: ModelKnobsProps) {
  const ids = { ...DEFAULT_IDS, ...testIds };
  const ratio = choices.aspectRatio ?? null;
  const draw: Record<Knob, () => ReactNode> = {
    ratio: () => (
      <LabelledSelect key="ratio" label="Aspect ratio" prefix={<RatioGlyph ratio={ratio} />}>
        {(id) => (
          <select
            id={id}
            className="select"
            data-testid={ids.ratio}
            value={ratio ?? ''}
            title={ratio === null ? 'Auto: square, or the shape of the input image when editing' : undefined}
            onChange={(e) => onChange({ aspectRatio: (e.target.value || null) as AspectRatio | null })}
          >
            {auto && <option value="">Auto</option>}
            {(ratios ?? caps.aspectRatios).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
      </LabelledSelect>
    ),
    size: () =>
      caps.imageSizes.length > 0 && (
        <LabelledSelect key="size" label="Image size" prefix={<span className="select-prefix">Size</span>}>
          {(id) => (
            <select id={id} className="select" data-testid={ids.size} value={choices.imageSize ?? caps.defaultImageSize ?? ''} onChange={(e) => onChange({ imageSize: e.target.value as ImageSize })}>
              {caps.imageSizes.map((size) => (
                <option key={size} value={size}>
                  {size === '512' ? '512 px' : size}
                </option>
              ))}
            </select>
          )}
        </LabelledSelect>
      ),
    thinking: () =>
      caps.thinkingLevels.length > 0 && (
        <LabelledSelect key="thinking" label="Thinking level" prefix={<span className="select-prefix">Thinking</span>}>
          {(id) => (
            <select
              id={id}
              className="select"
              data-testid={ids.thinking}
              value={choices.thinkingLevel ?? ''}
              title="How long the model thinks before drawing: longer costs more thinking tokens"
              onChange={(e) => onChange({ thinkingLevel: (e.target.value || null) as ThinkingLevel | null })}
            >
              <option value="">{caps.defaultThinkingLevel ? `Default (${caps.defaultThinkingLevel})` : 'Default'}</option>
              {caps.thinkingLevels.map((level) => (
                <option key={level} value={level}>
                  {capital(level)}
                </option>
              ))}
            </select>
          )}
        </LabelledSelect>
      ),
    modalities: () => (
      <LabelledSelect key="modalities" label="Output" prefix={<span className="select-prefix">Output</span>}>
        {(id) => (
          <select id={id} className="select" data-testid={ids.modalities} value={choices.modalities ?? 'TEXT_IMAGE'} onChange={(e) => onChange({ modalities: e.target.value as ResponseModalities })}>
            {(Object.keys(MODALITY_LABELS) as ResponseModalities[]).map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </LabelledSelect>
    ),
    grounding: () =>
      caps.searchGrounding && (
        <Toggle key="grounding" testId={ids.grounding} on={!!choices.grounding} icon={<SearchIcon />} title="Gemini may look things up on Google Search before drawing; the sources are listed with the result."
          // Image search rides on web search: switching search off takes it along.
          onChange={(on) => onChange(on ? { grounding: true } : { grounding: false, imageSearch: false })}
        >
          {compact ? 'Search' : 'Ground with Google Search'}
        </Toggle>
      ),
    imageSearch: () =>
      caps.imageSearch && (
        <Toggle key="imageSearch" testId={ids.imageSearch} on={!!choices.imageSearch} icon={<SearchIcon />} title="Also search Google Images. Images found this way may not be used as references for people."
          onChange={(on) => onChange(on ? { imageSearch: true, grounding: true } : { imageSearch: false })}
        >
          {compact ? 'Images' : 'Include image search'}
        </Toggle>
      ),
    thoughts: () =>
      caps.visibleThoughts && (
        <Toggle key="thoughts" testId={ids.thoughts} on={!!choices.includeThoughts} icon={<ThoughtIcon />} title="Keep Gemini's thought summaries and draft images with the result. Thinking is billed either way."
          onChange={(on) => onChange({ includeThoughts: on })}
        >
          Show thinking
        </Toggle>
      ),
  };
  return (
    <div className={['model-knobs', className, compact && 'is-compact'].filter(Boolean).join(' ')} role="group" aria-label={label}>
      {children}
      {knobs.map((k) => draw[k]())}
      {notice && (
        <p className="model-knobs-notice" role="status" data-testid="knobs-notice">
          {notice}
        </p>
      )}
    </div>
  );
}

function Toggle({ testId, on, icon, title, onChange, children }: { testId: string; on: boolean; icon: ReactNode; title: string; onChange(on: boolean): void; children: ReactNode }) {
  return (
    <label className={`toggle${on ? ' is-on' : ''}`} title={title}>
      <input type="checkbox" data-testid={testId} checked={on} onChange={(e) => onChange(e.target.checked)} />
      {icon}
      {children}
    </label>
  );
}

/** Flash, Pro, Lite as one row of buttons; the studio and Batch pick a class this way. */
export function TierPicker({ value, onChange, testIdPrefix = 'tier-' }: { value: ModelTier; onChange(tier: ModelTier): void; testIdPrefix?: string }) {
  return (
    <div className="segmented" role="group" aria-label="Model tier">
      {MODEL_TIERS.map((t) => (
        <button key={t} type="button" className="segment" data-testid={`${testIdPrefix}${t}`} aria-pressed={value === t} onClick={() => onChange(t)}>
          {TIER_LABELS[t]}
        </button>
      ))}
    </div>
  );
}
