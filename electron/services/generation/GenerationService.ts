import crypto from 'node:crypto';
import { isHeldReference, type AssetSummary, type GenerateRequest, type Reference } from '../../../shared/ipc/contract';
import { capabilitiesOf } from '../../../shared/modelPolicy';
import { capabilitiesFor, checkRequest, estimateRequestCost, migrateModelId, RETIRED_MODEL_IDS, type ModelCapabilities } from '../../../shared/models';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { GeminiGateway } from '../gemini/GeminiGateway';
import type { ModelCatalog } from '../gemini/ModelCatalog';
import { readGeneration } from '../gemini/response';
import type { WireContent, WirePart } from '../gemini/wire';
import { CorruptImageError, type StoredImage } from '../library/ContentStore';
import type { Db } from '../db/db';
import type { Library } from '../library/Library';
import type { Clock } from '../clock';
import type { Execution } from '../queue/JobQueue';
import type { JobRow } from '../queue/JobStore';
import type { Settings } from '../settings/Settings';
import type { UsageService } from '../usage/UsageService';
import { editContent } from '../edit/editRequest';
import { ProgressTracker } from './progress';
import { billOf, checkPriorityAllowed } from './serviceTierBill';
import type { ServiceTier } from '../../../shared/serviceTiers';
import type { HeldInputs } from '../references/HeldInputs';
import { referencePart, userContentOf } from './references';

export interface GenerationServiceOptions {
  library: Library;
  /** Dropped or pasted references, held outside the library until a job using them succeeds. */
  held: HeldInputs;
  gateway: GeminiGateway;
  catalog: ModelCatalog;
  settings: Settings;
  usage: UsageService;
  events: EventBus;
  clock: Clock;
  /** Things to tell the window once it is listening (drained by `app.notices`). */
  startupNotices: Array<{ kind: 'info' | 'warning'; message: string }>;
  /** What chat jobs need (their history); without it, chat jobs fail. */
  chat?: ChatHooks;
  /** Overrides the deadline settings (tests). */
  requestDeadlineMs?: number;
}

/** What a chat job needs beyond a one-shot one (chat/ChatHistory.ts), passed in at construction. */
export interface ChatHooks {
  /** The conversation so far, ending with this job's user turn. */
  history(job: JobRow): Promise<WireContent[]>;
  /** The turn index the answer to this job takes. */
  answerTurn(job: JobRow): number;
  /** An answer was stored. */
  stored(conversationId: string): void;
  /** The images this turn refines: the previous answer's. */
  previousImages(job: JobRow): string[];
}

/** Swaps inline image data for {sha256} references so results are stored once, on disk. */
export function withImageRefs(content: WireContent): WireContent {
  return {
    role: content.role,
    parts: content.parts.map((p): WirePart => {
      if (!p.inlineData?.data) return p;
      const sha256 = crypto.createHash('sha256').update(Buffer.from(p.inlineData.data, 'base64')).digest('hex');
      return { ...p, inlineData: { mimeType: p.inlineData.mimeType, sha256 } as unknown as WirePart['inlineData'] };
    }),
  };
}

/** The reverse of withImageRefs: the content as it was on the wire, data and all. */
export function withImageData(content: WireContent, read: (sha256: string) => Buffer): WireContent {
  return {
    role: content.role,
    parts: content.parts.map((p): WirePart => {
      const ref = p.inlineData as unknown as { mimeType: string; sha256?: string } | undefined;
      if (!ref?.sha256) return p;
      return { ...p, inlineData: { mimeType: ref.mimeType, data: read(ref.sha256).toString('base64') } };
    }),
  };
}

/**
 * Turns requests into jobs and jobs into stored results. `prepare` is the main-process check
 * before anything is queued (model, capabilities, references, budget); `execute` is what the
 * queue runs for each attempt.
 */
export class GenerationService {
  private warnedRetired = new Set<string>();

  constructor(private readonly o: GenerationServiceOptions) {}

  /** Which model a request runs on: its own (migrated if retired) or the tier's current one. */
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

