import crypto from 'node:crypto';
import type { ErrorCode } from '../../../shared/errors';
import type { GenerateRequest, Job, JobState, WaitReason } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import type { Db } from '../library/db';
import { costUsd as saneCost, tokenCount } from '../usage/sane';

export type JobKind = Job['kind'];

export interface JobRow {
  id: string;
  kind: JobKind;
  state: JobState;
  request_json: string;
  model_id: string | null;
  priority: number;
  seq: number;
  attempt: number;
  wait_reason: WaitReason | null;
  next_attempt_at: number | null;
  resent: number;
  conversation_id: string | null;
  batch_json: string | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface BatchInfo {
  name: string | null;
  state: string;
  prompts: string[];
  succeeded: number;
  failed: number;
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'kind' | 'request_json' | 'created_at' | 'conversation_id'>>;

/** The jobs table and its mapping to the contract's Job. SQL lives here, scheduling in JobQueue. */
export class JobStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  insert(kind: JobKind, request: GenerateRequest, o: { modelId: string; conversationId?: string | null; batch?: BatchInfo }): JobRow {
    const id = crypto.randomUUID();
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, state, request_json, model_id, priority, seq, conversation_id, batch_json, created_at)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, kind, JSON.stringify(request), o.modelId, request.priority, now, o.conversationId ?? null, o.batch ? JSON.stringify(o.batch) : null, now);
    return this.row(id);
  }

  row(id: string): JobRow {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw new AppError('not_found', 'That job no longer exists.');
    return row;
  }

  update(id: string, patch: JobPatch): JobRow {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    if (keys.length) {
      this.db.prepare(`UPDATE jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
    }
    return this.row(id);
  }

  /** Marks a running job done; false when it is no longer running (cancelled meanwhile). */
  finishRunning(id: string, patch: JobPatch): boolean {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    const res = this.db
      .prepare(`UPDATE jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id AND state = 'running'`)
      .run({ ...patch, id });
    return res.changes === 1;
  }

  /** Jobs the scheduler may start, best first. */
  runnable(kinds: readonly JobKind[]): JobRow[] {
    return this.db
      .prepare(`SELECT * FROM jobs WHERE state = 'queued' AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY priority DESC, seq ASC`)
      .all(...kinds) as JobRow[];
  }

  inState(state: JobState, kinds: readonly JobKind[]): JobRow[] {
    return this.db
      .prepare(`SELECT * FROM jobs WHERE state = ? AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY created_at`)
      .all(state, ...kinds) as JobRow[];
  }

  /** A seq that sorts just before `beforeId` among jobs of its priority (or last when null). */
  seqBefore(beforeId: string | null, priority: number): number {
    if (!beforeId) {
      const { m } = this.db.prepare('SELECT max(seq) AS m FROM jobs').get() as { m: number | null };
      return (m ?? this.now()) + 1;
    }
    const before = this.row(beforeId);
    const prev = this.db
      .prepare('SELECT max(seq) AS s FROM jobs WHERE priority = ? AND seq < ? AND state IN (\'queued\', \'paused\')')
      .get(priority, before.seq) as { s: number | null };
    return prev.s === null ? before.seq - 1 : (prev.s + before.seq) / 2;
  }

  hasResult(id: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM generations WHERE job_id = ? LIMIT 1').get(id);
  }

  list(limit: number): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[];
  }

  toJob(r: JobRow): Job {
    const request = JSON.parse(r.request_json) as GenerateRequest;
    const gens = this.db
      .prepare(
        `SELECT id, prompt_tokens, output_tokens, thought_tokens, image_tokens, cost_usd, response_text
         FROM generations WHERE job_id = ? ORDER BY created_at`,
      )
      .all(r.id) as Array<{ id: string; prompt_tokens: number; output_tokens: number; thought_tokens: number; image_tokens: number; cost_usd: number; response_text: string | null }>;
    const assetIds = gens.length
      ? (this.db
          .prepare(
            `SELECT a.id FROM assets a JOIN generations g ON g.id = a.generation_id WHERE g.job_id = ? ORDER BY a.created_at`,
          )
          .pluck()
          .all(r.id) as string[])
      : [];
    // Stored numbers pass through usage/sane: one bad row must not fail the whole list.
    const sum = (f: (g: (typeof gens)[number]) => number) => gens.reduce((t, g) => t + tokenCount(f(g)), 0);
    const costs = gens.map((g) => saneCost(g.cost_usd));
    const batch = r.batch_json ? (JSON.parse(r.batch_json) as BatchInfo) : null;
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      prompt: request.prompt,
      tier: request.tier,
      modelId: r.model_id,
      aspectRatio: request.aspectRatio ?? null,
      request,
      priority: r.priority,
      position: r.seq,
      attempt: r.attempt,
      waitReason: r.state === 'queued' ? r.wait_reason : null,
      nextAttemptAt: r.state === 'queued' ? r.next_attempt_at : null,
      resent: r.resent === 1,
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      outcome: r.state === 'succeeded' && r.kind !== 'batch' ? (assetIds.length ? 'images' : 'text') : null,
      error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
      generationId: gens[0]?.id ?? null,
      assetIds,
      usage: gens.length
        ? {
            promptTokens: sum((g) => g.prompt_tokens),
            outputTokens: sum((g) => g.output_tokens),
            thoughtTokens: sum((g) => g.thought_tokens),
            imageTokens: sum((g) => g.image_tokens),
          }
        : null,
      costUsd: gens.length && costs.every((c) => c !== null) ? costs.reduce((t: number, c) => t + c!, 0) : null,
      conversationId: r.conversation_id,
      batch: batch ? { name: batch.name, state: batch.state, total: batch.prompts.length, succeeded: batch.succeeded, failed: batch.failed } : null,
    };
  }
}
