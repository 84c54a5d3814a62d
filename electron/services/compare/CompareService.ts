import crypto from 'node:crypto';
import type { AssetComparison, Comparison, ComparisonSummary, CompareStart, CompareStats, ContenderResult, GenerateRequest, Job, JobProgress, StatsQuery } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { ProgressHook } from '../generation/GenerationService';
import type { RequestPolicy } from '../generation/RequestPolicy';
import type Database from 'better-sqlite3';
import { cached, tx, type Db } from '../db/db';
import type { Clock } from '../clock';
import type { JobQueue } from '../queue/JobQueue';
import { checkThinking, contenderLabel } from './contenders';
import { finishPairs } from './stats';
import { queryPairTotals } from './statsQuery';

export interface CompareServiceOptions {
  db: Db;
  /** Runs the contenders' jobs and tells this service when one moves on (`onJobUpdated`). */
  queue: JobQueue;
  /** A streamed job's thoughts and drafts: the first one is a contender's "time to first progress". */
  progress: ProgressHook;
  /** Each contender's model, what it accepts, its price, and the budget for all of them. */
  policy: RequestPolicy;
  events: EventBus;
  clock: Clock;
  /** Shuffles blind comparisons; tests pass a seeded one. */
  random?: () => number;
}

interface ComparisonRow {
  id: string;
  created_at: number;
  prompt: string;
  references_json: string;
  aspect_ratio: string | null;
  edit_json: string | null;
  blind: number;
  order_json: string;
  state: Comparison['state'];
  vote_kind: 'winner' | 'tie' | 'all_bad' | null;
  vote_winner: number | null;
  voted_at: number | null;
}

interface ContenderRow {
  comparison_id: string;
  idx: number;
  contender_json: string;
  model_id: string;
  config_key: string;
  job_id: string | null;
  state: ContenderResult['state'];
  error_code: ErrorCode | null;
  error_message: string | null;
  asset_id: string | null;
  started_at: number | null;
  first_progress_at: number | null;
  finished_at: number | null;
  prompt_tokens: number | null;
  output_tokens: number | null;
  thought_tokens: number | null;
  image_tokens: number | null;
  cost_usd: number | null;
  estimate_usd: number;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const usd = (x: number) => `$${x.toFixed(2)}`;

/**
 * Runs one prompt on 2–4 contenders through the normal queue, follows their jobs, keeps the
 * results, timings and the vote in SQLite, and adds the votes up. The jobs are ordinary jobs:
 * quota, retries and restarts are the queue's; this service only follows their updates.
 */
export class CompareService {
  private readonly stopListening: Array<() => void>;
  private readonly random: () => number;

  constructor(private readonly o: CompareServiceOptions) {
    this.random = o.random ?? Math.random;
    this.stopListening = [o.queue.onJobUpdated((job) => this.onJobSoon(job)), o.progress.onProgress((p) => this.onProgress(p))];
    this.reconcile();
  }

  dispose(): void {
    this.flush();
    for (const stop of this.stopListening) stop();
  }

  /** Compiled once per connection: every job update of a contender runs several of these. */
  private sql(text: string): Database.Statement {
    return cached(this.o.db, text);
  }

