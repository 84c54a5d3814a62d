/**
 * What a model can be asked, answered once for main and every form in the window: which
 * capabilities hold for an id given the live catalog, and how a person's choices are moved to
 * the nearest ones a model accepts (with what moved, so the form can say so). Pure: no Node, no DOM.
 */
import type { Models } from './domain/models';
import { IMAGE_SIZES, THINKING_LEVELS, type AspectRatio, type ImageSize, type ModelTier, type ReferenceKind, type ResponseModalities, type ThinkingLevel } from './domain/vocabulary';
import { FALLBACK_MODEL_FOR_TIER, capabilitiesFor, type ModelCapabilities } from './models/catalogue';

/** The part of the catalog the policy reads; main's ModelCatalog and the window's copy both fit. */
export type CatalogView = Pick<Models, 'models' | 'tiers'> & Partial<Pick<Models, 'gone'>>;

/** The model a request goes to: the one picked, or what the tier resolves to right now. */
export function modelIdForTier(catalog: CatalogView | null, tier: ModelTier, modelId?: string | null): string {
  return modelId || catalog?.tiers[tier] || FALLBACK_MODEL_FOR_TIER[tier];
}

/**
 * The capabilities an id is held to. The built-in table knows prices and the limits of models it
 * has seen; for an id it does not know, the catalog's class decides which conservative defaults
 * apply, and what the catalog says the model accepts outranks the table.
 */
export function capabilitiesOf(catalog: CatalogView | null, modelId: string): ModelCapabilities {
  const listed = catalog?.models.find((m) => m.id === modelId) ?? catalog?.gone?.find((m) => m.id === modelId);
  const base = capabilitiesFor(modelId, listed ? { tier: listed.tier, displayName: listed.displayName } : undefined);
  return listed ? { ...base, ...listed.capabilities } : base;
}

/** The knobs a form may offer. `null` means "the model's own default" (for the ratio: Auto). */
export interface KnobChoices {
  aspectRatio: AspectRatio | null;
  imageSize: ImageSize | null;
  thinkingLevel: ThinkingLevel | null;
  grounding: boolean;
  imageSearch: boolean;
  includeThoughts: boolean;
  /** Every image model answers in all three; kept here so a form's whole choice travels as one. */
  modalities: ResponseModalities;
}

export type Fittable = Partial<KnobChoices> & { references?: ReadonlyArray<{ kind: ReferenceKind }> };

export interface KnobChange {
  knob: keyof KnobChoices | 'references';
  /** The clause for the notice, e.g. "the ratio 8:1 became 21:9". */
  text: string;
}

export interface FitOptions {
  /** The form offers Auto for the ratio (null); without it, a null ratio becomes 1:1. Default true. */
  auto?: boolean;
  /** Ratios narrower than the model's (Compare: only those every contender accepts). */
  ratios?: readonly AspectRatio[];
}

const ratioValue = (r: AspectRatio) => {
  const [w, h] = r.split(':').map(Number) as [number, number];
  return Math.log(w / h);
};

/** The accepted ratio closest in shape (8:1 on a model without it becomes 4:1, not a square). */
export function nearestRatio(ratio: AspectRatio, allowed: readonly AspectRatio[]): AspectRatio {
  if (allowed.includes(ratio)) return ratio;
  if (allowed.length === 0) return '1:1';
  const target = ratioValue(ratio);
  return allowed.reduce((best, r) => (Math.abs(ratioValue(r) - target) < Math.abs(ratioValue(best) - target) ? r : best));
}

/** Nearest in the ordered list; a tie goes to the larger, so quality is not quietly lowered. */
function nearestInOrder<T extends string>(order: readonly T[], wanted: T, allowed: readonly T[]): T {
  const at = order.indexOf(wanted);
  return allowed.reduce((best, x) => {
    const d = Math.abs(order.indexOf(x) - at);
    const db = Math.abs(order.indexOf(best) - at);
    return d < db || (d === db && order.indexOf(x) > order.indexOf(best)) ? x : best;
  });
}

/** The ratios every one of these models accepts, in the first one's order. */
export function ratiosAcceptedByAll(caps: readonly ModelCapabilities[]): AspectRatio[] {
  const [first, ...rest] = caps;
  return (first?.aspectRatios ?? []).filter((r) => rest.every((c) => c.aspectRatios.includes(r)));
}

