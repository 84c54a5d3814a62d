/**
 * The fake's own model table: what Google's server knows, not what the app believes.
 * Keeping it separate from `shared/` is deliberate — tests must be able to make the two
 * disagree (a model retired server-side, a new one the app has never heard of).
 */

export interface Dim {
  width: number;
  height: number;
}

export interface ImageOutputSpec {
  /** aspect ratio → size key → exact pixel size (wire §5.1). Every ratio lists every size key. */
  pixels: Record<string, Record<string, Dim>>;
  /** Values a request may put in `imageConfig.imageSize`; empty = the model has no size option. */
  imageSizes: readonly string[];
  /** Size key used when the request gives none (§5.1: Pro defaults to 1K). */
  defaultImageSize: string;
  /** Output tokens billed per final image, by size key (§5.1 / §6.1). */
  outputTokens: Record<string, number>;
}

export interface FakeModel {
  /** Without the `models/` prefix. */
  id: string;
  displayName: string;
  description: string;
  version: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: readonly string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
  /** models.get `thinking` flag; thinking models report `thoughtsTokenCount` and accept thinkingConfig. */
  thinking: boolean;
  /** Gemini 3 image models emit thought signatures and (in strict mode) require them back (§2.3, §4). */
  thoughtSignatures: boolean;
  /** Tokens charged per input image (§5.2: 560 on Pro, 258 for Gemini 2.x-style tiling). */
  inputImageTokens: number;
  /** Present only on models that can answer with the IMAGE modality. */
  image?: ImageOutputSpec;
  /** Upper-case `thinkingLevel` values accepted; absent = any (or, without `thinking`, none). Empty = no level control. */
  thinkingLevels?: readonly string[];
  /** Google Search grounding: absent = web and image search. */
  grounding?: 'none' | 'web' | 'web_image';
  /** Service tiers beside Standard it accepts; absent = Flex and Priority (tiers.ts). */
  serviceTiers?: readonly string[];
}

/** The ten ratios both Pro and 3.1 Flash support, in the order of the §5.1 table. */
export const TEN_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
export const EXTREME_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;

type Triple = [Dim, Dim, Dim];
const d = (width: number, height: number): Dim => ({ width, height });

/** §5.1 Pro table: 1K, 2K, 4K. */
const PRO_PIXELS: Record<(typeof TEN_RATIOS)[number], Triple> = {
  '1:1': [d(1024, 1024), d(2048, 2048), d(4096, 4096)],
  '2:3': [d(848, 1264), d(1696, 2528), d(3392, 5056)],
  '3:2': [d(1264, 848), d(2528, 1696), d(5056, 3392)],
  '3:4': [d(896, 1200), d(1792, 2400), d(3584, 4800)],
  '4:3': [d(1200, 896), d(2400, 1792), d(4800, 3584)],
  '4:5': [d(928, 1152), d(1856, 2304), d(3712, 4608)],
  '5:4': [d(1152, 928), d(2304, 1856), d(4608, 3712)],
  '9:16': [d(768, 1376), d(1536, 2752), d(3072, 5504)],
  '16:9': [d(1376, 768), d(2752, 1536), d(5504, 3072)],
  '21:9': [d(1584, 672), d(3168, 1344), d(6336, 2688)],
};

/** §5.1 2.5 Flash Image table (fixed ≈1 MP, no size option). */
const FLASH_25_PIXELS: Record<(typeof TEN_RATIOS)[number], Dim> = {
  '1:1': d(1024, 1024),
  '2:3': d(832, 1248),
  '3:2': d(1248, 832),
  '3:4': d(864, 1184),
  '4:3': d(1184, 864),
  '4:5': d(896, 1152),
  '5:4': d(1152, 896),
  '9:16': d(768, 1344),
  '16:9': d(1344, 768),
  '21:9': d(1536, 672),
};

const roundTo = (v: number, step: number): number => Math.max(step, Math.round(v / step) * step);
const halfEven = (dim: Dim): Dim => d(roundTo(dim.width / 2, 2), roundTo(dim.height / 2, 2));
const scale = (dim: Dim, k: number): Dim => d(dim.width * k, dim.height * k);

/**
 * Google publishes no pixel table for 3.1 Flash's 1:4/4:1/1:8/8:1, so keep the 1K pixel count
 * of 1:1 (≈1 MP) and round to multiples of 16 like the published sizes; 2K/4K scale that.
 */
function extremeOneK(ratio: string): Dim {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const area = 1024 * 1024;
  const width = Math.sqrt((area * w) / h);
  return d(roundTo(width, 16), roundTo((width * h) / w, 16));
}

