/**
 * Batches from a file (issue 17 §5): a CSV or JSONL of thousands of rows through Gemini's Batch
 * API with a JSONL input file (wire §7.3), stage by stage, each recorded in `file_batches` so a
 * restart carries on where it was:
 *
 *   references → building → uploading → submitting → running → downloading → importing → done
 *
 * References become Files API uploads, once per content hash (`remote_files`). The JSONL is built
 * and uploaded from disk, results are downloaded to disk and read back line by line: neither the
 * input nor the results are ever held whole.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { GoogleGenAI } from '@google/genai';
import type { BatchFilePlan, BatchFileStage, BatchRow, FailedRow, FileBatch } from '../../../../shared/domain/batchFile';
import { capabilitiesFor, type ModelCapabilities } from '../../../../shared/models/catalogue';
import { estimateCost, estimateRequestCost } from '../../../../shared/models/pricing';
import { type ModelTier } from '../../../../shared/domain/vocabulary';
import { AppError } from '../../errors';
import type { Clock } from '../../clock';
import { cached, tx, type Db } from '../../db/db';
import type { EventBus } from '../../events';
import { toAppError } from '../../gemini/errors';
import { GeminiGateway } from '../../gemini/GeminiGateway';
import type { Library } from '../../library/Library';
import type { StoredImage } from '../../library/ContentStore';
import type { Organiser } from '../../library/Organiser';
import { errorMeta, type Logger } from '../../logger';
import type { ResultLine } from './results';
import { readResults } from './resultsReader';
import { LineWriter, formatOf, inspectFile, readRows, workFile, yieldToLoop, type Inspection } from './inspect';
import { cancelUpload, downloadTo, queryUpload, sendChunks, startUpload, type Fetch } from './upload';

/** What the batch needs from the request policy: the model a class resolves to, and the budget. */
export interface FileBatchPolicy {
  resolve(tier: ModelTier, modelId?: string): { modelId: string; caps: ModelCapabilities };
  /** Throws (in words) when `usd` more would pass the user's budget. */
  checkBudget(usd: number): void;
}

export interface FileBatchOptions {
  db: Db;
  /** Where each batch keeps its rows, JSONL and results (`<userData>/batches`). */
  dir: string;
  gateway: Pick<GeminiGateway, 'sdk' | 'endpoint' | 'requestConfig'>;
  policy: FileBatchPolicy;
  library: Library;
  organiser: Organiser;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** First wait before asking Gemini about a running batch; later waits grow (×1.5) up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  chunkBytes?: number;
  fetch?: Fetch;
}

interface Row {
  id: string;
  name: string;
  dir: string;
  stage: BatchFileStage;
  tier: ModelTier;
  model_id: string;
  store: number;
  total: number;
  refs_total: number;
  refs_done: number;
  input_bytes: number;
  upload_session: string | null;
  uploaded_bytes: number;
  input_file: string | null;
  batch_name: string | null;
  remote_state: string | null;
  results_file: string | null;
  imported: number;
  succeeded: number;
  failed: number;
  estimate_usd: number;
  cost_usd: number;
  error_message: string | null;
  parent_id: string | null;
  created_at: number;
  updated_at: number;
}

interface Plan {
  planId: string;
  name: string;
  dir: string;
  tier: ModelTier;
  modelId: string;
  inspection: Inspection;
  parentId: string | null;
}

const TERMINAL: ReadonlySet<BatchFileStage> = new Set(['done', 'failed', 'cancelled']);
const REMOTE_DONE = /_(SUCCEEDED|FAILED|CANCELLED|EXPIRED)$/;
/** A reference reused from an earlier upload must outlive the batch (target 24 h) with room to spare. */
const REUSE_MARGIN_MS = 26 * 3_600_000;
/** Result lines per transaction: big enough to be quick, small enough to hold the event loop for a few ms only. */
const IMPORT_CHUNK = 16;
/**
 * Result lines in the image helper at once: enough to keep its threads busy while main parses the
 * next lines, few enough that only that many decoded images are ever held.
 */
const IMPORT_WINDOW = 8;
/** How often thumbnails held back by an import look again. */
const IMPORT_BUSY_MS = 500;
const PROGRESS_EVERY_MS = 250;

const MIME_BY_EXT: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.heic': 'image/heic', '.heif': 'image/heif' };

export class FileBatchService {
  private readonly plans = new Map<string, Plan>();
  private readonly runners = new Set<string>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly timers = new Map<string, unknown>();
  private readonly pollRound = new Map<string, number>();
  private readonly lastEmit = new Map<string, number>();
  private readonly lastStep = new Map<string, number>();
  /** Batches whose results are being imported now, by id. */
  private readonly importing = new Set<string>();
  private disposed = false;

