import crypto from 'node:crypto';
import { isHeldReference, type AssetSummary, type GenerateRequest, type JobProgress, type Reference } from '../../../shared/ipc/contract';
import { migrateModelId, RETIRED_MODEL_IDS } from '../../../shared/models/catalogue';
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
import { editContent } from '../edit/editRequest';
import type { Composed, EditCompositor } from '../edit/EditCompositor';
import { ProgressTracker } from './progress';
import { billOf } from './serviceTierBill';
import type { ServiceTier } from '../../../shared/domain/serviceTiers';
import type { HeldInputs } from '../references/HeldInputs';
import { referencePart, userContentOf } from './references';
import type { RequestPolicy } from './RequestPolicy';

export interface GenerationServiceOptions {
  library: Library;
  /** Dropped or pasted references, held outside the library until a job using them succeeds. */
  held: HeldInputs;
  gateway: GeminiGateway;
  catalog: ModelCatalog;
  /** What is decided before a request is queued, asked again before it is sent. */
  policy: RequestPolicy;
  settings: Settings;
  events: EventBus;
  clock: Clock;
  /** What chat jobs need (their history); without it, chat jobs fail. */
  chat?: ChatHooks;
  /** Overrides the deadline settings (tests). */
  requestDeadlineMs?: number;
  /** Lays a masked edit's answer over its original; without it, the model's whole image is the result. */
  compositor?: EditCompositor;
}

/** Where a streamed job's progress can be followed by main's own services (CompareService times it). */
export interface ProgressHook {
  onProgress(listener: (p: JobProgress) => void): () => void;
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
 * Turns jobs into stored results: `execute` is what the queue runs for each attempt. What is
 * decided before a request is queued (its model, what that model accepts, the budget) is the
 * RequestPolicy's.
 */
export class GenerationService implements ProgressHook {
  private readonly progressListeners = new Set<(p: JobProgress) => void>();

  constructor(private readonly o: GenerationServiceOptions) {}

  /** Hears every `job.progress` the window hears, typed; returns the unsubscribe function. */
  onProgress(listener: (p: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private progressed(p: JobProgress): void {
    this.o.events.emit('job.progress', p);
    for (const listener of this.progressListeners) listener(p);
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
      if (jobs + chats > 0) this.o.policy.tellRetired(oldId, newId, { atStartup: true });
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
    const caps = this.o.policy.capabilities(modelId);
    // Checked again right before sending: settings or the model may have changed since queueing.
    this.o.policy.check(caps, request);
    if (RETIRED_MODEL_IDS[modelId] || this.o.catalog.isGone(modelId)) throw this.o.policy.goneError(modelId);

    const chat = job.kind === 'chat' ? (this.o.chat ?? null) : null;
    if (job.kind === 'chat' && !chat) throw new AppError('internal', 'Chats are not available.');
    const contents = chat ? await chat.history(job) : [await this.userContent(request)];
    const startedAt = this.o.clock.now();
    const settings = this.o.settings.get();
    const large = caps.tier === 'pro' && request.imageSize === '4K';
    const progress = new ProgressTracker(job.id, job.attempt, () => this.o.clock.now(), (p) => this.progressed(p), this.o.library.store.images);
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
        throw this.o.policy.goneError(modelId);
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
    let composed: Composed | null = null;
    try {
      // The job is done once the originals are stored and the rows committed: thumbnails follow
      // in the background (or on demand, when the window shows a result first). Thought images
      // are shown as they are, never as thumbnails.
      finals = await this.o.library.writeImages(gen.images.map((i) => i.data), { thumbnails: 'later' });
      thoughts = await this.o.library.writeImages(gen.thoughtImages.map((i) => i.data), { thumbnails: 'later' });
      // A masked edit: the composite is the result, the model's whole image is kept beside it.
      composed = (await this.o.compositor?.compose(request, finals)) ?? null;
      if (composed) finals = composed.results;
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
    this.o.policy.noteServedTier(modelId, served);
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
        composed?.record(added);
        added = [...adopted, ...added];
        this.o.library.insertBlobs(thoughts);
      },
      afterCommit: () => {
        this.o.library.thumbnails.later(finals);
        if (added.length) this.o.events.emit('library.added', added);
        if (chat && job.conversation_id) chat.stored(job.conversation_id);
      },
      discard: () => this.o.library.discard([...finals, ...thoughts, ...(composed?.wholes ?? [])]),
    };
  };
}
