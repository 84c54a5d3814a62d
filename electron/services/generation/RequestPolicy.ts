/**
 * Everything decided about a request before it is queued, in one room: which model it runs on
 * (a retired id moves to its successor, a class to its current model), whether that model accepts
 * it, what it is estimated to cost, and whether the monthly budget allows that. The studio, chat,
 * batch and compare all ask this policy, so they refuse the same requests with the same sentences;
 * GenerationService asks it again right before sending.
 */
import type { GenerateRequest, Reference } from '../../../shared/ipc/contract';
import { capabilitiesOf } from '../../../shared/modelPolicy';
import { capabilitiesFor, migrateModelId, type ModelCapabilities } from '../../../shared/models/catalogue';
import { checkRequest, type RequestShape } from '../../../shared/models/checkRequest';
import { estimateRequestCost } from '../../../shared/models/pricing';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { ModelCatalog } from '../gemini/ModelCatalog';
import type { Library } from '../library/Library';
import type { HeldInputs } from '../references/HeldInputs';
import type { Elements } from '../references/Elements';
import type { Settings } from '../settings/Settings';
import type { UsageService } from '../usage/UsageService';
import { checkPriorityAllowed } from './serviceTierBill';
import type { ServiceTier } from '../../../shared/domain/serviceTiers';

export interface RequestPolicyOptions {
  catalog: ModelCatalog;
  settings: Settings;
  usage: UsageService;
  /** Reference photos held for a request: each must still be there. */
  held: HeldInputs;
  /** The Elements a request names must still be in the library (absent in tests that use none). */
  elements?: Pick<Elements, 'checkUsable'>;
  /** An edit's marks are blobs in the library. */
  library: Library;
  events: EventBus;
  /** Things to tell the window once it is listening (drained by `app.notices`). */
  startupNotices: Array<{ kind: 'info' | 'warning'; message: string }>;
}

/** What a pre-flight estimate needs of a request. */
export type PricedShape = Parameters<typeof estimateRequestCost>[1];

/** How a request is billed: through the Batch API, or at a service tier (Standard when absent). */
export type PriceOptions = Parameters<typeof estimateRequestCost>[2];

/** The sentence for spending past the budget; `spent` is the month so far, `total` with this request. */
export type OverBudgetWords = (o: { estimateUsd: number; spent: number; total: number; budget: number }) => string;

const usd = (x: number) => `$${x.toFixed(2)}`;

const DEFAULT_OVER_BUDGET: OverBudgetWords = ({ total, budget }) =>
  `This would take this month's estimated spend to ${usd(total)}, past your ${usd(budget)} budget. Raise the budget in Settings, or wait for next month.`;

export class RequestPolicy {
  private readonly warnedRetired = new Set<string>();

  constructor(private readonly o: RequestPolicyOptions) {}

  /** Which model a request runs on: its own (migrated if retired) or the class's current one. */
  resolveModel(tier: GenerateRequest['tier'], modelId: string | undefined): string {
    if (!modelId) return this.o.catalog.resolve(tier);
    const current = migrateModelId(modelId);
    if (current !== modelId) this.tellRetired(modelId, current);
    return current;
  }

  tellRetired(oldId: string, newId: string, { atStartup = false } = {}): void {
    if (this.warnedRetired.has(oldId)) return;
    this.warnedRetired.add(oldId);
    const notice = { kind: 'info' as const, message: `${oldId} has been retired by Google; Atelier uses ${newId} instead.` };
    if (atStartup) this.o.startupNotices.push(notice);
    else this.o.events.emit('notice', notice);
  }

  /** The same answer the window's forms get (shared/modelPolicy), so both refuse the same requests. */
  capabilities(modelId: string): ModelCapabilities {
    return capabilitiesOf(this.o.catalog.get(), modelId);
  }

  /**
   * The tier an answer's header says served the call. One the model's capabilities did not list
   * is proof that it runs there ("Standard only until a call proves otherwise"): kept, and offered.
   */
  noteServedTier(modelId: string, served: ServiceTier | null): void {
    if (served && !this.capabilities(modelId).serviceTiers.includes(served)) this.o.catalog.proveTier(modelId, served);
  }

  /** Null when the model accepts the request; otherwise the sentence to show. */
  problem(caps: ModelCapabilities, request: RequestShape): string | null {
    return checkRequest(caps, request);
  }

  /** Throws `unsupported` with that sentence when the model cannot take the request. */
  check(caps: ModelCapabilities, request: RequestShape): void {
    const problem = this.problem(caps, request);
    if (problem) throw new AppError('unsupported', problem);
  }

  /** Throws not_found, in a person's words, for a reference whose image is gone (an asset, or a held photo). */
  checkReferences(references: readonly Reference[]): void {
    for (const ref of references) this.o.held.check(ref);
  }

  /** A request's estimated cost, search fee included when it is grounded. */
  price(caps: ModelCapabilities, shape: PricedShape, opts: PriceOptions = {}): number {
    return estimateRequestCost(caps, shape, opts);
  }

  /** One request's estimated cost, as the spend gate and the budget see it. */
  estimate(caps: ModelCapabilities, request: GenerateRequest, opts: { batch?: boolean } = {}): number {
    return this.price(caps, { imageSize: request.imageSize, references: request.references, promptChars: request.prompt.length, grounding: request.grounding || !!request.imageSearch }, { serviceTier: request.serviceTier, ...opts });
  }

  /** Throws `over_budget` when `estimateUsd` more would take the month past the budget (none set: never). */
  checkBudget(estimateUsd: number, words: OverBudgetWords = DEFAULT_OVER_BUDGET): void {
    const budget = this.o.settings.get().monthlyBudgetUsd;
    if (budget === null) return;
    const spent = this.o.usage.monthToDate();
    if (spent + estimateUsd > budget) throw new AppError('over_budget', words({ estimateUsd, spent, total: spent + estimateUsd, budget }));
  }

  /** The sentence for a model Google no longer serves, naming what replaces it. */
  goneError(modelId: string): AppError {
    const successor = this.o.catalog.status(modelId).successor;
    const instead = successor ? ` Switch to ${capabilitiesFor(successor).displayName} (${successor}) to continue.` : ' Choose another model.';
    return new AppError('model_not_found', `${modelId} is gone: Google no longer serves it (it answered “not found”).${instead}`);
  }

  /** Throws, in words, for a named Element that is gone or has no images left. */
  checkElements(elements: ReadonlyArray<{ id: string; name: string }> | undefined): void {
    if (elements?.length) this.o.elements?.checkUsable(elements);
  }

  /**
   * The whole check for a studio, chat or batch request: its model, what that model accepts, its
   * references and marks, and the budget for `count` of it. Returns the model it will run on.
   */
  prepare(request: GenerateRequest, opts: { batch?: boolean; count?: number } = {}): string {
    const modelId = this.resolveModel(request.tier, request.modelId);
    if (this.o.catalog.isGone(modelId)) throw this.goneError(modelId);
    const caps = this.capabilities(modelId);
    this.check(caps, request);
    checkPriorityAllowed(request.serviceTier, this.o.settings.get().priorityAllowed);
    this.checkReferences(request.references);
    this.checkElements(request.elements);
    for (const mark of request.edit?.marks ?? []) {
      if (!this.o.library.blobFile(mark.sha256)) throw new AppError('not_found', 'The marks of this edit are missing; mark the photo again on the canvas.');
    }
    this.checkBudget(this.estimate(caps, request, opts) * (opts.count ?? 1));
    return modelId;
  }
}