  constructor(private readonly o: FileBatchOptions) {}

  // -------------------------------------------------------------------------------------------
  // The user's actions

  /** Reads and checks a dropped file; nothing is sent. The plan waits in memory for `start`. */
  async inspect(input: { name: string; path?: string | undefined; text?: string | undefined; tier: ModelTier; modelId?: string | undefined }): Promise<BatchFilePlan> {
    const format = formatOf(input.name);
    if (!format) throw new AppError('bad_input', `“${input.name}” is not a CSV or JSONL file. Save the sheet as CSV (or write one JSON object per line) and drop it again.`);
    const target = this.o.policy.resolve(input.tier, input.modelId);
    const planId = randomUUID();
    const dir = path.join(this.o.dir, planId);
    await fsp.mkdir(dir, { recursive: true });
    let source = input.path;
    if (!source) {
      source = workFile(dir, 'source');
      await fsp.writeFile(source, input.text ?? '');
    } else {
      const st = await fsp.stat(source).catch(() => null);
      if (!st?.isFile()) throw new AppError('not_found', `Atelier cannot read “${input.name}” any more; was it moved?`);
    }
    const inspection = await inspectFile(source, format, { tier: input.tier, ...target }, workFile(dir, 'rows.ndjson'), input.path ? path.dirname(input.path) : null);
    this.plans.set(planId, { planId, name: input.name, dir, tier: input.tier, modelId: target.modelId, inspection, parentId: null });
    return { planId, name: input.name, tier: input.tier, modelId: target.modelId, ...pick(inspection) };
  }

