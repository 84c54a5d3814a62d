import fs from 'node:fs';
import type { Models } from '../../../shared/ipc/contract';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER, MODEL_TIERS, RETIRED_MODEL_IDS, tierOfModel, type ModelTier } from '../../../shared/models';
import { errorMeta, type Logger } from '../logger';
import type { GeminiGateway, ListedModel } from './GeminiGateway';

/** An image model can generate and says so in its id; text models listed beside them are skipped. */
export function isImageModel(m: ListedModel): boolean {
  return /-image(?:-|$)/.test(m.id) && (m.actions.length === 0 || m.actions.includes('generateContent'));
}

/**
 * Resolves the Flash and Pro tiers to concrete model ids from Gemini's models list, cached on
 * disk so an offline start still knows them. Before the first fetch, the built-in fallback ids apply.
 */
type CachedModel = { id: string; displayName: string };

/** What the UI needs to know about a model: everything but prices. */
function describe(m: CachedModel): Models['models'][number] {
  const { prices: _prices, imageTokens: _tokens, ...capabilities } = capabilitiesFor(m.id);
  return { id: m.id, displayName: m.displayName, tier: tierOfModel(m.id), capabilities: { ...capabilities, aspectRatios: [...capabilities.aspectRatios], imageSizes: [...capabilities.imageSizes] } };
}

export class ModelCatalog {
  private cache: { models: CachedModel[]; fetchedAt: number } | null;

  constructor(
    private readonly gateway: GeminiGateway,
    private readonly cacheFile: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = this.readCache();
  }

  get(): Models {
    const models = (this.cache?.models ?? []).map(describe);
    const tiers = Object.fromEntries(MODEL_TIERS.map((t) => [t, this.resolveFrom(models, t)])) as Record<ModelTier, string>;
    return { models, tiers, fetchedAt: this.cache?.fetchedAt ?? null };
  }

  resolve(tier: ModelTier): string {
    return this.get().tiers[tier];
  }

  /** Fetches the list (with the given key, or the stored one) and remembers the image models. */
  async refresh(key?: string): Promise<Models> {
    const listed = await this.gateway.listModels(key);
    const models = listed
      .filter(isImageModel)
      .filter((m) => !RETIRED_MODEL_IDS[m.id])
      .map((m) => ({ id: m.id, displayName: m.displayName }));
    this.cache = { models, fetchedAt: this.now() };
    try {
      fs.writeFileSync(this.cacheFile, JSON.stringify(this.cache));
    } catch (err) {
      this.logger.warn('models: could not write the models cache', errorMeta(err));
    }
    return this.get();
  }

  private resolveFrom(models: Models['models'], tier: ModelTier): string {
    const fallback = FALLBACK_MODEL_FOR_TIER[tier];
    const ofTier = models.filter((m) => m.tier === tier);
    if (ofTier.length === 0 || ofTier.some((m) => m.id === fallback)) return fallback;
    // A list without the id we know means Google moved on: prefer a GA id over a preview.
    return (ofTier.find((m) => !m.id.includes('preview')) ?? ofTier[0]!).id;
  }

  /** True when the id is an image model this catalog knows (listed, or one of the fallbacks). */
  has(modelId: string): boolean {
    return Object.values(FALLBACK_MODEL_FOR_TIER).includes(modelId) || !!this.cache?.models.some((m) => m.id === modelId);
  }

  private readCache(): { models: CachedModel[]; fetchedAt: number } | null {
    try {
      return JSON.parse(fs.readFileSync(this.cacheFile, 'utf8')) as { models: CachedModel[]; fetchedAt: number };
    } catch {
      return null;
    }
  }
}
