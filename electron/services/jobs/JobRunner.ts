import crypto from 'node:crypto';
import type { GenerateRequest, Job } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { GeminiGateway } from '../gemini/GeminiGateway';
import type { ModelCatalog } from '../gemini/ModelCatalog';
import { tx, type Db } from '../library/db';
import { CorruptImageError, type StoredImage } from '../library/ContentStore';
import type { Library } from '../library/Library';
import { errorMeta, type Logger } from '../logger';

interface JobRow {
  id: string;
  state: Job['state'];
  request_json: string;
  model_id: string | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface JobRunnerOptions {
  db: Db;
  library: Library;
  gateway: GeminiGateway;
  catalog: ModelCatalog;
  events: EventBus;
  logger: Logger;
  concurrency?: number;
  now?: () => number;
}

/**
 * A small durable runner: jobs are rows in SQLite, run a few at a time. A result (files, its
 * generation and assets, and the job's new state) is committed in one transaction, so a crash
 * leaves either no result or the whole result. The throttled, quota-aware queue replaces this.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly waiting: string[] = [];
  private readonly idle = new Set<() => void>();
  private disposed = false;

  constructor(private readonly o: JobRunnerOptions) {}

  private get now(): () => number {
    return this.o.now ?? Date.now;
  }

  /** Re-queues work that was pending or in flight when the app last stopped. */
  resume(): void {
    const rows = this.o.db
      .prepare("SELECT id FROM jobs WHERE state IN ('queued', 'running') ORDER BY created_at")
      .all() as { id: string }[];
    if (rows.length) this.o.logger.info('jobs: resuming unfinished jobs', { count: rows.length });
    for (const { id } of rows) {
      this.o.db.prepare("UPDATE jobs SET state = 'queued', started_at = NULL WHERE id = ?").run(id);
      this.waiting.push(id);
    }
    this.pump();
  }

  submit(request: GenerateRequest): Job {
    const id = crypto.randomUUID();
    this.o.db
      .prepare("INSERT INTO jobs (id, state, request_json, created_at) VALUES (?, 'queued', ?, ?)")
      .run(id, JSON.stringify(request), this.now());
    const job = this.get(id);
    this.o.events.emit('job.updated', job);
    this.waiting.push(id);
    this.pump();
    return job;
  }

  list(limit = 50): Job[] {
    const rows = this.o.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[];
    return rows.map((r) => this.toJob(r));
  }

  get(id: string): Job {
    const row = this.o.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw new AppError('not_found', 'That job no longer exists.');
    return this.toJob(row);
  }

  /** Resolves when nothing is running or waiting (tests and shutdown use it). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Aborts requests in flight; their rows stay `running` and are re-sent on the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.waiting.length = 0;
    for (const controller of this.running.values()) controller.abort();
    await this.whenIdle();
  }

  private pump(): void {
    const limit = this.o.concurrency ?? 2;
    while (!this.disposed && this.running.size < limit && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const controller = new AbortController();
      this.running.set(id, controller);
      void this.run(id, controller.signal).finally(() => {
        this.running.delete(id);
        this.pump();
        if (this.running.size === 0 && this.waiting.length === 0) {
          for (const resolve of this.idle) resolve();
          this.idle.clear();
        }
      });
    }
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    const row = this.o.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow;
    const request = JSON.parse(row.request_json) as GenerateRequest;
    const model = this.o.catalog.resolve(request.tier);
    const startedAt = this.now();
    this.o.db.prepare("UPDATE jobs SET state = 'running', model_id = ?, started_at = ? WHERE id = ?").run(model, startedAt, id);
    this.o.events.emit('job.updated', this.get(id));

    let stored: StoredImage[] = [];
    try {
      const generation = await this.o.gateway.generateImage({ model, prompt: request.prompt, aspectRatio: request.aspectRatio, signal });
      stored = await this.o.library.writeImages(generation.images.map((i) => i.data)).catch((err: unknown) => {
        if (err instanceof CorruptImageError) throw new AppError('server', `Gemini returned an image Atelier could not read: ${err.message}`);
        throw err;
      });
      const added = tx(this.o.db, () => {
        const assets = this.o.library.insertGeneration(
          {
            jobId: id,
            prompt: request.prompt,
            tier: request.tier,
            modelId: model,
            params: { aspectRatio: request.aspectRatio },
            responseText: generation.text,
            finishReason: generation.finishReason,
            usage: generation.usage,
            durationMs: this.now() - startedAt,
          },
          stored,
        );
        this.o.db.prepare("UPDATE jobs SET state = 'succeeded', finished_at = ? WHERE id = ?").run(this.now(), id);
        return assets;
      });
      this.o.events.emit('library.added', added);
    } catch (err) {
      this.o.library.discard(stored);
      if (this.disposed && signal.aborted) return; // left `running`: re-sent on the next start
      const appErr = err instanceof AppError ? err : new AppError('internal', 'Atelier hit an internal error while saving the result.');
      if (!(err instanceof AppError)) this.o.logger.error('jobs: unexpected failure', { job: id, ...errorMeta(err) });
      else this.o.logger.info('jobs: job failed', { job: id, code: appErr.code });
      this.o.db
        .prepare("UPDATE jobs SET state = 'failed', error_code = ?, error_message = ?, finished_at = ? WHERE id = ?")
        .run(appErr.code, appErr.message, this.now(), id);
    }
    this.o.events.emit('job.updated', this.get(id));
  }

  private toJob(r: JobRow): Job {
    const request = JSON.parse(r.request_json) as GenerateRequest;
    return {
      id: r.id,
      state: r.state,
      prompt: request.prompt,
      tier: request.tier,
      aspectRatio: request.aspectRatio,
      modelId: r.model_id,
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
      assetIds: r.state === 'succeeded' ? this.o.library.assetIdsForJob(r.id) : [],
    };
  }
}