  /** Sends an inspected file: the stages run in the background and report as `batchFile.updated`. */
  start(planId: string): FileBatch {
    const plan = this.plans.get(planId);
    if (!plan) throw new AppError('not_found', 'That file was checked in an earlier session; drop it again.');
    const ins = plan.inspection;
    if (ins.problemCount > 0) throw new AppError('bad_input', `The file has ${ins.problemCount === 1 ? 'one problem' : `${ins.problemCount} problems`} to fix first (see the list under the preview).`);
    if (ins.rows === 0) throw new AppError('bad_input', 'The file has no rows to send.');
    this.o.policy.checkBudget(ins.estimateUsd);
    this.plans.delete(planId);
    // Read once, as the batch is created: every request in it carries the privacy choice of now.
    const store = this.o.gateway.requestConfig({ aspectRatio: null, imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false }).store === true;
    const now = this.o.clock.now();
    this.o.db
      .prepare(
        `INSERT INTO file_batches (id, name, dir, stage, tier, model_id, store, total, refs_total, estimate_usd, parent_id, created_at, updated_at)
         VALUES (?, ?, ?, 'references', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(plan.planId, plan.name, plan.dir, plan.tier, plan.modelId, store ? 1 : 0, ins.rows, ins.references, ins.estimateUsd, plan.parentId, now, now);
    this.emit(plan.planId, true);
    this.run(plan.planId);
    return this.get(plan.planId);
  }

  list(limit = 100): FileBatch[] {
    return (this.o.db.prepare('SELECT * FROM file_batches ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(toFileBatch);
  }

  get(id: string): FileBatch {
    return toFileBatch(this.row(id));
  }

  /** Stops the batch at whatever stage it is: the upload session is closed, Gemini's batch cancelled; what was imported stays. */
  async cancel(id: string): Promise<FileBatch> {
    const row = this.row(id);
    if (TERMINAL.has(row.stage)) return toFileBatch(row);
    this.aborts.get(id)?.abort();
    this.clearTimer(id);
    this.set(id, { stage: 'cancelled', error_message: 'Cancelled.' });
    this.emit(id, true);
    if (row.upload_session && row.stage === 'uploading') await cancelUpload(await this.o.gateway.endpoint(), row.upload_session, this.fetch).catch(() => undefined);
    if (row.batch_name && (row.stage === 'running' || row.stage === 'submitting')) {
      try {
        await (await this.o.gateway.sdk()).batches.cancel({ name: row.batch_name });
      } catch (err) {
        // Already finished at Google: nothing to stop.
        this.o.logger.info('batch file: cancel at Gemini failed', { id, ...errorMeta(err) });
      }
    }
    return this.get(id);
  }

  /** The rows that produced no image, with why (for the list under a finished batch). */
  async failures(id: string, limit = 500): Promise<FailedRow[]> {
    const row = this.row(id);
    const reasons = new Map((this.o.db.prepare('SELECT row, reason FROM file_batch_failures WHERE batch_id = ? ORDER BY row LIMIT ?').all(id, limit) as Array<{ row: number; reason: string }>).map((r) => [r.row, r.reason]));
    if (reasons.size === 0) return [];
    const out: FailedRow[] = [];
    for await (const r of readRows(workFile(row.dir, 'rows.ndjson'))) {
      const reason = reasons.get(r.row);
      if (reason !== undefined) out.push({ row: r.row, prompt: r.prompt, reason });
      if (out.length === reasons.size) break;
    }
    return out;
  }

  /** The failed rows of a batch as a new, smaller batch (same model, same references). */
  async rerunFailed(id: string): Promise<FileBatch> {
    const parent = this.row(id);
    if (!TERMINAL.has(parent.stage)) throw new AppError('bad_input', 'Wait for the batch to finish (or cancel it) before running its failed rows again.');
    const failed = new Set(this.o.db.prepare('SELECT row FROM file_batch_failures WHERE batch_id = ?').pluck().all(id) as number[]);
    if (failed.size === 0) throw new AppError('bad_input', 'No row of this batch failed.');
    const target = this.o.policy.resolve(parent.tier, parent.model_id);
    const planId = randomUUID();
    const dir = path.join(this.o.dir, planId);
    await fsp.mkdir(dir, { recursive: true });
    const out = new LineWriter(workFile(dir, 'rows.ndjson'));
    const inspection: Inspection = { format: 'jsonl', rows: 0, preview: [], problems: [], problemCount: 0, references: 0, ignoredColumns: [], estimateUsd: 0 };
    const refs = new Set<string>();
    for await (const r of readRows(workFile(parent.dir, 'rows.ndjson'))) {
      if (!failed.has(r.row)) continue;
      await out.write(JSON.stringify(r));
      inspection.rows += 1;
      for (const ref of r.references) refs.add(ref);
      inspection.estimateUsd += estimateRequestCost(target.caps, { imageSize: r.imageSize, references: r.references, promptChars: r.prompt.length }, { batch: true });
    }
    await out.close();
    inspection.references = refs.size;
    this.plans.set(planId, { planId, name: `${parent.name} (failed rows)`, dir, tier: parent.tier, modelId: target.modelId, inspection, parentId: parent.id });
    return this.start(planId);
  }

  /** Picks up every batch that was under way when Atelier stopped, and forgets files checked but never sent. */
  resume(): void {
    for (const id of this.o.db.prepare("SELECT id FROM file_batches WHERE stage NOT IN ('done', 'failed', 'cancelled')").pluck().all() as string[]) this.run(id);
    void this.sweepPlans();
  }

  /** A plan lives in memory only: its folder outlives it when the app stops before `start`. */
  private async sweepPlans(): Promise<void> {
    try {
      const names = await fsp.readdir(this.o.dir).catch(() => [] as string[]);
      for (const name of names) {
        if (this.disposed) return;
        if (this.plans.has(name) || this.o.db.prepare('SELECT 1 FROM file_batches WHERE id = ?').get(name)) continue;
        // An hour old at least: a file being checked right now has a folder and no plan yet.
        const st = await fsp.stat(path.join(this.o.dir, name)).catch(() => null);
        if (!st || Date.now() - st.mtimeMs < 3_600_000) continue;
        await fsp.rm(path.join(this.o.dir, name), { recursive: true, force: true });
      }
    } catch (err) {
      if (!this.disposed) this.o.logger.info('batch file: sweeping unsent files failed', errorMeta(err));
    }
  }

  /**
   * How long background work (thumbnails) should stay out of the way, in ms: while a results file
   * is being imported, as the queue asks of it during a burst of results. 0 when none is.
   */
  busyFor(): number {
    return this.importing.size > 0 ? IMPORT_BUSY_MS : 0;
  }

  dispose(): void {
    this.disposed = true;
    for (const a of this.aborts.values()) a.abort();
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }

  // -------------------------------------------------------------------------------------------
  // The stages

  private run(id: string): void {
    if (this.runners.has(id) || this.disposed) return;
    this.runners.add(id);
    const abort = new AbortController();
    this.aborts.set(id, abort);
    void this.advance(id, abort.signal)
      .catch((err: unknown) => {
        // Only after dispose (the database closed under a stage): the next start resumes it.
        if (!this.disposed) this.o.logger.error('batch file: runner failed', { id, ...errorMeta(err) });
      })
      .finally(() => {
        this.runners.delete(id);
        if (this.aborts.get(id) === abort) this.aborts.delete(id);
      });
  }

  private async advance(id: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      const row = this.row(id);
      if (TERMINAL.has(row.stage) || signal.aborted || this.disposed) return;
      try {
        switch (row.stage) {
          case 'references':
            await this.uploadReferences(row, signal);
            break;
          case 'building':
            await this.buildInput(row);
            break;
          case 'uploading':
            await this.uploadInput(row, signal);
            break;
          case 'submitting':
            await this.submit(row);
            break;
          case 'running':
            // Polling waits on the clock; the runner ends here and a timer brings it back.
            this.schedulePoll(id);
            return;
          case 'downloading':
            await this.download(row, signal);
            break;
          case 'importing':
            await this.importResults(row, signal);
            break;
        }
      } catch (err) {
        if (signal.aborted || this.disposed || this.row(id).stage === 'cancelled') return;
        const e = toAppError(err);
        this.o.logger.warn('batch file: stage failed', { id, stage: row.stage, ...errorMeta(err) });
        this.set(id, { stage: 'failed', error_message: e.message });
        this.emit(id, true);
        return;
      }
    }
  }

  /** Moves to `next` unless the batch was cancelled meanwhile. */
  private moveOn(id: string, next: BatchFileStage, fields: Partial<Row> = {}): void {
    if (this.row(id).stage === 'cancelled') return;
    this.set(id, { ...fields, stage: next });
    this.emit(id, true);
  }

  private async uploadReferences(row: Row, signal: AbortSignal): Promise<void> {
    const paths: string[] = [];
    const seen = new Set<string>();
    for await (const r of readRows(workFile(row.dir, 'rows.ndjson'))) {
      for (const p of r.references) {
        if (!seen.has(p)) paths.push(p);
        seen.add(p);
      }
    }
    const map: Record<string, { uri: string; mimeType: string }> = {};
    let done = 0;
    for (const p of paths) {
      if (signal.aborted) return;
      map[p] = await this.remoteFileFor(p, signal);
      done += 1;
      this.set(row.id, { refs_done: done });
      this.emit(row.id, false, done / paths.length);
    }
    await fsp.writeFile(path.join(row.dir, 'refs.json'), JSON.stringify(map));
    this.moveOn(row.id, 'building', { refs_total: paths.length });
  }

  /** The Files API copy of a photo: reused by hash while it will outlive the batch and Google still has it, else uploaded. */
  private async remoteFileFor(file: string, signal: AbortSignal): Promise<{ uri: string; mimeType: string }> {
    const sha = await hashFile(file);
    const known = this.o.db.prepare('SELECT name, uri, mime, expires_at FROM remote_files WHERE sha256 = ?').get(sha) as { name: string; uri: string; mime: string; expires_at: number } | undefined;
    if (known && known.expires_at - this.o.clock.now() > REUSE_MARGIN_MS) {
      try {
        await (await this.o.gateway.sdk()).files.get({ name: known.name });
        return { uri: known.uri, mimeType: known.mime };
      } catch (err) {
        // Gone at Google before its time (deleted, or the project changed): upload it again.
        this.o.logger.info('batch file: a reused reference is gone; uploading it again', { name: known.name, ...errorMeta(err) });
      }
    }
    const mimeType = MIME_BY_EXT[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = (await fsp.stat(file)).size;
    const ep = await this.o.gateway.endpoint();
    const session = await startUpload(ep, { size, mimeType, displayName: path.basename(file) }, this.fetch);
    const remote = await sendChunks(ep, { session, path: file, size, offset: 0, signal, now: () => this.o.clock.now(), ...(this.o.chunkBytes ? { chunkBytes: this.o.chunkBytes } : {}) }, this.fetch);
    this.o.db.prepare('INSERT OR REPLACE INTO remote_files (sha256, name, uri, mime, expires_at) VALUES (?, ?, ?, ?, ?)').run(sha, remote.name, remote.uri, mimeType, remote.expiresAt);
    return { uri: remote.uri, mimeType };
  }

  /** input.jsonl, one `{"key", "request"}` line per row (wire §7.3), written as the rows are read. */
  private async buildInput(row: Row): Promise<void> {
    const refs = JSON.parse(await fsp.readFile(path.join(row.dir, 'refs.json'), 'utf8').catch(() => '{}')) as Record<string, { uri: string; mimeType: string }>;
    const file = workFile(row.dir, 'input.jsonl');
    const out = new LineWriter(file);
    try {
      let n = 0;
      for await (const r of readRows(workFile(row.dir, 'rows.ndjson'))) {
        await out.write(JSON.stringify({ key: keyOf(r.row), request: restRequest(r, refs, row.store === 1) }));
        if (++n % 200 === 0) await yieldToLoop();
      }
    } finally {
      await out.close();
    }
    const size = (await fsp.stat(file)).size;
    this.moveOn(row.id, 'uploading', { input_bytes: size, uploaded_bytes: 0, upload_session: null });
  }

  private async uploadInput(row: Row, signal: AbortSignal): Promise<void> {
    const ep = await this.o.gateway.endpoint();
    const file = workFile(row.dir, 'input.jsonl');
    let session = row.upload_session;
    let offset = 0;
    if (session) {
      // A restart (or a cut connection): ask Google how much of the session it has.
      const received = await queryUpload(ep, session, this.fetch).catch(() => null);
      if (received === null) session = null;
      else offset = received;
    }
    if (!session) {
      session = await startUpload(ep, { size: row.input_bytes, mimeType: 'application/jsonl', displayName: `atelier-batch-${row.id}.jsonl` }, this.fetch);
      this.set(row.id, { upload_session: session, uploaded_bytes: 0 });
    }
    const remote = await sendChunks(
      ep,
      {
        session,
        path: file,
        size: row.input_bytes,
        offset,
        signal,
        now: () => this.o.clock.now(),
        onProgress: (received) => {
          this.set(row.id, { uploaded_bytes: received });
          this.emit(row.id, false, received / Math.max(1, row.input_bytes));
        },
        ...(this.o.chunkBytes ? { chunkBytes: this.o.chunkBytes } : {}),
      },
      this.fetch,
    );
    this.moveOn(row.id, 'submitting', { input_file: remote.name, uploaded_bytes: row.input_bytes, upload_session: null });
  }

  private async submit(row: Row): Promise<void> {
    const ai = await this.o.gateway.sdk();
    const displayName = `Atelier ${row.id}`;
    // A restart between "create" and recording its name would otherwise send the batch twice.
    const existing = await findBatch(ai, displayName);
    const batch = existing ?? (await ai.batches.create({ model: row.model_id, src: row.input_file!, config: { displayName } }));
    if (!batch.name) throw new AppError('server', 'Gemini accepted the batch but gave it no name.');
    this.pollRound.set(row.id, 0);
    this.moveOn(row.id, 'running', { batch_name: batch.name, remote_state: batch.state ?? 'JOB_STATE_PENDING' });
  }

  private schedulePoll(id: string): void {
    if (this.disposed || this.timers.has(id)) return;
    const round = this.pollRound.get(id) ?? 0;
    const first = this.o.pollMs ?? 30_000;
    const delay = Math.min(first * 1.5 ** round, this.o.maxPollMs ?? 5 * 60_000);
    this.timers.set(
      id,
      this.o.clock.setTimeout(() => {
        this.timers.delete(id);
        void this.poll(id);
      }, delay),
    );
  }

  private async poll(id: string): Promise<void> {
    if (this.disposed) return;
    const row = this.row(id);
    if (row.stage !== 'running') return;
    this.pollRound.set(id, (this.pollRound.get(id) ?? 0) + 1);
    try {
      const batch = await (await this.o.gateway.sdk()).batches.get({ name: row.batch_name! });
      if (this.row(id).stage !== 'running') return;
      const state = batch.state ?? row.remote_state ?? 'JOB_STATE_PENDING';
      if (state !== row.remote_state) {
        this.set(id, { remote_state: state });
        this.emit(id, true);
      }
      if (!REMOTE_DONE.test(state)) return this.schedulePoll(id);
      if (state.endsWith('_SUCCEEDED')) {
        const file = batch.dest?.fileName;
        if (!file) throw new AppError('server', 'Gemini finished the batch but named no results file.');
        this.moveOn(id, 'downloading', { results_file: file });
        this.run(id);
      } else {
        const how = state.replace(/^\w+_STATE_/, '').toLowerCase();
        this.set(id, { stage: state.endsWith('_CANCELLED') ? 'cancelled' : 'failed', error_message: how === 'expired' ? 'Gemini gave up on the batch after 48 hours (expired). Run its rows again.' : `Gemini ended the batch as ${how}.` });
        this.emit(id, true);
      }
    } catch (err) {
      if (this.disposed) return;
      // Offline or a hiccup: the batch keeps running at Google; ask again later.
      this.o.logger.warn('batch file: poll failed, will retry', { id, ...errorMeta(err) });
      this.schedulePoll(id);
    }
  }

  private async download(row: Row, signal: AbortSignal): Promise<void> {
    const part = workFile(row.dir, 'results.part');
    await downloadTo(await this.o.gateway.endpoint(), row.results_file!, part, signal, this.fetch);
    await fsp.rename(part, workFile(row.dir, 'results.jsonl'));
    this.moveOn(row.id, 'importing');
  }

  /**
   * Each result line becomes a generation with its row's filename, tags and collection; a line
   * that failed, or that cannot be read, is kept with its reason.
   *
   * Lines are stored as a pipeline: up to IMPORT_WINDOW lines are in the image helper at once (a
   * line waiting on the helper holds its decoded image, nothing more), and they are committed in
   * order, IMPORT_CHUNK lines and the count of lines done in one transaction, so a restart skips
   * exactly those.
   */
  private async importResults(row: Row, signal: AbortSignal): Promise<void> {
    const rows: BatchRow[] = [];
    const byKey = new Map<string, BatchRow>();
    for await (const r of readRows(workFile(row.dir, 'rows.ndjson'))) {
      rows.push(r);
      byKey.set(keyOf(r.row), r);
    }
    // A model Google retired since the batch was sent still prices what it already made.
    let caps: ModelCapabilities;
    try {
      caps = this.o.policy.resolve(row.tier, row.model_id).caps;
    } catch {
      caps = capabilitiesFor(row.model_id);
    }
    this.importing.add(row.id);
    try {
      await this.importLines(row, signal, rows, byKey, caps);
    } finally {
      this.importing.delete(row.id);
    }
  }

  private async importLines(row: Row, signal: AbortSignal, rows: readonly BatchRow[], byKey: ReadonlyMap<string, BatchRow>, caps: ModelCapabilities): Promise<void> {
    // Read, parsed and decoded on a worker thread; a line taken from it gives leave for one more.
    const lines = readResults({ file: workFile(row.dir, 'results.jsonl'), from: row.imported }, { credit: IMPORT_WINDOW, signal });
    let state = { imported: row.imported, succeeded: row.succeeded, failed: row.failed, cost: row.cost_usd };
    const window: Array<Promise<Stored>> = [];
    let chunk: Stored[] = [];
    const stopped = () => signal.aborted || this.disposed || this.row(row.id).stage !== 'importing';
    /** Commits the chunk; false when the batch was stopped meanwhile (the chunk is dropped, its files discarded). */
    const commit = async (): Promise<boolean> => {
      const done = chunk;
      chunk = [];
      await yieldToLoop();
      if (stopped()) {
        this.discardStored(done);
        return false;
      }
      state = this.importChunk(row, done, caps, state);
      return true;
    };
    const take = async (): Promise<boolean> => {
      chunk.push(await window.shift()!);
      return chunk.length < IMPORT_CHUNK || commit();
    };
    try {
      for await (const line of lines) {
        window.push(this.storeLine(line, rows, byKey));
        if (window.length >= IMPORT_WINDOW && !(await take())) return;
      }
      while (window.length) if (!(await take())) return;
      if (chunk.length && !(await commit())) return;
    } finally {
      // Stopped mid-way: what was stored but not committed has no row to keep its files.
      if (window.length || chunk.length) {
        const left = [...chunk, ...(await Promise.all(window.splice(0)))];
        chunk = [];
        this.discardStored(left);
      }
    }
    // Rows Gemini never answered (a results file cut short) fail with a reason, so they can be run again.
    if (state.imported < rows.length) {
      const missing = rows.slice(state.imported);
      tx(this.o.db, () => {
        const fail = this.o.db.prepare('INSERT OR REPLACE INTO file_batch_failures (batch_id, row, reason) VALUES (?, ?, ?)');
        for (const r of missing) fail.run(row.id, r.row, 'Gemini’s results file has no answer for this row.');
      });
      state.failed += missing.length;
    }
    this.moveOn(row.id, 'done', { failed: state.failed });
    await this.cleanUp(this.row(row.id));
  }

  /** One results line's images stored (not yet in the library). Never rejects: a failure is the line's reason. */
  private async storeLine(line: ResultLine, rows: readonly BatchRow[], byKey: ReadonlyMap<string, BatchRow>): Promise<Stored> {
    // Results come in input order (Batch API docs); the key confirms it, the position stands in for a broken line.
    const r = (line.key !== null ? byKey.get(line.key) : undefined) ?? rows[line.index];
    if (!r) return { r: null };
    if ('reason' in line) return { r, reason: line.reason };
    try {
      // The bytes were moved here from the worker: viewed, not copied.
      const stored = await this.o.library.writeResults(line.images.map((b) => Buffer.from(b)), { thumbnails: 'later' });
      return { r, ok: line.ok, stored };
    } catch (err) {
      return { r, reason: toAppError(err).message };
    }
  }

  private discardStored(lines: readonly Stored[]): void {
    if (this.disposed) return;
    try {
      this.o.library.discard(lines.flatMap((l) => l.stored ?? []));
    } catch (err) {
      this.o.logger.info('batch file: discarding unimported files failed', errorMeta(err));
    }
  }

  private importChunk(row: Row, chunk: readonly Stored[], caps: ModelCapabilities, state: { imported: number; succeeded: number; failed: number; cost: number }): { imported: number; succeeded: number; failed: number; cost: number } {
    const now = this.o.clock.now();
    const added: ReturnType<Library['insertGeneration']>['assets'] = [];
    const next = { ...state };
    const tagged = new Map<string, string[]>();
    const collected = new Map<string, string[]>();
    const oks = chunk.filter((l): l is Stored & { r: BatchRow; ok: NonNullable<Stored['ok']>; stored: StoredImage[] } => l.r !== null && l.ok !== undefined);
    tx(this.o.db, () => {
      const rename = cached(this.o.db, 'UPDATE assets SET name = ? WHERE id = ?');
      for (const { r, ok: gen, stored } of oks) {
        const cost = estimateCost(caps, gen.usage, { batch: true });
        const { assets } = this.o.library.insertGeneration(
          {
            jobId: null,
            prompt: r.prompt,
            tier: row.tier,
            modelId: row.model_id,
            params: { aspectRatio: r.aspectRatio, imageSize: r.imageSize, modalities: 'IMAGE', grounding: false, includeThoughts: false, thinkingLevel: r.thinkingLevel, references: [] },
            responseText: gen.text,
            finishReason: gen.finishReason,
            usage: gen.usage,
            costUsd: cost,
            durationMs: now - row.created_at,
            content: null,
            grounding: gen.grounding,
          },
          stored,
        );
        added.push(...assets);
        const ids = assets.map((a) => a.id);
        if (r.filename) {
          const base = r.filename.replace(/\.(png|jpe?g|webp)$/i, '');
          ids.forEach((a, k) => rename.run(ids.length > 1 ? `${base}-${k + 1}` : base, a));
        }
        for (const t of r.tags) tagged.set(t, [...(tagged.get(t) ?? []), ...ids]);
        if (r.collection) collected.set(r.collection, [...(collected.get(r.collection) ?? []), ...ids]);
        next.succeeded += 1;
        next.cost += cost;
      }
      const fail = cached(this.o.db, 'INSERT OR REPLACE INTO file_batch_failures (batch_id, row, reason) VALUES (?, ?, ?)');
      let failed = 0;
      for (const l of chunk) {
        if (l.r && l.reason !== undefined) {
          fail.run(row.id, l.r.row, l.reason);
          failed += 1;
        }
      }
      next.failed += failed;
      next.imported += chunk.length;
      cached(this.o.db, 'UPDATE file_batches SET imported = ?, succeeded = ?, failed = ?, cost_usd = ?, updated_at = ? WHERE id = ?').run(next.imported, next.succeeded, next.failed, next.cost, now, row.id);
      // Tags and collections in the same transaction: a restart never finds an image without them.
      for (const [tag, ids] of tagged) this.o.organiser.tag(ids, [tag], []);
      for (const [name, ids] of collected) this.o.organiser.addToCollection(this.collectionId(name), ids);
      // Tagging and collecting re-index what they touch (after the renames above); the rest is done here, once.
      const indexed = new Set([...tagged.values(), ...collected.values()].flat());
      const unindexed = oks.some((o) => o.r.filename) ? added.map((a) => a.id).filter((a) => !indexed.has(a)) : [];
      if (unindexed.length) this.o.library.index.reindex(unindexed);
    });
    this.o.library.thumbnails.later(oks.flatMap((o) => o.stored));
    if (added.length) this.o.events.emit('library.added', added);
    this.emit(row.id, false, next.imported / Math.max(1, row.total));
    return next;
  }

  private collectionId(name: string): string {
    const id = this.o.db.prepare('SELECT id FROM collections WHERE name = ?').pluck().get(name) as string | undefined;
    return id ?? this.o.organiser.createCollection(name).id;
  }

  /** The big files go once the batch is in the library: the JSONL here, and both files at Google. */
  private async cleanUp(row: Row): Promise<void> {
    await fsp.rm(workFile(row.dir, 'input.jsonl'), { force: true });
    await fsp.rm(workFile(row.dir, 'results.jsonl'), { force: true });
    await fsp.rm(workFile(row.dir, 'source'), { force: true });
    try {
      const ai = await this.o.gateway.sdk();
      for (const name of [row.input_file, row.results_file]) if (name) await ai.files.delete({ name }).catch(() => undefined);
    } catch (err) {
      this.o.logger.info('batch file: clean-up at Gemini skipped', { id: row.id, ...errorMeta(err) });
    }
  }

  // -------------------------------------------------------------------------------------------

  private get fetch(): Fetch {
    return this.o.fetch ?? fetch;
  }

  private row(id: string): Row {
    const row = this.o.db.prepare('SELECT * FROM file_batches WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new AppError('not_found', 'That batch no longer exists.');
    return row;
  }

  private set(id: string, fields: Partial<Row>): void {
    const keys = Object.keys(fields);
    if (!keys.length) return;
    this.o.db.prepare(`UPDATE file_batches SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...keys.map((k) => (fields as Record<string, unknown>)[k]), this.o.clock.now(), id);
  }