function proImageSpec(): ImageOutputSpec {
  const pixels: Record<string, Record<string, Dim>> = {};
  for (const r of TEN_RATIOS) {
    const [k1, k2, k4] = PRO_PIXELS[r];
    pixels[r] = { '1K': k1, '2K': k2, '4K': k4 };
  }
  return {
    pixels,
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    outputTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  };
}

function flash31ImageSpec(): ImageOutputSpec {
  const pixels: Record<string, Record<string, Dim>> = {};
  for (const r of TEN_RATIOS) {
    const [k1, k2, k4] = PRO_PIXELS[r];
    pixels[r] = { '512': halfEven(k1), '1K': k1, '2K': k2, '4K': k4 };
  }
  for (const r of EXTREME_RATIOS) {
    const k1 = extremeOneK(r);
    pixels[r] = { '512': halfEven(k1), '1K': k1, '2K': scale(k1, 2), '4K': scale(k1, 4) };
  }
  return {
    pixels,
    imageSizes: ['512', '1K', '2K', '4K'],
    defaultImageSize: '1K',
    // §6.1 pricing rows for 3.1 Flash.
    outputTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  };
}

/** Nano Banana 2.1: 3.1 Flash's ratios and pixels without the 512 tier (§ addendum: 512 is a 400). */
function nanoBanana21ImageSpec(): ImageOutputSpec {
  const base = flash31ImageSpec();
  const pixels: Record<string, Record<string, Dim>> = {};
  for (const [r, sizes] of Object.entries(base.pixels)) {
    const { '512': _half, ...rest } = sizes;
    pixels[r] = rest;
  }
  return { pixels, imageSizes: ['1K', '2K', '4K'], defaultImageSize: '1K', outputTokens: { '1K': 1120, '2K': 1680, '4K': 3780 } };
}

/** Lite: the 14 ratios at 1K only. */
function liteImageSpec(): ImageOutputSpec {
  const base = flash31ImageSpec();
  const pixels: Record<string, Record<string, Dim>> = {};
  for (const [r, sizes] of Object.entries(base.pixels)) pixels[r] = { '1K': sizes['1K']! };
  return { pixels, imageSizes: ['1K'], defaultImageSize: '1K', outputTokens: { '1K': 1120 } };
}

function flash25ImageSpec(): ImageOutputSpec {
  const pixels: Record<string, Record<string, Dim>> = {};
  for (const r of TEN_RATIOS) pixels[r] = { '1K': FLASH_25_PIXELS[r] };
  return { pixels, imageSizes: [], defaultImageSize: '1K', outputTokens: { '1K': 1290 } };
}

const IMAGE_METHODS = ['generateContent', 'countTokens', 'batchGenerateContent'] as const;

export function gemini31FlashImage(): FakeModel {
  return {
    id: 'gemini-3.1-flash-image',
    displayName: 'Nano Banana 2',
    description: 'Gemini 3.1 Flash Image',
    version: '3.1',
    inputTokenLimit: 131072,
    outputTokenLimit: 32768,
    supportedGenerationMethods: IMAGE_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 1,
    thinking: true,
    thoughtSignatures: true,
    inputImageTokens: 258,
    image: flash31ImageSpec(),
    thinkingLevels: ['MINIMAL', 'HIGH'],
  };
}

/** The current Flash-class model (GA 2026-10-06): no "-image" in its id. */
export function geminiNanoBanana21(): FakeModel {
  return {
    ...gemini31FlashImage(),
    id: 'gemini-nano-banana-2.1',
    displayName: 'Nano Banana 2.1',
    description: 'Gemini Nano Banana 2.1: fast image generation and conversational editing.',
    version: '2.1',
    image: nanoBanana21ImageSpec(),
    thinkingLevels: ['MINIMAL', 'MEDIUM', 'HIGH'],
  };
}

/** The Lite class: 1K only, no grounding, levels minimal/high. */
export function gemini31FlashLiteImage(): FakeModel {
  return {
    ...gemini31FlashImage(),
    id: 'gemini-3.1-flash-lite-image',
    displayName: 'Nano Banana 2 Lite',
    description: 'Gemini 3.1 Flash-Lite Image',
    image: liteImageSpec(),
    thinkingLevels: ['MINIMAL', 'HIGH'],
    grounding: 'none',
    // Its card: "Batch yes, Flex no, Priority no".
    serviceTiers: [],
  };
}

/**
 * Image models the app has never heard of, recognisable only by their metadata (display name,
 * description, generateContent): the "models list with only unknown names" scenario.
 */