  /**
   * Moves stored jobs and conversations off retired model ids (Google shut them down; their
   * successors take the same requests), telling the user once per id.
   */
  migrateRetired(db: Db): void {
    for (const oldId of Object.keys(RETIRED_MODEL_IDS)) {
      const newId = migrateModelId(oldId);
      const jobs = db.prepare("UPDATE jobs SET model_id = ? WHERE model_id = ? AND state IN ('queued', 'running', 'paused')").run(newId, oldId).changes;
      // A chat moved off a retired model sends its earlier answers without their signatures.
      const chats = db
        .prepare(
          `UPDATE conversations SET model_id = ?, moved_at_turn = (
             SELECT coalesce(max(i), -1) + 1 FROM (
               SELECT turn_index AS i FROM user_turns WHERE conversation_id = conversations.id
               UNION ALL SELECT turn_index FROM generations WHERE conversation_id = conversations.id))
           WHERE model_id = ?`,
        )
        .run(newId, oldId).changes;
      if (jobs + chats > 0) this.tellRetired(oldId, newId, { atStartup: true });
    }
  }

  /** Validates a request against its model and the budget; returns the model it will run on. */
  prepare(request: GenerateRequest, opts: { batch?: boolean; count?: number } = {}): string {
    const modelId = this.resolveModel(request.tier, request.modelId);
    if (this.o.catalog.isGone(modelId)) throw this.goneError(modelId);
    const caps = this.capabilities(modelId);
    const problem = checkRequest(caps, request);
    if (problem) throw new AppError('unsupported', problem);
    checkPriorityAllowed(request.serviceTier, this.o.settings.get().priorityAllowed);
    this.checkReferences(request.references);
    for (const mark of request.edit?.marks ?? []) {
      if (!this.o.library.blobFile(mark.sha256)) throw new AppError('not_found', 'The marks of this edit are missing; mark the photo again on the canvas.');
    }
    this.checkBudget(this.estimate(caps, request, opts) * (opts.count ?? 1));
    return modelId;
  }

  /** Throws not_found, in a person's words, for a reference whose image is gone (an asset, or a held photo). */
  checkReferences(references: readonly Reference[]): void {
    for (const ref of references) this.o.held.check(ref);
  }

  /** The same answer the window's forms get (shared/modelPolicy), so both refuse the same requests. */
  capabilities(modelId: string): ModelCapabilities {
    return capabilitiesOf(this.o.catalog.get(), modelId);
  }

  /** One request's estimated cost, search fee included (the spend gate and the budget use it). */
  estimate(caps: ModelCapabilities, request: GenerateRequest, opts: { batch?: boolean } = {}): number {
    return estimateRequestCost(caps, { imageSize: request.imageSize, references: request.references, promptChars: request.prompt.length, grounding: request.grounding || !!request.imageSearch }, { serviceTier: request.serviceTier, ...opts });
  }

  /** The sentence for a model Google no longer serves, naming what replaces it. */
  goneError(modelId: string): AppError {
    const successor = this.o.catalog.status(modelId).successor;
    const instead = successor ? ` Switch to ${capabilitiesFor(successor).displayName} (${successor}) to continue.` : ' Choose another model.';
    return new AppError('model_not_found', `${modelId} is gone: Google no longer serves it (it answered “not found”).${instead}`);
  }

  checkBudget(estimateUsd: number): void {
    const budget = this.o.settings.get().monthlyBudgetUsd;
    if (budget === null) return;
    const spent = this.o.usage.monthToDate();
    if (spent + estimateUsd > budget) {
      throw new AppError(
        'over_budget',
        `This would take this month's estimated spend to $${(spent + estimateUsd).toFixed(2)}, past your $${budget.toFixed(2)} budget. ` +
          'Raise the budget in Settings, or wait for next month.',
      );
    }
  }

  /** The user turn of a one-shot request: the prompt, then any reference images. */
  async userContent(request: Pick<GenerateRequest, 'prompt' | 'references' | 'edit'>): Promise<WireContent> {
    // A canvas edit: the base image (the first reference) and its marked copy, worded by one module.
    if (request.edit && request.references[0]) {
      const base = await referencePart(this.o.held, request.references[0], this.o.library.store.images);
      return editContent(request.edit, base, (sha) => this.o.library.readBySha(sha));
    }
    return userContentOf(this.o.held, request, this.o.library.store.images);
  }

