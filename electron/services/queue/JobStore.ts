import crypto from 'node:crypto';
import type { ErrorCode } from '../../../shared/errors';
import type { BatchLine, GenerateRequest, Job, JobState, WaitReason } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import type Database from 'better-sqlite3';
import type { Db } from '../db/db';
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
  set_id: string | null;
  revision: number;
  /** When the current attempt's request left (the fetch hook saw it go); null until then. */
  sent_at: number | null;
  /** Since when Google has been shedding this job's Flex call (migration 0130); null otherwise. */
  flex_shed_since?: number | null;
}

/** What the scheduler keeps in memory about a queued job: enough to order it, never its request. */
export type QueuedRow = Pick<JobRow, 'id' | 'model_id' | 'priority' | 'seq' | 'wait_reason' | 'next_attempt_at'>;

export interface BatchInfo {
  name: string | null;
  state: string;
  prompts: string[];
  /** Per prompt, by index: what its `@Elements` add (absent in batches of text only). */
  lines?: BatchLine[] | undefined;
  succeeded: number;
  failed: number;
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'kind' | 'request_json' | 'created_at' | 'conversation_id' | 'set_id' | 'revision'>>;

export interface InsertOptions {
  modelId: string;
  conversationId?: string | null;
  batch?: BatchInfo;
  setId?: string | null;
  waitReason?: WaitReason | null;
}

/** The jobs table and its mapping to the contract's Job. SQL lives here, scheduling in JobQueue. */
export class JobStore {
  /** The queue touches rows on every pass; preparing a statement costs more than running it. */
  private readonly statements = new Map<string, Database.Statement>();
  /** Highest seq handed out, so jobs added in the same millisecond keep the order they came in. */
  private lastSeq: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private nextSeq(): number {
    if (this.lastSeq === null) this.lastSeq = (this.stmt('SELECT max(seq) AS m FROM jobs').get() as { m: number | null }).m ?? 0;
    this.lastSeq = Math.max(this.now(), Math.floor(this.lastSeq) + 1);
    return this.lastSeq;
  }

  insert(kind: JobKind, request: GenerateRequest, o: InsertOptions): JobRow {
    const id = crypto.randomUUID();
    const now = this.now();
    this.stmt(
      `INSERT INTO jobs (id, kind, state, request_json, model_id, priority, seq, conversation_id, batch_json, created_at, set_id, wait_reason)
       VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, kind, JSON.stringify(request), o.modelId, request.priority, this.nextSeq(), o.conversationId ?? null, o.batch ? JSON.stringify(o.batch) : null, now, o.setId ?? null, o.waitReason ?? null);
    return this.row(id);
  }

  row(id: string): JobRow {
    const row = this.stmt('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw new AppError('not_found', 'That job no longer exists.');
    return row;
  }

  /** The row, or null when it is gone (a conversation deleted with its jobs). */
  find(id: string): JobRow | null {
    return (this.stmt('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined) ?? null;
  }

  /** The request a job will send next (a shed Flex job the user let move to Standard). */
  rewriteRequest(id: string, request: GenerateRequest): void {
    this.stmt('UPDATE jobs SET request_json = ? WHERE id = ?').run(JSON.stringify(request), id);
  }

  /** Every change goes up a revision, so the window can tell the newest copy of a job. */
  update(id: string, patch: JobPatch): JobRow {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    this.stmt(`UPDATE jobs SET ${keys.map((k) => `${k} = @${k}, `).join('')}revision = revision + 1 WHERE id = @id`).run({ ...patch, id });
    return this.row(id);
  }

  /** Marks a running job done; false when it is no longer running (cancelled meanwhile). */
  finishRunning(id: string, patch: JobPatch): boolean {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    const res = this.stmt(`UPDATE jobs SET ${keys.map((k) => `${k} = @${k}, `).join('')}revision = revision + 1 WHERE id = @id AND state = 'running'`).run({ ...patch, id });
    return res.changes === 1;
  }

  /** The request of this attempt left; kept so a crash after this point knows it may be billed. */
  markSent(id: string, at: number): void {
    this.stmt("UPDATE jobs SET sent_at = ? WHERE id = ? AND state = 'running'").run(at, id);
  }

  /** The queued jobs of these kinds, best first: read once when the queue starts. */
  queued(kinds: readonly JobKind[]): QueuedRow[] {
    return this.db
      .prepare(
        `SELECT id, model_id, priority, seq, wait_reason, next_attempt_at FROM jobs
         WHERE state = 'queued' AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY priority DESC, seq ASC, rowid ASC`,
      )
      .all(...kinds) as QueuedRow[];
  }

  /** The jobs of one variations set, in the order they were made. */
  inSet(setId: string): JobRow[] {
    return this.stmt('SELECT * FROM jobs WHERE set_id = ? ORDER BY seq, rowid').all(setId) as JobRow[];
  }

  inState(state: JobState, kinds: readonly JobKind[]): JobRow[] {
    return this.db
      .prepare(`SELECT * FROM jobs WHERE state = ? AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY created_at`)
      .all(state, ...kinds) as JobRow[];
  }

  /** A seq that sorts just before `beforeId` among jobs of its priority (or last when null). */
  seqBefore(beforeId: string | null, priority: number): number {
    if (!beforeId) return this.nextSeq();
    const before = this.row(beforeId);
    const prev = this.db
      .prepare('SELECT max(seq) AS s FROM jobs WHERE priority = ? AND seq < ? AND state IN (\'queued\', \'paused\')')
      .get(priority, before.seq) as { s: number | null };
    return prev.s === null ? before.seq - 1 : (prev.s + before.seq) / 2;
  }

  hasResult(id: string): boolean {
    return !!this.stmt('SELECT 1 FROM generations WHERE job_id = ? LIMIT 1').get(id);
  }

  list(limit: number): JobRow[] {
    return this.stmt('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[];
  }

  toJob(r: JobRow): Job {
    const request = JSON.parse(r.request_json) as GenerateRequest;
    // Results are written in the transaction that marks a job succeeded, and a succeeded job never
    // runs again: any other job has none, and the queue emits those on every start and wait.
    const gens = r.state !== 'succeeded' ? [] : (this.stmt(
      `SELECT id, prompt_tokens, output_tokens, thought_tokens, image_tokens, cost_usd, response_text, service_tier
       FROM generations WHERE job_id = ? ORDER BY created_at`,
    ).all(r.id) as Array<{ id: string; prompt_tokens: number; output_tokens: number; thought_tokens: number; image_tokens: number; cost_usd: number; response_text: string | null; service_tier: Job['servedTier'] }>);
    const assetIds = gens.length
      ? (this.stmt(`SELECT a.id FROM assets a JOIN generations g ON g.id = a.generation_id WHERE g.job_id = ? ORDER BY a.created_at`)
          .all(r.id) as Array<{ id: string }>).map((a) => a.id)
      : [];
    // Stored numbers pass through usage/sane: one bad row must not fail the whole list.
    const sum = (f: (g: (typeof gens)[number]) => number) => gens.reduce((t, g) => t + tokenCount(f(g)), 0);
    const costs = gens.map((g) => saneCost(g.cost_usd));
    const batch = r.batch_json ? (JSON.parse(r.batch_json) as BatchInfo) : null;
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      modelId: r.model_id,
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
      setId: r.set_id,
      revision: r.revision,
      servedTier: gens[0]?.service_tier ?? null,
      flexShedSince: r.flex_shed_since ?? null,
    };
  }
}