export function unknownImageModels(): FakeModel[] {
  return [
    { ...geminiNanoBanana21(), id: 'gemini-nano-banana-3', displayName: 'Nano Banana 3', description: 'Our newest image generation and editing model.', version: '3' },
    { ...gemini3ProImage(), id: 'gemini-nano-banana-3-pro', displayName: 'Nano Banana 3 Pro', description: 'Studio-quality image generation.', version: '3' },
  ];
}

export function gemini3ProImage(): FakeModel {
  return {
    id: 'gemini-3-pro-image',
    displayName: 'Nano Banana Pro',
    description: 'Gemini 3 Pro Image',
    version: '3.0',
    inputTokenLimit: 131072,
    outputTokenLimit: 32768,
    supportedGenerationMethods: IMAGE_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 1,
    thinking: true,
    thoughtSignatures: true,
    inputImageTokens: 560,
    image: proImageSpec(),
    // Always thinks; no level control.
    thinkingLevels: [],
    grounding: 'web',
  };
}

/** A text-only model so clients can test filtering the list down to image models. */
export function gemini25Flash(): FakeModel {
  return {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    description:
      'Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.',
    version: '001',
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
    // Text models only sign function calls; nothing this fake produces.
    thoughtSignatures: false,
    inputImageTokens: 258,
  };
}

/**
 * Retired server-side (wire header: lifecycle). Not in the default table; a test can bring it
 * back with `fake.addModel(gemini25FlashImage())` to exercise the no-signature, no-size path.
 */
export function gemini25FlashImage(): FakeModel {
  return {
    id: 'gemini-2.5-flash-image',
    displayName: 'Nano Banana',
    description: 'Gemini 2.5 Flash Preview Image',
    version: '2.0',
    inputTokenLimit: 32768,
    outputTokenLimit: 32768,
    supportedGenerationMethods: IMAGE_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 1,
    thinking: false,
    thoughtSignatures: false,
    inputImageTokens: 258,
    image: flash25ImageSpec(),
  };
}

export function defaultModels(): FakeModel[] {
  return [gemini25Flash(), gemini3ProImage(), gemini31FlashImage(), geminiNanoBanana21(), gemini31FlashLiteImage()];
}

export const DEFAULT_RETIRED_IDS: readonly string[] = [
  'gemini-2.5-flash-image',
  'gemini-3-pro-image-preview',
  'gemini-2.5-flash-image-preview',
  'gemini-3.1-flash-image-preview',
];

/** The model resource of wire §8 (camelCase; default-valued fields omitted as the server does). */
export function modelResource(m: FakeModel): Record<string, unknown> {
  const r: Record<string, unknown> = {
    name: `models/${m.id}`,
    version: m.version,
    displayName: m.displayName,
    description: m.description,
    inputTokenLimit: m.inputTokenLimit,
    outputTokenLimit: m.outputTokenLimit,
    supportedGenerationMethods: [...m.supportedGenerationMethods],
  };
  if (m.temperature !== undefined) r.temperature = m.temperature;
  if (m.topP !== undefined) r.topP = m.topP;
  if (m.topK !== undefined) r.topK = m.topK;
  if (m.maxTemperature !== undefined) r.maxTemperature = m.maxTemperature;
  if (m.thinking) r.thinking = true;
  return r;
}

/** Ordered aspect ratios as the 400 message lists them (numeric by width then height, like the real text). */
export function sortedRatios(spec: ImageOutputSpec): string[] {
  const key = (r: string): [number, number] => r.split(':').map(Number) as [number, number];
  return Object.keys(spec.pixels).sort((a, b) => {
    const [aw, ah] = key(a);
    const [bw, bh] = key(b);
    return aw - bw || ah - bh;
  });
}

/**
 * Live registry: current models in list order plus the retired ids. `addModel` of a retired
 * id resurrects it; `retire` takes one out so a test can simulate a shutdown mid-session.
 */
export class ModelRegistry {
  private readonly models = new Map<string, FakeModel>();
  private readonly retired = new Set<string>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.models.clear();
    this.retired.clear();
    for (const m of defaultModels()) this.models.set(m.id, m);
    for (const id of DEFAULT_RETIRED_IDS) this.retired.add(id);
  }

  add(m: FakeModel): void {
    this.retired.delete(m.id);
    this.models.set(m.id, m);
  }

  /** Replaces the whole list (current models only); retired ids stay retired. */
  replace(models: readonly FakeModel[]): void {
    for (const id of this.models.keys()) this.retired.add(id);
    this.models.clear();
    for (const m of models) this.add(m);
  }

  retire(id: string): void {
    this.models.delete(id);
    this.retired.add(id);
  }

  get(id: string): FakeModel | undefined {
    return this.models.get(id);
  }

  isRetired(id: string): boolean {
    return this.retired.has(id);
  }

  list(): FakeModel[] {
    return [...this.models.values()];
  }
}
