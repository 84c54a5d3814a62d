/**
 * Model classes, what each image model accepts and how long it lives. Pure data: no Node, no DOM.
 * This file is the only place outside tests and the fake that names model ids.
 *
 * Flash, Pro and Lite are *classes* (called tiers in code and storage). The concrete model
 * behind a class comes from the live models list (ModelCatalog in main): the newest listed model
 * of the class that is not deprecated. The ids below are what the app knew when it was built;
 * the list outranks them (ids no longer all end in "-image": gemini-nano-banana-2.1 does not).
 * What a request may ask of a model is checkRequest.ts; what it costs, pricing.ts.
 */
import { ALL_ASPECT_RATIOS, COMMON_ASPECT_RATIOS, type AspectRatio, type ImageSize, type ModelTier, type ReferenceKind, type ThinkingLevel } from '../domain/vocabulary';
import type { TierOption } from '../domain/serviceTiers';

/** Used until the first successful models.list, and when the list has nothing of a class. */
export const FALLBACK_MODEL_FOR_TIER: Record<ModelTier, string> = {
  flash: 'gemini-nano-banana-2.1',
  pro: 'gemini-3-pro-image',
  lite: 'gemini-3.1-flash-lite-image',
};

/**
 * Shut-down ids and what replaces them (ai.google.dev deprecations page): the previews closed
 * 2026-06-25. Followed transitively by migrateModelId.
 *
 * `gemini-2.5-flash-image` is not here any more: the changelog of 2026-09-18 says the 2.5 models
 * "are not deprecated and will continue to be served until further notice" to earlier users, so
 * the 2026-10-02 date once listed for it no longer holds. Like any model, it is gone when the live
 * models list omits it or a call answers 404 (ModelCatalog.markGone), never by a table or a date.
 */
export const RETIRED_MODEL_IDS: Readonly<Record<string, string>> = {
  'gemini-2.5-flash-image-preview': 'gemini-3.1-flash-image',
  'gemini-3.1-flash-image-preview': 'gemini-3.1-flash-image',
  'gemini-3-pro-image-preview': 'gemini-3-pro-image',
};

/** USD per million tokens, Standard tier (ai.google.dev pricing page, late 2026). */
export interface ModelPrices {
  input: number;
  /** Text and thinking output. */
  textOutput: number;
  imageOutput: number;
  /** Batch API jobs cost this fraction of the standard price. */
  batchFactor: number;
  /** USD per Google Search query a grounded answer made; 0 where grounding is unavailable. */
  searchQuery: number;
  /** True when a figure comes from one non-Google source only: the UI says "estimate". */
  estimate: boolean;
}

/** Where a model is in Google's lifecycle, as far as this table knows. */
export interface ModelLifecycle {
  /** ISO day of general availability; orders a class from oldest to newest. */
  released: string;
  /** ISO day Google announced the deprecation; null while current. */
  deprecatedOn: string | null;
  /** ISO day it stops answering, when announced. */
  shutdownOn: string | null;
  /** False when the shutdown day comes from one non-Google source. */
  shutdownConfirmed: boolean;
  /** What takes its requests once it is gone. */
  successor: string | null;
}

export interface ModelCapabilities {
  id: string;
  tier: ModelTier;
  /** False for an id we have no table for: the class's conservative defaults apply. */
  known: boolean;
  displayName: string;
  aspectRatios: readonly AspectRatio[];
  /** Empty when the model has one fixed output size. */
  imageSizes: readonly ImageSize[];
  defaultImageSize: ImageSize | null;
  /** Output tokens one final image costs, per size ('fixed' when there is no size option). */
  imageTokens: Partial<Record<ImageSize | 'fixed', number>>;
  maxReferenceImages: number;
  maxReferencesOfKind: Record<ReferenceKind, number>;
  searchGrounding: boolean;
  /** `searchTypes.imageSearch` beside web search. */
  imageSearch: boolean;
  /** Levels `thinkingConfig.thinkingLevel` accepts; empty = no level control (thinking fixed or absent). */
  thinkingLevels: readonly ThinkingLevel[];
  defaultThinkingLevel: ThinkingLevel | null;
  /** `thinkingConfig.includeThoughts` is accepted and returns thought summaries and draft images. */
  visibleThoughts: boolean;
  prices: ModelPrices;
  lifecycle: ModelLifecycle;
  /** How it may be run: synchronous service tiers and the Batch API (see shared/serviceTiers.ts). */
  serviceTiers: readonly TierOption[];
}