  private clearTimer(id: string): void {
    const t = this.timers.get(id);
    if (t !== undefined) this.o.clock.clearTimeout(t);
    this.timers.delete(id);
  }

  /**
   * Stage changes always; progress when it passes another tenth of the stage, else at most every
   * quarter second per batch (a 10,000-line import would otherwise send 10,000 events).
   */
  private emit(id: string, force = false, fraction?: number): void {
    if (this.disposed) return;
    const now = this.o.clock.now();
    const step = fraction === undefined ? -1 : Math.floor(fraction * 10);
    const stepped = step >= 0 && step !== this.lastStep.get(id);
    if (!force && !stepped && now - (this.lastEmit.get(id) ?? 0) < PROGRESS_EVERY_MS) return;
    this.lastEmit.set(id, now);
    if (step >= 0) this.lastStep.set(id, step);
    this.o.events.emit('batchFile.updated', this.get(id));
  }
}

const keyOf = (row: number): string => `row-${row}`;

/** A results line after its images were stored: `ok` and `stored`, or the `reason` it failed; no row when the line matches none. */
interface Stored {
  r: BatchRow | null;
  ok?: Extract<ResultLine, { ok: unknown }>['ok'];
  stored?: StoredImage[];
  reason?: string;
}

function pick(i: Inspection): Omit<BatchFilePlan, 'planId' | 'name' | 'tier' | 'modelId'> {
  return { format: i.format, rows: i.rows, preview: i.preview, problems: i.problems, problemCount: i.problemCount, references: i.references, ignoredColumns: i.ignoredColumns, estimateUsd: i.estimateUsd };
}

