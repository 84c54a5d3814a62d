import type { BatchLine, GenerateRequest, Job } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/domain/vocabulary';
import { capabilitiesFor } from '../../../shared/models/catalogue';
import { estimateCost } from '../../../shared/models/pricing';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { toAppError } from '../gemini/errors';
import type { GeminiGateway } from '../gemini/GeminiGateway';
import { readGeneration, type Generation } from '../gemini/response';
import type { RawResponse } from '../gemini/wire';
import type { RequestPolicy } from '../generation/RequestPolicy';
import { withImageRefs } from '../generation/GenerationService';
import { userContentOf } from '../generation/references';
import type { ReferenceImages } from '../references/images';
import type { StoredImage } from '../library/ContentStore';
import { tx, type Db } from '../db/db';
import type { Library } from '../library/Library';
import { errorMeta, type Logger } from '../logger';
import type { Clock } from '../clock';
import type { DoneNotifier } from '../queue/DoneNotifier';
import type { BatchInfo, JobRow, JobStore } from '../queue/JobStore';

export interface BatchSubmit {
  prompts: string[];
  /** Per prompt, by index: the images and Elements its `@Names` chose. */
  lines?: BatchLine[] | undefined;
  tier: ModelTier;
  modelId?: string | undefined;
  aspectRatio: GenerateRequest['aspectRatio'];
  imageSize: GenerateRequest['imageSize'];
  modalities: GenerateRequest['modalities'];
  grounding: boolean;
  includeThoughts: boolean;
}

export interface BatchServiceOptions {
  db: Db;
  store: JobStore;
  gateway: GeminiGateway;
  policy: RequestPolicy;
  library: Library;
  /** Where a line's reference images are read from (library assets); only a batch with `@Elements` needs it. */
  images?: ReferenceImages | undefined;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** How often to ask Gemini about a running batch. */
  pollMs?: number;
  /** The queue's notifier: one rule for when a finished job is worth an OS notification. */
  done?: DoneNotifier | undefined;
}

const TERMINAL = /_(SUCCEEDED|FAILED|CANCELLED|EXPIRED)$/;

/**
 * Batch API jobs (wire §7): many prompts as one request at half price. The job row carries the
 * batch's name, so polling resumes by name after a restart; results are imported on success.
 */
export class BatchService {
  private readonly timers = new Map<string, unknown>();
  private disposed = false;

  constructor(private readonly o: BatchServiceOptions) {}

  private get pollMs(): number {
    return this.o.pollMs ?? 30_000;
  }

  submit(input: BatchSubmit): Job {
    const request: GenerateRequest = {
      prompt: input.prompts[0]!,
      tier: input.tier,
      ...(input.modelId ? { modelId: input.modelId } : {}),
      aspectRatio: input.aspectRatio,
      imageSize: input.imageSize,
      modalities: input.modalities,
      grounding: input.grounding,
      includeThoughts: input.includeThoughts,
      references: [],
      priority: 0,
    };
    const modelId = this.o.policy.prepare(request, { batch: true, count: input.prompts.length });
    const lines = this.checkLines(input, request, modelId);
    const row = this.o.store.insert('batch', request, {
      modelId,
      batch: { name: null, state: 'CREATING', prompts: input.prompts, ...(lines ? { lines } : {}), succeeded: 0, failed: 0 },
    });
    this.o.store.update(row.id, { state: 'running', attempt: 1, started_at: this.o.clock.now() });
    this.emit(row.id);
    void this.create(row.id);
    return this.o.store.toJob(this.o.store.row(row.id));
  }

  /**
   * Each line's own references pass the same checks a studio request does (the model's per-kind
   * limits, images still there, Elements still there). Null for a batch of text only.
   */
  private checkLines(input: BatchSubmit, request: GenerateRequest, modelId: string): BatchLine[] | null {
    const lines = input.lines;
    if (!lines?.some((l) => l.references.length > 0 || l.elements?.length)) return null;
    if (lines.length !== input.prompts.length) throw new AppError('bad_input', 'Each prompt of the batch needs its own list of Elements, even an empty one.');
    const caps = this.o.policy.capabilities(modelId);
    lines.forEach((line, i) => {
      const problem = this.o.policy.problem(caps, { ...request, references: line.references });
      if (problem) throw new AppError('unsupported', `Line ${i + 1}: ${problem}`);
      this.o.policy.checkReferences(line.references);
      this.o.policy.checkElements(line.elements);
    });
    return lines;
  }