const BATCH_HALF = 0.5;
/**
 * Google's optimization page offers Flex and Priority on generateContent in general; of the image
 * models' cards, only Nano Banana 2 Lite's says otherwise ("Batch yes, Flex no, Priority no":
 * ../shared/reference/gemini-2026-q4.md, model card). The others' cards name no exception, so they
 * get all four; the tier that served each call is read from `x-gemini-service-tier` and billed.
 */
const ALL_TIERS: readonly TierOption[] = ['standard', 'flex', 'priority', 'batch'];
/** Nano Banana 2 Lite's model card: Standard and Batch only. */
const LITE_TIERS: readonly TierOption[] = ['standard', 'batch'];
/**
 * A model the table does not know: Standard only, so nothing is sent that its card may refuse,
 * until an answer's `x-gemini-service-tier` header proves another tier (main keeps the proof:
 * electron/services/gemini/ProvenTiers.ts, and the catalog it sends the window lists it).
 */
const UNKNOWN_TIERS: readonly TierOption[] = ['standard'];
/** Gemini 3 grounding: $14 per 1,000 search queries (pricing page; 2.1 per third-party listings). */
const SEARCH_QUERY_USD = 0.014;
const current = (released: string): ModelLifecycle => ({ released, deprecatedOn: null, shutdownOn: null, shutdownConfirmed: true, successor: null });

export const KNOWN_MODELS: Readonly<Record<string, ModelCapabilities>> = {
  // GA 2026-10-06 (changelog). 512 is refused with 400; levels minimal/medium/high, medium default.
  'gemini-nano-banana-2.1': {
    id: 'gemini-nano-banana-2.1',
    tier: 'flash',
    known: true,
    displayName: 'Nano Banana 2.1',
    aspectRatios: ALL_ASPECT_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    // $0.0336 (1K) to $0.1134 (4K) at $30 per 1M image tokens; 2K is interpolated.
    imageTokens: { '1K': 1120, '2K': 1680, '4K': 3780 },
    maxReferenceImages: 14,
    maxReferencesOfKind: { object: 10, person: 4 },
    searchGrounding: true,
    imageSearch: true,
    thinkingLevels: ['minimal', 'medium', 'high'],
    defaultThinkingLevel: 'medium',
    visibleThoughts: true,
    // Input and search fee from third-party listings (inference.sh, CometAPI); not yet on Google's page.
    // Text output (thinking included) $7.50 per M, not $3: LiteLLM's day-0 notice for 2.1
    // (github.com/BerriAI/litellm/discussions/44983: "Text Output: $7.50 / MTok") and fal's ratio agree.
    prices: { input: 1.5, textOutput: 7.5, imageOutput: 30, batchFactor: BATCH_HALF, searchQuery: SEARCH_QUERY_USD, estimate: true },
    lifecycle: current('2026-10-06'),
    serviceTiers: ALL_TIERS,
  },
  'gemini-3.1-flash-image': {
    id: 'gemini-3.1-flash-image',
    tier: 'flash',
    known: true,
    displayName: 'Nano Banana 2',
    aspectRatios: ALL_ASPECT_RATIOS,
    imageSizes: ['512', '1K', '2K', '4K'],
    defaultImageSize: '1K',
    imageTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
    // "up to 10 object + 4 character images" (image-generation docs, 2026 revision)
    maxReferenceImages: 14,
    maxReferencesOfKind: { object: 10, person: 4 },
    searchGrounding: true,
    imageSearch: true,
    thinkingLevels: ['minimal', 'high'],
    defaultThinkingLevel: 'minimal',
    visibleThoughts: true,
    // Google lists input and image output; text output is priced like 3 Flash text.
    prices: { input: 0.5, textOutput: 3, imageOutput: 60, batchFactor: BATCH_HALF, searchQuery: SEARCH_QUERY_USD, estimate: false },
    // Deprecated 2026-10-06 (deprecations page) with no shutdown day announced by Google; the day
    // below is third-party only, so it is shown as unconfirmed and nothing is hidden or moved by it.
    lifecycle: { released: '2026-05-28', deprecatedOn: '2026-10-06', shutdownOn: '2026-10-29', shutdownConfirmed: false, successor: 'gemini-nano-banana-2.1' },
    serviceTiers: ALL_TIERS,
  },
  // Still served to earlier users "until further notice" (changelog 2026-09-18), so it stays a model
  // with its own table row, older than every current Flash (a class never resolves to it).
  'gemini-2.5-flash-image': {
    id: 'gemini-2.5-flash-image',
    tier: 'flash',
    known: true,
    displayName: 'Nano Banana',
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: [],
    defaultImageSize: null,
    // 1290 tokens per image at $30 per M: $0.039 an image (third-party cost maps agree, e.g. Puter's 3.9 ¢).
    imageTokens: { fixed: 1290 },
    maxReferenceImages: 3,
    maxReferencesOfKind: { object: 3, person: 1 },
    searchGrounding: false,
    imageSearch: false,
    thinkingLevels: [],
    defaultThinkingLevel: null,
    visibleThoughts: false,
    prices: { input: 0.3, textOutput: 2.5, imageOutput: 30, batchFactor: BATCH_HALF, searchQuery: 0, estimate: true },
    lifecycle: current('2025-10-02'),
    serviceTiers: ALL_TIERS,
  },
  'gemini-3.1-flash-lite-image': {
    id: 'gemini-3.1-flash-lite-image',
    tier: 'lite',
    known: true,
    displayName: 'Nano Banana 2 Lite',
    aspectRatios: ALL_ASPECT_RATIOS,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    imageTokens: { '1K': 1120 },
    maxReferenceImages: 3,
    maxReferencesOfKind: { object: 3, person: 1 },
    searchGrounding: false,
    imageSearch: false,
    thinkingLevels: ['minimal', 'high'],
    defaultThinkingLevel: 'minimal',
    visibleThoughts: true,
    // About $0.034 per 1K image (one third-party source).
    prices: { input: 0.25, textOutput: 1.5, imageOutput: 30, batchFactor: BATCH_HALF, searchQuery: 0, estimate: true },
    lifecycle: current('2026-06-30'),
    serviceTiers: LITE_TIERS,
  },
  'gemini-3-pro-image': {
    id: 'gemini-3-pro-image',
    tier: 'pro',
    known: true,
    displayName: 'Nano Banana Pro',
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
    // "up to 14 in total"; character consistency for up to 5 people.
    maxReferenceImages: 14,
    maxReferencesOfKind: { object: 14, person: 5 },
    searchGrounding: true,
    imageSearch: false,
    // Pro always thinks and ignores levels.
    thinkingLevels: [],
    defaultThinkingLevel: null,
    visibleThoughts: true,
    prices: { input: 2, textOutput: 12, imageOutput: 120, batchFactor: BATCH_HALF, searchQuery: SEARCH_QUERY_USD, estimate: false },
    lifecycle: current('2026-05-28'),
    serviceTiers: ALL_TIERS,
  },
};