function toFileBatch(r: Row): FileBatch {
  return {
    id: r.id,
    name: r.name,
    stage: r.stage,
    tier: r.tier,
    modelId: r.model_id,
    total: r.total,
    referencesTotal: r.refs_total,
    referencesDone: r.refs_done,
    inputBytes: r.input_bytes,
    uploadedBytes: r.uploaded_bytes,
    remoteState: r.remote_state,
    imported: r.imported,
    succeeded: r.succeeded,
    failed: r.failed,
    estimateUsd: r.estimate_usd,
    costUsd: r.cost_usd,
    error: r.error_message,
    parentId: r.parent_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function findBatch(ai: GoogleGenAI, displayName: string): Promise<{ name?: string | undefined; state?: string | undefined } | null> {
  try {
    const pager = await ai.batches.list({ config: { pageSize: 50 } });
    for (const b of pager.page) if (b.displayName === displayName) return b;
  } catch {
    /* listing is a courtesy; creating is what matters */
  }
  return null;
}

/**
 * One row as a REST GenerateContentRequest (the JSONL carries REST field names, not the SDK's):
 * the same config every other path sends (GeminiGateway.requestConfig, `store` included), with
 * the references as Files API URIs ahead of the prompt.
 */
export function restRequest(r: BatchRow, refs: Record<string, { uri: string; mimeType: string }>, store: boolean): Record<string, unknown> {
  const config = GeminiGateway.requestConfig({ aspectRatio: r.aspectRatio, imageSize: r.imageSize, modalities: 'IMAGE', grounding: false, includeThoughts: false, thinkingLevel: r.thinkingLevel }, { store });
  const { store: keep, tools, ...generationConfig } = config;
  const parts: unknown[] = r.references.map((p) => {
    const f = refs[p];
    if (!f) throw new AppError('server', `The reference “${path.basename(p)}” was not uploaded; run the batch again.`);
    return { fileData: { fileUri: f.uri, mimeType: f.mimeType } };
  });
  parts.push({ text: r.prompt });
  return { contents: [{ role: 'user', parts }], generationConfig, ...(tools ? { tools } : {}), store: keep };
}