/**
 * Moves each choice the model refuses to the nearest one it takes, leaving the rest alone, and
 * lists what moved. Only the knobs present in `choices` are looked at, so each form passes what it has.
 */
export function fitToModel<C extends Fittable>(choices: C, caps: ModelCapabilities, opts: FitOptions = {}): { choices: C; changes: KnobChange[] } {
  const next: C = { ...choices };
  const changes: KnobChange[] = [];
  const has = (k: keyof Fittable) => Object.prototype.hasOwnProperty.call(choices, k);

  if (has('aspectRatio')) {
    const ratios = opts.ratios ?? caps.aspectRatios;
    const r = choices.aspectRatio ?? null;
    const fitted = r === null ? (opts.auto === false ? '1:1' : null) : nearestRatio(r, ratios);
    if (fitted !== r) {
      next.aspectRatio = fitted;
      changes.push({ knob: 'aspectRatio', text: r === null ? 'Auto became 1:1' : `the ratio ${r} became ${fitted ?? 'Auto'}` });
    }
  }
  if (has('imageSize') && choices.imageSize) {
    const size = choices.imageSize;
    const fitted = caps.imageSizes.length === 0 ? null : caps.imageSizes.includes(size) ? size : nearestInOrder(IMAGE_SIZES, size, caps.imageSizes);
    if (fitted !== size) {
      next.imageSize = fitted;
      changes.push({ knob: 'imageSize', text: fitted ? `the size ${size} became ${fitted}` : `the size ${size} became the model's one fixed size` });
    }
  }
  if (has('thinkingLevel') && choices.thinkingLevel) {
    const level = choices.thinkingLevel;
    const fitted = caps.thinkingLevels.length === 0 ? null : caps.thinkingLevels.includes(level) ? level : nearestInOrder(THINKING_LEVELS, level, caps.thinkingLevels);
    if (fitted !== level) {
      next.thinkingLevel = fitted;
      changes.push({ knob: 'thinkingLevel', text: fitted ? `thinking ${level} became ${fitted}` : `it has no thinking levels, so thinking ${level} was dropped` });
    }
  }
  if (has('grounding') && choices.grounding && !caps.searchGrounding) {
    next.grounding = false;
    changes.push({ knob: 'grounding', text: 'it cannot search Google, so grounding is off' });
  }
  if (has('imageSearch') && choices.imageSearch && !(caps.imageSearch && next.grounding !== false)) {
    next.imageSearch = false;
    changes.push({ knob: 'imageSearch', text: 'image search is off' });
  }
  if (has('includeThoughts') && choices.includeThoughts && !caps.visibleThoughts) {
    next.includeThoughts = false;
    changes.push({ knob: 'includeThoughts', text: 'it does not show its thinking, so that is off' });
  }
  if (choices.references) {
    const kept = fitReferences(choices.references, caps);
    if (kept.length < choices.references.length) {
      next.references = kept as C['references'];
      const dropped = choices.references.length - kept.length;
      changes.push({ knob: 'references', text: `it takes fewer reference images, so the last ${dropped === 1 ? 'one was' : `${dropped} were`} taken off` });
    }
  }
  return { choices: next, changes };
}

/** The first references that fit the model's total and per-kind limits, in their order. */
export function fitReferences<R extends { kind: ReferenceKind }>(refs: readonly R[], caps: ModelCapabilities): R[] {
  const count: Record<ReferenceKind, number> = { object: 0, person: 0 };
  const kept: R[] = [];
  for (const r of refs) {
    if (kept.length >= caps.maxReferenceImages || count[r.kind] >= caps.maxReferencesOfKind[r.kind]) continue;
    count[r.kind]++;
    kept.push(r);
  }
  return kept;
}

/** The sentence a form shows after a fit; null when nothing moved. */
export function fitNotice(caps: ModelCapabilities, changes: readonly KnobChange[]): string | null {
  if (changes.length === 0) return null;
  const text = changes.map((c) => c.text).join('; ');
  return `Changed for ${caps.displayName}: ${text}.`;
}