/** Lifecycle of ids that no longer answer: kept so a pinned chat or job can say what happened. */
const RETIRED_LIFECYCLE: Readonly<Record<string, { shutdownOn: string; displayName: string }>> = {
  'gemini-2.5-flash-image-preview': { shutdownOn: '2026-06-25', displayName: 'Nano Banana (preview)' },
  'gemini-3.1-flash-image-preview': { shutdownOn: '2026-06-25', displayName: 'Nano Banana 2 (preview)' },
  'gemini-3-pro-image-preview': { shutdownOn: '2026-06-25', displayName: 'Nano Banana Pro (preview)' },
};

/**
 * What an image model we have no table for may safely be asked: common ratios, its class's
 * smallest size, few references, no extras. Prices are the class's known ones, so estimates
 * err high, not low.
 */
const TIER_DEFAULTS: Record<ModelTier, Omit<ModelCapabilities, 'id' | 'displayName'>> = {
  flash: {
    tier: 'flash',
    known: false,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: [],
    defaultImageSize: null,
    imageTokens: { fixed: 1290 },
    maxReferenceImages: 3,
    maxReferencesOfKind: { object: 3, person: 1 },
    searchGrounding: false,
    imageSearch: false,
    thinkingLevels: [],
    defaultThinkingLevel: null,
    visibleThoughts: false,
    prices: { ...KNOWN_MODELS['gemini-3.1-flash-image']!.prices, estimate: true },
    lifecycle: current('9999-12-31'),
    serviceTiers: UNKNOWN_TIERS,
  },
  pro: {
    tier: 'pro',
    known: false,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    imageTokens: { '1K': 1120 },
    maxReferenceImages: 5,
    maxReferencesOfKind: { object: 5, person: 2 },
    searchGrounding: false,
    imageSearch: false,
    thinkingLevels: [],
    defaultThinkingLevel: null,
    visibleThoughts: false,
    prices: { ...KNOWN_MODELS['gemini-3-pro-image']!.prices, estimate: true },
    lifecycle: current('9999-12-31'),
    serviceTiers: UNKNOWN_TIERS,
  },
  lite: {
    tier: 'lite',
    known: false,
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: [],
    defaultImageSize: null,
    imageTokens: { fixed: 1290 },
    maxReferenceImages: 1,
    maxReferencesOfKind: { object: 1, person: 1 },
    searchGrounding: false,
    imageSearch: false,
    thinkingLevels: [],
    defaultThinkingLevel: null,
    visibleThoughts: false,
    prices: { ...KNOWN_MODELS['gemini-3.1-flash-image']!.prices, estimate: true },
    lifecycle: current('9999-12-31'),
    serviceTiers: UNKNOWN_TIERS,
  },
};