  /** Picks up batches that were running when Atelier stopped. */
  resume(): void {
    for (const row of this.o.store.inState('running', ['batch'])) {
      if (this.info(row).name) this.schedule(row.id, 0);
      else this.finish(row.id, 'failed', new AppError('server', 'Atelier stopped before Gemini confirmed this batch. Retry it to send it again.'));
    }
  }

  async cancel(id: string): Promise<Job> {
    const row = this.o.store.row(id);
    if (row.state !== 'running') return this.o.store.toJob(row);
    const name = this.info(row).name;
    if (name) {
      try {
        await (await this.o.gateway.sdk()).batches.cancel({ name });
      } catch (err) {
        throw toAppError(err);
      }
    }
    this.finish(id, 'cancelled', new AppError('cancelled', 'Cancelled.'));
    return this.o.store.toJob(this.o.store.row(id));
  }

  retry(id: string): Job {
    const row = this.o.store.row(id);
    if (row.state !== 'failed' && row.state !== 'cancelled') throw new AppError('bad_input', 'Only a failed or cancelled batch can be retried.');
    this.setInfo(id, { ...this.info(row), name: null, state: 'CREATING', succeeded: 0, failed: 0 });
    this.o.store.update(id, { state: 'running', attempt: row.attempt + 1, started_at: this.o.clock.now(), finished_at: null, error_code: null, error_message: null });
    this.emit(id);
    void this.create(id);
    return this.o.store.toJob(this.o.store.row(id));
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) this.o.clock.clearTimeout(t);
    this.timers.clear();
  }

  private async create(id: string): Promise<void> {
    const row = this.o.store.row(id);
    const request = JSON.parse(row.request_json) as GenerateRequest;
    const info = this.info(row);
    try {
      const ai = await this.o.gateway.sdk();
      // Read once as the batch is created: every request in it carries the privacy choice of now.
      const config = this.o.gateway.requestConfig(request);
      const contents = await Promise.all(
        info.prompts.map(async (prompt, i) => {
          const references = info.lines?.[i]?.references ?? [];
          if (references.length === 0) return [{ role: 'user', parts: [{ text: prompt }] }];
          if (!this.o.images) throw new AppError('server', 'This batch carries reference images, and Atelier was started without a way to read them.');
          return [await userContentOf(this.o.images, { prompt, references }, this.o.library.store.images)];
        }),
      );
      const batch = await ai.batches.create({
        model: row.model_id!,
        src: contents.map((c) => ({ contents: c, config })),
        config: { displayName: `Atelier batch ${id.slice(0, 8)}` },
      });
      if (!batch.name) throw new AppError('server', 'Gemini accepted the batch but gave it no name.');
      this.setInfo(id, { ...info, name: batch.name, state: batch.state ?? 'JOB_STATE_PENDING' });
      this.emit(id);
      this.schedule(id, this.pollMs);
    } catch (err) {
      this.finish(id, 'failed', toAppError(err, { model: row.model_id ?? undefined }));
    }
  }

  private schedule(id: string, ms: number): void {
    if (this.disposed) return;
    this.timers.set(id, this.o.clock.setTimeout(() => void this.poll(id), ms));
  }

  private async poll(id: string): Promise<void> {
    this.timers.delete(id);
    const row = this.o.store.row(id);
    if (row.state !== 'running') return;
    const info = this.info(row);
    try {
      const batch = await (await this.o.gateway.sdk()).batches.get({ name: info.name! });
      const state = batch.state ?? info.state;
      if (state !== info.state) {
        this.setInfo(id, { ...info, state });
        this.emit(id);
      }
      if (!TERMINAL.test(state)) return this.schedule(id, this.pollMs);
      if (state.endsWith('_SUCCEEDED')) await this.importResults(id, (batch.dest?.inlinedResponses ?? []) as Array<{ response?: unknown; error?: { message?: string } }>);
      else this.finish(id, state.endsWith('_CANCELLED') ? 'cancelled' : 'failed', new AppError('server', `Gemini ended the batch as ${state.replace(/^\w+_STATE_/, '').toLowerCase()}.`));
    } catch (err) {
      // Offline or a hiccup: the batch keeps running at Google; ask again later.
      this.o.logger.warn('batch: poll failed, will retry', { job: id, ...errorMeta(err) });
      this.schedule(id, Math.min(this.pollMs * 4, 5 * 60_000));
    }
  }

  private async importResults(id: string, items: Array<{ response?: unknown; error?: { message?: string } }>): Promise<void> {
    const row = this.o.store.row(id);
    const request = JSON.parse(row.request_json) as GenerateRequest;
    const info = this.info(row);
    const caps = capabilitiesFor(row.model_id!);
    const results: Array<{ prompt: string; line: BatchLine | undefined; gen: Generation; stored: StoredImage[] }> = [];
    let failed = 0;
    for (const [i, item] of items.entries()) {
      try {
        if (!item.response) throw new AppError('server', item.error?.message ?? 'No response');
        const gen = readGeneration(item.response as RawResponse);
        results.push({ prompt: info.prompts[i] ?? request.prompt, line: info.lines?.[i], gen, stored: await this.o.library.writeImages(gen.images.map((x) => x.data), { thumbnails: 'later' }) });
      } catch (err) {
        failed += 1;
        this.o.logger.info('batch: an item produced no image', { job: id, item: i, ...errorMeta(err) });
      }
    }
    const added: ReturnType<Library['insertGeneration']>['assets'] = [];
    tx(this.o.db, () => {
      for (const r of results) {
        added.push(
          ...this.o.library.insertGeneration(
            {
              jobId: id,
              prompt: r.prompt,
              tier: request.tier,
              modelId: row.model_id!,
              // A line's Elements are named on its result (the generation_elements trigger reads them).
              params: r.line ? { ...request, references: r.line.references, ...(r.line.elements?.length ? { elements: r.line.elements } : {}) } : request,
              responseText: r.gen.text,
              finishReason: r.gen.finishReason,
              usage: r.gen.usage,
              costUsd: estimateCost(caps, r.gen.usage, { batch: true }),
              // Batch is half of Standard: Usage counts the other half as saved.
              serviceTier: 'batch',
              listCostUsd: estimateCost(caps, r.gen.usage),
              durationMs: this.o.clock.now() - (row.started_at ?? row.created_at),
              content: withImageRefs(r.gen.content),
              grounding: r.gen.grounding,
            },
            r.stored,
          ).assets,
        );
      }
      this.setInfo(id, { ...info, succeeded: results.length, failed: failed + Math.max(0, info.prompts.length - items.length) });
      this.o.store.update(id, { state: 'succeeded', finished_at: this.o.clock.now() });
    });
    // Thumbnails after the rows, in the background: a batch lands hundreds of results at once.
    this.o.library.thumbnails.later(results.flatMap((r) => r.stored));
    if (added.length) this.o.events.emit('library.added', added);
    this.emit(id);
    this.notify(id);
  }

  private finish(id: string, state: 'failed' | 'cancelled', err: AppError): void {
    this.o.store.update(id, { state, finished_at: this.o.clock.now(), error_code: err.code, error_message: err.message });
    this.emit(id);
    if (state === 'failed') this.notify(id);
  }

  private notify(id: string): void {
    this.o.done?.jobEnded(this.o.store.toJob(this.o.store.row(id)));
  }

  private info(row: JobRow): BatchInfo {
    return JSON.parse(row.batch_json!) as BatchInfo;
  }

  private setInfo(id: string, info: BatchInfo): void {
    this.o.store.update(id, { batch_json: JSON.stringify(info) });
  }

  private emit(id: string): void {
    this.o.events.emit('job.updated', this.o.store.toJob(this.o.store.row(id)));
  }
}
