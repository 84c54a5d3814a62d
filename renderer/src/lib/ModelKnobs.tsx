/**
 * The model's knobs — ratio, size, thinking level, grounding, image search, thoughts, output —
 * drawn from its capabilities, for every form that asks a model for an image (Generate, Chat,
 * Batch, each Compare contender). A knob the model lacks is not drawn and a value it refuses is
 * not offered, so no form can disagree with main about what a model takes.
 */
import { useId, type ReactNode } from 'react';
import type { KnobChoices } from '../../../shared/modelPolicy';
import { MODEL_TIERS, TIER_LABELS, type AspectRatio, type ImageSize, type ModelTier, type ResponseModalities, type ThinkingLevel } from '../../../shared/domain/vocabulary';
import type { ModelCapabilities } from '../../../shared/models/catalogue';
import type { Models } from '../../../shared/domain/models';
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

interface SelectSpec {
  label: string;
  prefix: ReactNode;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  title?: string | undefined;
  pick(value: string): Partial<KnobChoices>;
}

interface ToggleSpec {
  on: boolean;
  icon: ReactNode;
  text: string;
  title: string;
  pick(on: boolean): Partial<KnobChoices>;
}

const AUTO = ['', 'Auto'] as const;
const AUTO_TITLE = 'Auto: square, or the shape of the input image when editing';
const THINKING_TITLE = 'How long the model thinks before drawing: longer costs more thinking tokens';
const GROUNDING_TITLE = 'Gemini may look things up on Google Search before drawing; the sources are listed with the result.';
const IMAGE_SEARCH_TITLE = 'Also search Google Images. Images found this way may not be used as references for people.';
const THOUGHTS_TITLE = "Keep Gemini's thought summaries and draft images with the result. Thinking is billed either way.";
const MODALITIES = (Object.keys(MODALITY_LABELS) as ResponseModalities[]).map((m) => [m, MODALITY_LABELS[m]] as const);

/** A select with a short visible prefix (an icon or a word) inside the same outlined box. */
function KnobSelect({ label, prefix, testId, value, options, title, onChange }: Omit<SelectSpec, 'pick'> & { testId: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="select-wrap">
      <label htmlFor={id} className="select-label">
        <span className="select-prefix-wrap" aria-hidden="true">
          {prefix}
        </span>
        <span className="sr-only">{label}</span>
      </label>
      <select id={id} className="select" data-testid={testId} value={value} title={title} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

const word = (text: string) => <span className="select-prefix">{text}</span>;
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
  const sizes = caps.imageSizes.map((size) => [size, size === '512' ? '512 px' : size] as const);
  const levels = caps.thinkingLevels.map((level) => [level, capital(level)] as const);
  const defaultLevel = caps.defaultThinkingLevel ? `Default (${caps.defaultThinkingLevel})` : 'Default';
  // One line per knob: what it shows, what it offers (from the capabilities), and the patch a pick makes.
  const selects: Partial<Record<Knob, SelectSpec | false>> = {
    ratio: { label: 'Aspect ratio', prefix: <RatioGlyph ratio={ratio} />, value: ratio ?? '', options: [...(auto ? [AUTO] : []), ...(ratios ?? caps.aspectRatios).map((r) => [r, r] as const)], title: ratio === null ? AUTO_TITLE : undefined, pick: (v) => ({ aspectRatio: (v || null) as AspectRatio | null }) },
    size: sizes.length > 0 && { label: 'Image size', prefix: word('Size'), value: choices.imageSize ?? caps.defaultImageSize ?? '', options: sizes, pick: (v) => ({ imageSize: v as ImageSize }) },
    thinking: levels.length > 0 && { label: 'Thinking level', prefix: word('Thinking'), value: choices.thinkingLevel ?? '', options: [['', defaultLevel], ...levels], title: THINKING_TITLE, pick: (v) => ({ thinkingLevel: (v || null) as ThinkingLevel | null }) },
    modalities: { label: 'Output', prefix: word('Output'), value: choices.modalities ?? 'TEXT_IMAGE', options: MODALITIES, pick: (v) => ({ modalities: v as ResponseModalities }) },
  };
  const toggles: Partial<Record<Knob, ToggleSpec | false>> = {
    // Image search rides on web search: switching search off takes it along, switching it on brings search.
    grounding: caps.searchGrounding && { on: !!choices.grounding, icon: <SearchIcon />, text: compact ? 'Search' : 'Ground with Google Search', title: GROUNDING_TITLE, pick: (on) => (on ? { grounding: true } : { grounding: false, imageSearch: false }) },
    imageSearch: caps.imageSearch && { on: !!choices.imageSearch, icon: <SearchIcon />, text: compact ? 'Images' : 'Include image search', title: IMAGE_SEARCH_TITLE, pick: (on) => (on ? { imageSearch: true, grounding: true } : { imageSearch: false }) },
    thoughts: caps.visibleThoughts && { on: !!choices.includeThoughts, icon: <ThoughtIcon />, text: 'Show thinking', title: THOUGHTS_TITLE, pick: (on) => ({ includeThoughts: on }) },
  };
  const draw = (k: Knob) => {
    const select = selects[k];
    if (select) return <KnobSelect key={k} testId={ids[k]} {...select} onChange={(v) => onChange(select.pick(v))} />;
    const toggle = toggles[k];
    return toggle ? <Toggle key={k} testId={ids[k]} {...toggle} onChange={(on) => onChange(toggle.pick(on))} /> : null;
  };
  return (
    <div className={['model-knobs', className, compact && 'is-compact'].filter(Boolean).join(' ')} role="group" aria-label={label}>
      {children}
      {knobs.map(draw)}
      {notice && (
        <p className="model-knobs-notice" role="status" data-testid="knobs-notice">
          {notice}
        </p>
      )}
    </div>
  );
}

function Toggle({ testId, on, icon, text, title, onChange }: Omit<ToggleSpec, 'pick'> & { testId: string; onChange(on: boolean): void }) {
  return (
    <label className={`toggle${on ? ' is-on' : ''}`} title={title}>
      <input type="checkbox" data-testid={testId} checked={on} onChange={(e) => onChange(e.target.checked)} />
      {icon}
      {text}
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

/** The listed image models as a select's options, grouped by class (the studio's Model picker). */
export function ModelOptions({ models }: { models: Models | null }) {
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