/** What the models list says about one entry (names without `models/`). */
export interface ListedModelInfo {
  id: string;
  displayName: string;
  description: string;
  /** supportedGenerationMethods; empty when the server left it out. */
  actions: readonly string[];
}

/** The class a name belongs to: "Lite" and "Pro" are in every name Google gave these models. */
function tierFromName(text: string): ModelTier {
  if (/\blite\b/i.test(text)) return 'lite';
  if (/\bpro\b/i.test(text)) return 'pro';
  return 'flash';
}

/** The class of a model id: the table first, then its name; unknown image models count as Flash. */
export function tierOfModel(modelId: string): ModelTier {
  return KNOWN_MODELS[modelId]?.tier ?? tierFromName(modelId.replace(/[-_]/g, ' '));
}

/**
 * Whether a listed model makes images, and of which class; null for text-only and retired
 * models. The id alone is not enough (gemini-nano-banana-2.1 has no "-image"), so the display
 * name ("Nano Banana …", "… Image") and description count too; a model must offer
 * generateContent, which rules out Imagen-style `predict` models.
 */
export function classifyListedModel(m: ListedModelInfo): ModelTier | null {
  if (m.actions.length > 0 && !m.actions.includes('generateContent')) return null;
  if (RETIRED_MODEL_IDS[m.id]) return null;
  const known = KNOWN_MODELS[m.id];
  if (known) return known.tier;
  const nameText = `${m.id.replace(/[-_]/g, ' ')} ${m.displayName}`;
  const image =
    /\bnano[\s-]?banana\b/i.test(nameText) ||
    /\bimage\b/i.test(nameText) ||
    /\bnano banana\b|\bimage generation\b|\bImage\s*$/i.test(m.description);
  return image ? tierFromName(nameText) : null;
}

/**
 * Where a retired id's requests go: along the retired map, then past successors that are
 * themselves deprecated (2.5 Flash → 3.1 Flash → Nano Banana 2.1). A current or merely
 * deprecated id is returned unchanged: moving those is the user's choice, offered by a banner.
 */
export function migrateModelId(modelId: string): string {
  if (!RETIRED_MODEL_IDS[modelId]) return modelId;
  let id = modelId;
  for (let hops = 0; hops < 8; hops++) {
    const next = RETIRED_MODEL_IDS[id] ?? (KNOWN_MODELS[id]?.lifecycle.deprecatedOn ? KNOWN_MODELS[id]!.lifecycle.successor : null);
    if (!next) break;
    id = next;
  }
  return id;
}

export function capabilitiesFor(modelId: string, hint?: { tier?: ModelTier; displayName?: string }): ModelCapabilities {
  const known = KNOWN_MODELS[modelId];
  if (known) return known;
  const tier = hint?.tier ?? tierOfModel(modelId);
  return { id: modelId, displayName: hint?.displayName ?? RETIRED_LIFECYCLE[modelId]?.displayName ?? modelId, ...TIER_DEFAULTS[tier] };
}

/** The lifecycle the table knows for any id, retired ones included. */
export function lifecycleOf(modelId: string): ModelLifecycle & { retired: boolean } {
  const retired = RETIRED_LIFECYCLE[modelId];
  if (retired) {
    return { released: '', deprecatedOn: retired.shutdownOn, shutdownOn: retired.shutdownOn, shutdownConfirmed: true, successor: migrateModelId(modelId), retired: true };
  }
  return { ...capabilitiesFor(modelId).lifecycle, retired: false };
}

export function aspectRatiosForTier(tier: ModelTier): readonly AspectRatio[] {
  return capabilitiesFor(FALLBACK_MODEL_FOR_TIER[tier]).aspectRatios;
}