  /** Checks every contender and the budget before anything is queued; then queues them all at once. */
  start(input: CompareStart): Comparison {
    const now = this.o.clock.now();
    const references = input.references;
    const planned = input.contenders.map((c, i) => {
      const modelId = this.o.policy.resolveModel(c.tier, c.modelId);
      const caps = this.o.policy.capabilities(modelId);
      const label = contenderLabel(c, modelId);
      const problem = this.o.policy.problem(caps, { aspectRatio: input.aspectRatio, imageSize: c.imageSize, references, grounding: c.grounding, serviceTier: input.serviceTier }) ?? checkThinking(c, modelId);
      if (problem) throw new AppError('unsupported', `Contender ${i + 1} (${label}) cannot run: ${problem}`);
      const estimate = this.o.policy.price(caps, { imageSize: c.imageSize, references, promptChars: input.prompt.length }, { serviceTier: input.serviceTier });
      const request: GenerateRequest = {
        prompt: input.prompt,
        tier: caps.tier,
        modelId,
        aspectRatio: input.aspectRatio,
        imageSize: c.imageSize,
        modalities: 'TEXT_IMAGE',
        grounding: c.grounding,
        ...(c.thinkingLevel ? { thinkingLevel: c.thinkingLevel } : {}),
        // Thought summaries are what a streamed run reports before its image, so they are what
        // "time to first progress" times. Thinking is billed whether or not it is shown.
        includeThoughts: caps.visibleThoughts,
        references,
        priority: 0,
        ...(input.edit ? { edit: input.edit } : {}),
        ...(input.elements?.length ? { elements: input.elements } : {}),
        ...(input.serviceTier === 'flex' ? { serviceTier: 'flex' as const } : {}),
      };
      return { contender: c, modelId, label, estimate, request };
    });
    for (let i = 0; i < planned.length; i++) {
      for (let j = i + 1; j < planned.length; j++) {
        if (planned[i]!.label === planned[j]!.label) {
          throw new AppError('bad_input', `Contenders ${i + 1} and ${j + 1} are the same (${planned[i]!.label}). Change the model or an option of one of them.`);
        }
      }
    }
    this.o.policy.checkReferences(references);
    this.o.policy.checkElements(input.elements);
    // The policy's one budget check, in words that name each contender's share.
    this.o.policy.checkBudget(
      planned.reduce((t, p) => t + p.estimate, 0),
      ({ estimateUsd, total, budget }) =>
        `This comparison would cost about ${usd(estimateUsd)} in all (${planned.map((p) => `${p.label} ${usd(p.estimate)}`).join(', ')}), taking this month's estimated spend to ${usd(total)}, ` +
        `past your ${usd(budget)} budget. Nothing was sent. Raise the budget in Settings, or compare fewer contenders.`,
    );

    const id = crypto.randomUUID();
    const order = planned.map((_, i) => i);
    if (input.blind) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    this.o.queue.enqueueMany(
      planned.map((p) => ({ request: p.request, modelId: p.modelId })),
      (rows) => {
        this
          .sql(
            `INSERT INTO comparisons (id, created_at, prompt, references_json, aspect_ratio, edit_json, blind, order_json, state)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
          )
          .run(id, now, input.prompt, JSON.stringify(references), input.aspectRatio, input.edit ? JSON.stringify(input.edit) : null, input.blind ? 1 : 0, JSON.stringify(order));
        const insert = this.sql(
          `INSERT INTO comparison_contenders (comparison_id, idx, contender_json, model_id, config_key, job_id, state, estimate_usd)
           VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?)`,
        );
        planned.forEach((p, i) => insert.run(id, i, JSON.stringify(p.contender), p.modelId, p.label, rows[i]!.id, p.estimate));
      },
    );
    const comparison = this.get(id);
    this.o.events.emit('comparison.updated', comparison);
    return comparison;
  }

  /** Each contender's label, price estimate and, when its model cannot take it, why not. */
  estimate(input: CompareStart): { contenders: Array<{ label: string; modelId: string; estimateUsd: number; problem: string | null }>; totalUsd: number } {
    const contenders = input.contenders.map((c) => {
      const modelId = this.o.policy.resolveModel(c.tier, c.modelId);
      const caps = this.o.policy.capabilities(modelId);
      return {
        label: contenderLabel(c, modelId),
        modelId,
        estimateUsd: this.o.policy.price(caps, { imageSize: c.imageSize, references: input.references, promptChars: input.prompt.length }, { serviceTier: input.serviceTier }),
        problem: this.o.policy.problem(caps, { aspectRatio: input.aspectRatio, imageSize: c.imageSize, references: input.references, grounding: c.grounding, serviceTier: input.serviceTier }) ?? checkThinking(c, modelId),
      };
    });
    return { contenders, totalUsd: contenders.reduce((t, c) => t + c.estimateUsd, 0) };
  }

  get(id: string): Comparison {
    const row = this.sql('SELECT * FROM comparisons WHERE id = ?').get(id) as ComparisonRow | undefined;
    if (!row) throw new AppError('not_found', 'That comparison no longer exists.');
    const contenders = this.sql('SELECT * FROM comparison_contenders WHERE comparison_id = ? ORDER BY idx').all(id) as ContenderRow[];
    return this.toComparison(row, contenders);
  }

  list(limit = 100): ComparisonSummary[] {
    const rows = this.sql('SELECT * FROM comparisons ORDER BY created_at DESC LIMIT ?').all(limit) as ComparisonRow[];
    return this.summaries(rows);
  }

  private summaries(rows: ComparisonRow[]): ComparisonSummary[] {
    const contendersOf = this.sql('SELECT idx, config_key, asset_id FROM comparison_contenders WHERE comparison_id = ? ORDER BY idx');
    return rows.map((r) => {
      const ks = contendersOf.all(r.id) as Array<{ idx: number; config_key: string; asset_id: string | null }>;
      const order = JSON.parse(r.order_json) as number[];
      const shown = order.map((i) => ks[i]!).filter(Boolean);
      // A blind comparison keeps its labels to itself until it is voted on.
      const hidden = r.blind === 1 && r.vote_kind === null;
      return {
        id: r.id,
        createdAt: r.created_at,
        prompt: r.prompt,
        blind: r.blind === 1,
        state: r.state,
        labels: hidden ? shown.map((_, i) => `Result ${String.fromCharCode(65 + i)}`) : shown.map((k) => k.config_key),
        vote: r.vote_kind ? { kind: r.vote_kind, winner: r.vote_winner, at: r.voted_at! } : null,
        winnerLabel: r.vote_kind === 'winner' && r.vote_winner !== null ? (ks[r.vote_winner]?.config_key ?? null) : null,
        thumbAssetIds: shown.flatMap((k) => (k.asset_id ? [k.asset_id] : [])),
      };
    });
  }

  /** The comparison an image came from, for its lineage, and how that image did in the vote. */
  forAsset(assetId: string): AssetComparison | null {
    // A result is made by one job, so it belongs to one comparison at most.
    const k = this.sql('SELECT comparison_id, idx FROM comparison_contenders WHERE asset_id = ?').get(assetId) as { comparison_id: string; idx: number } | undefined;
    if (!k) return null;
    const row = this.sql('SELECT * FROM comparisons WHERE id = ?').get(k.comparison_id) as ComparisonRow;
    const [summary] = this.summaries([row]);
    const outcome: AssetComparison['outcome'] =
      row.vote_kind === null ? 'no_vote' : row.vote_kind === 'winner' ? (row.vote_winner === k.idx ? 'won' : 'lost') : row.vote_kind;
    return { ...summary!, outcome };
  }

  cancel(id: string): Comparison {
    const c = this.get(id);
    if (c.state !== 'running') return c;
    this.sql("UPDATE comparisons SET state = 'cancelled' WHERE id = ?").run(id);
    for (const k of c.contenders) if (k.jobId && !TERMINAL.has(k.state)) this.o.queue.cancel(k.jobId);
    this.flush();
    const after = this.get(id);
    this.o.events.emit('comparison.updated', after);
    return after;
  }

  /** A vote is taken once nothing is still running, and only among results that finished. */
  vote(id: string, kind: 'winner' | 'tie' | 'all_bad', winner?: number): Comparison {
    this.flush();
    const c = this.get(id);
    if (c.contenders.some((k) => !TERMINAL.has(k.state))) throw new AppError('bad_input', 'Wait until every result has arrived (or cancel the rest) before voting.');
    const finished = c.contenders.filter((k) => k.state === 'succeeded');
    if (kind === 'winner') {
      const w = c.contenders[winner ?? -1];
      if (!w) throw new AppError('bad_input', `This comparison has ${c.contenders.length} results; there is no result ${(winner ?? 0) + 1}.`);
      if (w.state !== 'succeeded') throw new AppError('bad_input', 'That result did not finish, so it cannot win. Pick one of the finished results.');
    }
    if (kind !== 'all_bad' && finished.length < 2) throw new AppError('bad_input', 'Fewer than two results finished, so there is nothing to choose between. Mark it "all bad" or run it again.');
    if (kind === 'all_bad' && finished.length < 1) throw new AppError('bad_input', 'No result finished, so there is nothing to judge.');
    this.sql('UPDATE comparisons SET vote_kind = ?, vote_winner = ?, voted_at = ? WHERE id = ?').run(kind, kind === 'winner' ? winner! : null, this.o.clock.now(), id);
    const after = this.get(id);
    this.o.events.emit('comparison.updated', after);
    return after;
  }

  /** Per pair of contenders, over the voted comparisons the filters keep; added up in SQLite. */
  stats(q: StatsQuery): CompareStats {
    const t0 = performance.now();
    const { voted, totals } = queryPairTotals(this.o.db, q);
    return { voted, pairs: finishPairs(totals, q.blindOnly), tookMs: performance.now() - t0 };
  }

  private contenderByJob(jobId: string): ContenderRow | undefined {
    return this.sql('SELECT * FROM comparison_contenders WHERE job_id = ?').get(jobId) as ContenderRow | undefined;
  }

  private onProgress(p: JobProgress): void {
    const k = this.contenderByJob(p.jobId);
    if (!k || k.first_progress_at !== null) return;
    // The event's own time (the clock when main received the chunk), not when this listener ran.
    this.sql('UPDATE comparison_contenders SET first_progress_at = ? WHERE comparison_id = ? AND idx = ?').run(p.at, k.comparison_id, k.idx);
    this.o.events.emit('comparison.updated', this.get(k.comparison_id));
  }

  /**
   * Job updates are applied once the queue's dispatch pass is over: the pass that starts all four
   * contenders of a comparison emits one update per start, and bookkeeping here (reads, a
   * transaction, a comparison.updated) between two starts would hold the later requests back.
   * Only the newest update per job is kept; they carry the whole job.
   */
  private readonly pending = new Map<string, Job>();
  private flushTimer: NodeJS.Immediate | null = null;

  private onJobSoon(job: Job): void {
    this.pending.set(job.id, job);
    this.flushTimer ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) this.onJob(job);
  }

  private onJob(job: Job): void {
    const k = this.contenderByJob(job.id);
    if (!k) return;
    if (this.apply(k, job)) this.o.events.emit('comparison.updated', this.get(k.comparison_id));
  }

  /** Brings a contender row up to date with its job; true when something changed. */
  private apply(k: ContenderRow, job: Job): boolean {
    const state: ContenderResult['state'] =
      job.state === 'queued' || job.state === 'paused' ? 'waiting' : job.state === 'running' ? 'running' : job.state;
    const assetId = job.state === 'succeeded' ? (job.assetIds[0] ?? null) : null;
    const next = {
      state: job.state === 'succeeded' && !assetId ? ('failed' as const) : state,
      error_code: job.error?.code ?? (job.state === 'succeeded' && !assetId ? 'no_image' : null),
      error_message: job.error?.message ?? (job.state === 'succeeded' && !assetId ? 'Gemini answered in words only, with no image.' : null),
      asset_id: assetId,
      started_at: job.startedAt,
      finished_at: TERMINAL.has(job.state) ? job.finishedAt : null,
      prompt_tokens: job.usage?.promptTokens ?? null,
      output_tokens: job.usage?.outputTokens ?? null,
      thought_tokens: job.usage?.thoughtTokens ?? null,
      image_tokens: job.usage?.imageTokens ?? null,
      cost_usd: job.costUsd,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).some((key) => k[key] !== next[key]);
    if (!changed) return false;
    tx(this.o.db, () => {
      this
        .sql(
          `UPDATE comparison_contenders SET state = @state, error_code = @error_code, error_message = @error_message, asset_id = @asset_id,
             started_at = @started_at, finished_at = @finished_at, prompt_tokens = @prompt_tokens, output_tokens = @output_tokens,
             thought_tokens = @thought_tokens, image_tokens = @image_tokens, cost_usd = @cost_usd
           WHERE comparison_id = @cid AND idx = @idx`,
        )
        .run({ ...next, cid: k.comparison_id, idx: k.idx });
      const open = this
        .sql("SELECT count(*) FROM comparison_contenders WHERE comparison_id = ? AND state NOT IN ('succeeded', 'failed', 'cancelled')")
        .pluck()
        .get(k.comparison_id) as number;
      if (open === 0) this.sql("UPDATE comparisons SET state = 'done' WHERE id = ? AND state = 'running'").run(k.comparison_id);
    });
    return true;
  }

  /** After a restart: catch up with jobs that moved on while no one was watching. */
  private reconcile(): void {
    const open = this
      .sql("SELECT * FROM comparison_contenders WHERE job_id IS NOT NULL AND state NOT IN ('succeeded', 'failed', 'cancelled')")
      .all() as ContenderRow[];
    for (const k of open) {
      try {
        this.apply(k, this.o.queue.get(k.job_id!));
      } catch {
        // The job row is gone (never happens unless the database was edited): the contender failed.
        this
          .sql("UPDATE comparison_contenders SET state = 'failed', error_code = 'not_found', error_message = 'Its job no longer exists.' WHERE comparison_id = ? AND idx = ?")
          .run(k.comparison_id, k.idx);
      }
    }
  }

  private toComparison(r: ComparisonRow, ks: ContenderRow[]): Comparison {
    const dims = this.sql('SELECT width, height FROM assets WHERE id = ?');
    return {
      id: r.id,
      createdAt: r.created_at,
      prompt: r.prompt,
      references: JSON.parse(r.references_json) as Comparison['references'],
      aspectRatio: r.aspect_ratio,
      edit: r.edit_json ? (JSON.parse(r.edit_json) as Comparison['edit']) : null,
      blind: r.blind === 1,
      order: JSON.parse(r.order_json) as number[],
      state: r.state,
      vote: r.vote_kind ? { kind: r.vote_kind, winner: r.vote_winner, at: r.voted_at! } : null,
      contenders: ks.map((k) => {
        const d = k.asset_id ? (dims.get(k.asset_id) as { width: number; height: number } | undefined) : undefined;
        const since = (t: number | null) => (t === null ? null : t - r.created_at);
        return {
          index: k.idx,
          contender: JSON.parse(k.contender_json) as ContenderResult['contender'],
          modelId: k.model_id,
          label: k.config_key,
          jobId: k.job_id,
          state: k.state,
          error: k.error_code ? { code: k.error_code, message: k.error_message ?? '' } : null,
          assetId: k.asset_id,
          width: d?.width ?? null,
          height: d?.height ?? null,
          startMs: since(k.started_at),
          firstProgressMs: since(k.first_progress_at),
          finalMs: since(k.finished_at),
          usage:
            k.prompt_tokens === null
              ? null
              : { promptTokens: k.prompt_tokens, outputTokens: k.output_tokens ?? 0, thoughtTokens: k.thought_tokens ?? 0, imageTokens: k.image_tokens ?? 0 },
          costUsd: k.cost_usd,
          estimateUsd: k.estimate_usd,
        };
      }),
    };
  }
}
