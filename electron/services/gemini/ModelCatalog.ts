import fs from 'node:fs';
import type { ModelInfo, Models, ModelStatus, TierResolution, TierSource } from '../../../shared/domain/models';
import { MODEL_TIERS, TIER_LABELS, type ModelTier } from '../../../shared/domain/vocabulary';
import { capabilitiesFor, classifyListedModel, FALLBACK_MODEL_FOR_TIER, lifecycleOf } from '../../../shared/models/catalogue';
import { estimateRequestCost } from '../../../shared/models/pricing';
import { errorMeta, type Logger } from '../logger';
import type { GeminiGateway } from './GeminiGateway';
import type { ProvenTiers } from './ProvenTiers';
import type { ServiceTier, TierOption } from '../../../shared/domain/serviceTiers';

const TIER_ORDER: readonly TierOption[] = ['standard', 'flex', 'priority', 'batch'];

/** One image model as the list described it; the class is decided once, when it is listed. */
interface CachedModel {
  id: string;
  displayName: string;
  tier: ModelTier;
}

interface CacheFile {
  models: CachedModel[];
  fetchedAt: number;
  /** Ids that answered 404: kept across starts so pinned chats and jobs keep saying so. */
  gone?: string[];
  /** What each class resolved to last time, to tell the user when it moves. */
  tiers?: Partial<Record<ModelTier, string>>;
}