  readonly execute = async (job: JobRow, signal: AbortSignal, sent: () => void = () => {}, answered: () => void = () => {}): Promise<Execution> => {
    const request = JSON.parse(job.request_json) as GenerateRequest;
    const modelId = job.model_id!;
    const caps = this.capabilities(modelId);
    // Checked again right before sending: settings or the model may have changed since queueing.
    const problem = checkRequest(caps, request);
    if (problem) throw new AppError('unsupported', problem);
    if (RETIRED_MODEL_IDS[modelId] || this.o.catalog.isGone(modelId)) throw this.goneError(modelId);

    const chat = job.kind === 'chat' ? (this.o.chat ?? null) : null;
    if (job.kind === 'chat' && !chat) throw new AppError('internal', 'Chats are not available.');
    const contents = chat ? await chat.history(job) : [await this.userContent(request)];
    const startedAt = this.o.clock.now();
    const settings = this.o.settings.get();
    const large = caps.tier === 'pro' && request.imageSize === '4K';
    const progress = new ProgressTracker(job.id, job.attempt, () => this.o.clock.now(), (p) => this.o.events.emit('job.progress', p), this.o.library.store.images);
    let raw: Awaited<ReturnType<GeminiGateway['generate']>>;
    let served: ServiceTier | null = null;
    try {
      raw = await this.o.gateway.generate({
        model: modelId,
        contents,
        params: request,
        signal,
        onSend: sent,
        stream: settings.streaming,
        deadlineMs: this.o.requestDeadlineMs ?? (large ? settings.requestDeadlineLargeSeconds : settings.requestDeadlineSeconds) * 1000,
        onProgress: (p) => progress.add(p),
        onServedTier: (t) => (served = t),
      });
    } catch (err) {
      // A 404 means Google retired the model: remember it, so the UI and later jobs know.
      if (err instanceof AppError && err.code === 'model_not_found') {
        this.o.catalog.markGone(modelId);
        throw this.goneError(modelId);
      }
      throw err;
    } finally {
      // The last progress lands before the job's final update, never after it.
      await progress.settled();
    }
    const gen = readGeneration(raw);
    // The request is over; storing the answer (files, fsync, rows) need not hold its slot.
    answered();

    let finals: StoredImage[] = [];
    let thoughts: StoredImage[] = [];
    try {
      // The job is done once the originals are stored and the rows committed: thumbnails follow
      // in the background (or on demand, when the window shows a result first). Thought images
      // are shown as they are, never as thumbnails.
      finals = await this.o.library.writeImages(gen.images.map((i) => i.data), { thumbnails: 'later' });
      thoughts = await this.o.library.writeImages(gen.thoughtImages.map((i) => i.data), { thumbnails: 'later' });
    } catch (err) {
      this.o.library.discard(finals);
      // Retried once at most: every retry is billed, and a model that sends one corrupt image
      // for a prompt tends to send another.
      if (err instanceof CorruptImageError) throw new AppError('server', `Gemini returned an image Atelier could not read: ${err.message}`, { maxAttempts: 2 });
      throw err;
    }
    const turnIndex = chat ? chat.answerTurn(job) : null;
    let added: ReturnType<Library['insertGeneration']>['assets'] = [];
    const bill = billOf(caps, gen.usage, gen.grounding?.queries.length ?? 0, request.serviceTier, served);
    return {
      images: finals.length,
      costUsd: bill.costUsd,
      commit: () => {
        // Held inputs enter the library now, as sources of this result, and the stored request
        // names them as the assets they have become.
        const adopted: AssetSummary[] = [];
        const references = request.references.flatMap((r): Reference[] => {
          if (!isHeldReference(r)) return [r];
          const taken = this.o.held.adopt(r.heldSha256);
          if (taken?.added) adopted.push(taken.added);
          return taken ? [{ assetId: taken.assetId, kind: r.kind }] : [];
        });
        added = this.o.library.insertGeneration(
          {
            jobId: job.id,
            prompt: request.prompt,
            tier: request.tier,
            modelId,
            params: { ...request, references },
            responseText: gen.text,
            finishReason: gen.finishReason,
            usage: gen.usage,
            costUsd: bill.costUsd,
            serviceTier: bill.servedTier,
            listCostUsd: bill.listCostUsd,
            durationMs: this.o.clock.now() - startedAt,
            content: withImageRefs(gen.content),
            grounding: gen.grounding,
            conversationId: job.conversation_id,
            turnIndex,
            parentAssetIds: [...references.flatMap((r) => ('assetId' in r ? [r.assetId] : [])), ...(chat ? chat.previousImages(job) : [])],
          },
          finals,
        ).assets;
        added = [...adopted, ...added];
        this.o.library.insertBlobs(thoughts);
      },
      afterCommit: () => {
        this.o.library.thumbnails.later(finals);
        if (added.length) this.o.events.emit('library.added', added);
        if (chat && job.conversation_id) chat.stored(job.conversation_id);
      },
      discard: () => this.o.library.discard([...finals, ...thoughts]),
    };
  };
}