/** Newer first: a model the table does not know is newer than every one it does (it was written before). */
function newestFirst(a: CachedModel, b: CachedModel): number {
  const ra = capabilitiesFor(a.id, a).lifecycle.released;
  const rb = capabilitiesFor(b.id, b).lifecycle.released;
  if (ra !== rb) return ra < rb ? 1 : -1;
  // Among unknowns: GA before previews and experiments, then the higher version in the name.
  const pre = (m: CachedModel) => (/preview|exp/i.test(m.id) ? 1 : 0);
  if (pre(a) !== pre(b)) return pre(a) - pre(b);
  return b.id.localeCompare(a.id, 'en', { numeric: true });
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Resolves the Flash, Pro and Lite classes to concrete model ids from Gemini's models list,
 * cached on disk so an offline start still knows them. Before the first fetch, the built-in
 * fallback ids apply. Models that answer 404 are marked gone and stay so until listed again.
 */
export class ModelCatalog {
  private cache: CacheFile | null;
  /** True once the list was fetched in this run (the cache then is the list, not a memory of it). */
  private fresh = false;
  private readonly gone: Set<string>;
  private proofs: ProvenTiers | null = null;

  constructor(
    private readonly gateway: GeminiGateway,
    private readonly cacheFile: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** Tells the user when a class moves to another model because its model left the list. */
    private readonly notify: (message: string) => void = () => {},
    /** The catalog changed outside a refresh the window asked for (a model is gone). */
    private readonly changed: (models: Models) => void = () => {},
  ) {
    this.cache = this.readCache();
    this.gone = new Set(this.cache?.gone ?? []);
  }

  get(): Models {
    const listed = (this.cache?.models ?? []).filter((m) => !this.gone.has(m.id));
    const resolution = Object.fromEntries(MODEL_TIERS.map((t) => [t, this.resolveFrom(listed, t)])) as Record<ModelTier, TierResolution>;
    const tiers = Object.fromEntries(MODEL_TIERS.map((t) => [t, resolution[t].modelId])) as Record<ModelTier, string>;
    const describe = (m: CachedModel) => this.describe(m, tiers);
    const gone = [...this.gone].map((id) => describe({ id, displayName: capabilitiesFor(id).displayName, tier: capabilitiesFor(id).tier }));
    return { models: listed.map(describe), tiers, resolution, gone, fetchedAt: this.cache?.fetchedAt ?? null };
  }

  /** Where tiers proven by answers are kept (the database opens after the catalog). */
  useProofs(proofs: ProvenTiers): void {
    this.proofs = proofs;
  }

  /**
   * An answer's header says `tier` served `modelId` although its capabilities did not list it:
   * kept, and offered from now on (the window hears it as a catalog change).
   */
  proveTier(modelId: string, tier: ServiceTier): void {
    if (!this.proofs?.record(modelId, tier)) return;
    this.logger.info('models: an answer proved a service tier the table did not list', { model: modelId, tier });
    this.changed(this.get());
  }

  resolve(tier: ModelTier): string {
    return this.get().tiers[tier];
  }

  /** Fetches the list (with the given key, or the stored one) and remembers the image models. */
  async refresh(key?: string): Promise<Models> {
    const listed = await this.gateway.listModels(key);
    const models: CachedModel[] = [];
    for (const m of listed) {
      const tier = classifyListedModel(m);
      if (tier) models.push({ id: m.id, displayName: m.displayName, tier });
    }
    // A model listed again is back: Google sometimes lists a model again after an outage.
    for (const m of models) this.gone.delete(m.id);
    const before = this.cache?.tiers ?? {};
    const previous = new Set((this.cache?.models ?? []).map((m) => m.id));
    // The live list is one of the two facts that retire a model (a 404 is the other); a table or a
    // date never does (issue 17 §4: 2.5 Flash Image outlived its listed shutdown day).
    const listedNow = new Set(models.map((m) => m.id));
    for (const id of previous) {
      if (listedNow.has(id) || this.gone.has(id)) continue;
      this.gone.add(id);
      this.logger.info('models: a model left the models list and is marked gone', { model: id });
    }
    this.cache = { models, fetchedAt: this.now(), gone: [...this.gone], tiers: before };
    this.fresh = true;
    const result = this.get();
    for (const tier of MODEL_TIERS) {
      const was = before[tier];
      const is = result.tiers[tier];
      if (was && was !== is && previous.has(was) && !models.some((m) => m.id === was)) {
        this.notify(`${TIER_LABELS[tier]} now uses ${is}: ${was} is no longer in Gemini's models list.`);
      }
    }
    this.cache.tiers = { ...result.tiers };
    this.writeCache();
    return result;
  }

  /** The model answered 404: Google retired it. It stays gone until a models list shows it again. */
  markGone(modelId: string): void {
    if (this.gone.has(modelId)) return;
    this.gone.add(modelId);
    this.logger.warn('models: a model answered 404 and is marked gone', { model: modelId });
    if (this.cache) this.cache.gone = [...this.gone];
    else this.cache = { models: [], fetchedAt: 0, gone: [...this.gone] };
    this.writeCache();
    this.changed(this.get());
  }

  isGone(modelId: string): boolean {
    return this.gone.has(modelId) || lifecycleOf(modelId).retired;
  }

  /** Where a model stands and what replaces it. */
  status(modelId: string): ModelStatus {
    const caps = capabilitiesFor(modelId);
    const m = this.cache?.models.find((x) => x.id === modelId) ?? { id: modelId, displayName: caps.displayName, tier: caps.tier };
    return this.statusGiven(m, this.get().tiers);
  }

  /** True when the id is an image model this catalog knows (listed, or one of the fallbacks). */
  has(modelId: string): boolean {
    return Object.values(FALLBACK_MODEL_FOR_TIER).includes(modelId) || !!this.cache?.models.some((m) => m.id === modelId);
  }

  private describe(m: CachedModel, tiers: Record<ModelTier, string>): ModelInfo {
    const { prices, imageTokens: _tokens, lifecycle: _life, ...capabilities } = capabilitiesFor(m.id, m);
    const status = this.statusGiven(m, tiers);
    return {
      id: m.id,
      displayName: m.displayName,
      tier: m.tier,
      capabilities: { ...capabilities, aspectRatios: [...capabilities.aspectRatios], imageSizes: [...capabilities.imageSizes], thinkingLevels: [...capabilities.thinkingLevels], serviceTiers: this.serviceTiersOf(m.id, capabilities.serviceTiers) },
      status,
      pricePerImageUsd: estimateRequestCost(capabilitiesFor(m.id, m), { promptChars: 0 }),
      priceIsEstimate: prices.estimate,
    };
  }

  /** The table's tiers plus those answers proved, in the usual order. */
  private serviceTiersOf(modelId: string, table: readonly TierOption[]): TierOption[] {
    const proven = this.proofs?.of(modelId) ?? [];
    return TIER_ORDER.filter((t) => table.includes(t) || (proven as readonly TierOption[]).includes(t));
  }

  /** status() without re-resolving the tiers for every model. */
  private statusGiven(m: CachedModel, tiers: Record<ModelTier, string>): ModelStatus {
    const life = lifecycleOf(m.id);
    const gone = this.isGone(m.id);
    const state: ModelStatus['state'] = gone ? 'gone' : life.deprecatedOn ? 'deprecated' : 'current';
    if (state === 'current') return { state, shutdownOn: null, shutdownConfirmed: true, successor: null };
    let successor: string | null = life.successor && !this.isGone(life.successor) ? life.successor : tiers[m.tier];
    if (successor === m.id) successor = null;
    return { state, shutdownOn: life.shutdownOn, shutdownConfirmed: life.shutdownConfirmed, successor };
  }

  private resolveFrom(listed: CachedModel[], tier: ModelTier): TierResolution {
    const label = TIER_LABELS[tier];
    const fallback = FALLBACK_MODEL_FOR_TIER[tier];
    const candidates = listed.filter((m) => m.tier === tier && !lifecycleOf(m.id).deprecatedOn).sort(newestFirst);
    const best = candidates[0];
    if (best) {
      const source: TierSource = this.fresh ? 'list' : 'cache';
      const name = best.displayName && best.displayName !== best.id ? `${best.displayName} (${best.id})` : best.id;
      const where = source === 'list' ? "Gemini's models list" : `the models list saved on ${day(this.cache!.fetchedAt)} (not refreshed yet)`;
      return { modelId: best.id, source, reason: `${name}: the newest ${label} model in ${where}.` };
    }
    const why = !this.cache?.fetchedAt
      ? 'the models list has not been fetched yet'
      : `the models list has no current ${label} model`;
    return { modelId: fallback, source: 'fallback', reason: `${capabilitiesFor(fallback).displayName} (${fallback}): Atelier's built-in choice, because ${why}.` };
  }

  private writeCache(): void {
    try {
      const tmp = `${this.cacheFile}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.cache));
      fs.renameSync(tmp, this.cacheFile);
    } catch (err) {
      this.logger.warn('models: could not write the models cache', errorMeta(err));
    }
  }

  private readCache(): CacheFile | null {
    try {
      const raw = JSON.parse(fs.readFileSync(this.cacheFile, 'utf8')) as CacheFile;
      // Caches written before classes were stored carry no tier: classify them again by name.
      raw.models = (raw.models ?? []).flatMap((m) => {
        const tier = m.tier ?? classifyListedModel({ id: m.id, displayName: m.displayName, description: '', actions: [] });
        return tier ? [{ id: m.id, displayName: m.displayName, tier }] : [];
      });
      return raw;
    } catch {
      return null;
    }
  }
}
