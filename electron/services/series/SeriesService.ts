/**
 * Series: panel prompts sharing Elements, a style line, a ratio and a model, kept in the library
 * with every roll of every panel (migration 0190), generated in one of two modes:
 *
 * - independent: one queued request per panel, each carrying the shared references;
 * - chat: the panels as the turns of one conversation of the chat service, in order, so each
 *   panel is drawn with the earlier ones in its history. Re-rolling panel k branches the
 *   conversation after panel k-1's answer and asks again, so the panels after k stay as they are.
 */
import crypto from 'node:crypto';
import type { GenerateRequest, Job } from '../../../shared/ipc/contract';
import { referenceKindOf } from '../../../shared/domain/elements';
import { panelPrompt, SeriesDraftSchema, type Series, type SeriesDraftInput, type SeriesElement, type SeriesPanel, type SeriesRoll, type SeriesSummary } from '../../../shared/domain/series';
import type { AspectRatio, ImageSize, ModelTier } from '../../../shared/domain/vocabulary';
import { cached, tx, type Db } from '../db/db';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { ChatService } from '../chat/ChatService';
import type { RequestPolicy } from '../generation/RequestPolicy';
import type { Images } from '../images/protocol';
import { asBuffer } from '../images/protocol';
import { exportAssets, writeNew } from '../library/Exporter';
import type { Library } from '../library/Library';
import type { JobQueue } from '../queue/JobQueue';
import type { Elements } from '../references/Elements';

interface SeriesRow {
  id: string;
  title: string;
  style: string;
  aspect_ratio: AspectRatio;
  image_size: ImageSize | null;
  tier: ModelTier;
  model_id: string | null;
  mode: 'independent' | 'chat';
  elements_json: string;
  created_at: number;
  updated_at: number;
}

interface RollRow {
  job_id: string;
  series_id: string;
  position: number;
  conversation_id: string | null;
  asset_id: string | null;
  chain: number;
  created_at: number;
}

export interface SeriesServiceOptions {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'get'>;
  chat: Pick<ChatService, 'create' | 'send' | 'branch' | 'get'>;
  policy: Pick<RequestPolicy, 'prepare'>;
  elements: Pick<Elements, 'get'>;
  library: Library;
  images: Images;
  events: EventBus;
  now: () => number;
  logger: Logger;
}

/** A file name from a title: letters, digits, dots and dashes. */
export function fileStem(title: string): string {
  const stem = title.trim().replace(/[^\p{L}\p{N}.-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60);
  return stem || 'series';
}

export class SeriesService {
  private readonly stop: () => void;

  constructor(private readonly o: SeriesServiceOptions) {
    // Asked after the queue has stored the answer: a succeeded job's generation is already a
    // turn of its conversation, so the next panel's history includes it.
    this.stop = o.events.onAny((event, payload) => {
      if (event !== 'job.updated') return;
      const job = payload as Job;
      if (job.state !== 'succeeded' && job.state !== 'failed' && job.state !== 'cancelled') return;
      const roll = cached(o.db, 'SELECT * FROM series_rolls WHERE job_id = ?').get(job.id) as RollRow | undefined;
      if (!roll) return;
      queueMicrotask(() => void this.settled(roll, job));
    });
  }

  dispose(): void {
    this.stop();
  }

  /**
   * A chain interrupted by a quit between one panel's answer and the next panel's request is
   * carried on at start; a job still queued or running carries on by itself when it finishes.
   */
  async resume(): Promise<void> {
    const rolls = this.o.db.prepare('SELECT * FROM series_rolls WHERE chain = 1').all() as RollRow[];
    for (const roll of rolls) {
      let job: Job;
      try {
        job = this.o.queue.get(roll.job_id);
      } catch {
        continue;
      }
      if (job.state === 'succeeded') await this.settled(roll, job);
    }
  }

  list(): SeriesSummary[] {
    const rows = this.o.db.prepare('SELECT * FROM series ORDER BY updated_at DESC, rowid DESC LIMIT 500').all() as SeriesRow[];
    return rows.map((r) => {
      const panelCount = cached(this.o.db, 'SELECT count(*) FROM series_panels WHERE series_id = ?').pluck().get(r.id) as number;
      const first = this.rollsOf(r.id, 0).at(-1);
      return { id: r.id, title: r.title, panelCount, mode: r.mode, coverAssetId: first ? this.toRoll(first).assetId : null, updatedAt: r.updated_at };
    });
  }

  get(id: string): Series {
    const r = this.row(id);
    const prompts = this.o.db.prepare('SELECT position, prompt FROM series_panels WHERE series_id = ? ORDER BY position').all(id) as Array<{ position: number; prompt: string }>;
    const panels: SeriesPanel[] = prompts.map((p) => {
      const rolls = this.rollsOf(id, p.position).map((roll) => this.toRoll(roll));
      return { prompt: p.prompt, current: rolls.at(-1) ?? null, rolls };
    });
    return {
      id: r.id,
      title: r.title,
      panels,
      style: r.style,
      aspectRatio: r.aspect_ratio,
      imageSize: r.image_size,
      tier: r.tier,
      modelId: r.model_id,
      mode: r.mode,
      elements: JSON.parse(r.elements_json) as SeriesElement[],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  /** Creates a series, or updates one's words and choices; the rolls of panels that remain are kept. */
  save(input: SeriesDraftInput): Series {
    const d = SeriesDraftSchema.parse(input);
    const now = this.o.now();
    const id = d.id ?? crypto.randomUUID();
    tx(this.o.db, () => {
      if (d.id) {
        this.row(d.id);
        this.o.db
          .prepare('UPDATE series SET title = ?, style = ?, aspect_ratio = ?, image_size = ?, tier = ?, model_id = ?, mode = ?, elements_json = ?, updated_at = ? WHERE id = ?')
          .run(d.title, d.style, d.aspectRatio, d.imageSize, d.tier, d.modelId, d.mode, JSON.stringify(d.elements), now, id);
        this.o.db.prepare('DELETE FROM series_panels WHERE series_id = ? AND position >= ?').run(id, d.panels.length);
      } else {
        this.o.db
          .prepare('INSERT INTO series (id, title, style, aspect_ratio, image_size, tier, model_id, mode, elements_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, d.title, d.style, d.aspectRatio, d.imageSize, d.tier, d.modelId, d.mode, JSON.stringify(d.elements), now, now);
      }
      const upsert = this.o.db.prepare('INSERT INTO series_panels (series_id, position, prompt) VALUES (?, ?, ?) ON CONFLICT (series_id, position) DO UPDATE SET prompt = excluded.prompt');
      d.panels.forEach((prompt, i) => upsert.run(id, i, prompt));
    });
    return this.get(id);
  }

  delete(id: string): boolean {
    return tx(this.o.db, () => {
      this.o.db.prepare('DELETE FROM series_rolls WHERE series_id = ?').run(id);
      return this.o.db.prepare('DELETE FROM series WHERE id = ?').run(id).changes > 0;
    });
  }

  /**
   * Every panel afresh. Independent: all panels are queued at once, the budget checked for the
   * whole set first. Chat: a new conversation and panel 1; each answer sends the next panel.
   */
  async generate(id: string): Promise<Series> {
    const s = this.get(id);
    this.requireWords(s);
    if (s.mode === 'independent') {
      const requests = s.panels.map((_, i) => this.request(s, i, true));
      this.o.policy.prepare(requests[0]!, { count: requests.length });
      const modelIds = requests.map((r) => this.o.policy.prepare(r));
      tx(this.o.db, () => requests.forEach((r, i) => this.record(s.id, i, this.o.queue.enqueue('generate', r, { modelId: modelIds[i]! }).id, null, false)));
    } else {
      const conv = this.o.chat.create(s.tier, s.modelId ?? undefined, `${s.title} (series)`);
      await this.sendTurn(s, 0, conv.id, true);
    }
    return this.touched(id);
  }

  /**
   * One panel again; the others keep their pictures. In chat mode a re-roll also carries on into
   * the panels after it that have no picture (a chain that stopped at a failed panel goes on).
   */
  async reroll(id: string, panel: number): Promise<Series> {
    const s = this.get(id);
    if (panel >= s.panels.length) throw new AppError('not_found', `This series has no panel ${panel + 1}.`);
    if (!s.panels[panel]!.prompt.trim()) throw new AppError('bad_input', `Write panel ${panel + 1} first.`);
    const current = s.panels[panel]!.current;
    if (current && (current.state === 'queued' || current.state === 'running' || current.state === 'paused')) {
      throw new AppError('bad_input', `Panel ${panel + 1} is still being made; wait for it or cancel it in the queue.`);
    }
    if (s.mode === 'independent') {
      const request = this.request(s, panel, true);
      const modelId = this.o.policy.prepare(request);
      this.record(s.id, panel, this.o.queue.enqueue('generate', request, { modelId }).id, null, false);
      return this.touched(id);
    }
    const after = s.panels[panel + 1]?.current;
    const carryOn = panel + 1 < s.panels.length && after?.state !== 'succeeded' && after?.state !== 'queued' && after?.state !== 'running' && after?.state !== 'paused';
    if (panel === 0) {
      const conv = this.o.chat.create(s.tier, s.modelId ?? undefined, `${s.title} (series)`);
      await this.sendTurn(s, 0, conv.id, carryOn);
      return this.touched(id);
    }
    // The conversation up to panel k-1's answer, copied with its thought signatures, then panel k.
    const before = s.panels[panel - 1]!.current;
    if (!before?.conversationId || before.state !== 'succeeded') {
      throw new AppError('bad_input', `Panel ${panel} has no picture from this chat yet; generate it first, since panel ${panel + 1} continues from it.`);
    }
    const answer = this.o.chat.get(before.conversationId).turns.find((t) => t.role === 'model' && t.jobId === before.jobId);
    if (!answer) throw new AppError('not_found', `Panel ${panel}’s turn is no longer in its chat; generate the series again.`);
    const branch = this.o.chat.branch(before.conversationId, answer.index);
    await this.sendTurn(s, panel, branch.id, carryOn);
    return this.touched(id);
  }

  /**
   * The panels' current pictures as numbered files (`title-01.png` …) and a contact sheet
   * (`title-sheet.png`) made in the image helper, into `folder`. Panels without a picture are
   * skipped in the files and left grey on the sheet.
   */
  async exportTo(id: string, folder: string): Promise<{ written: string[]; sheet: string | null }> {
    const s = this.get(id);
    const stem = fileStem(s.title);
    const pictures = s.panels.map((p) => (p.current?.assetId && this.o.library.fileOf(p.current.assetId, 'original') ? p.current.assetId : null));
    if (pictures.every((a) => a === null)) throw new AppError('bad_input', 'No panel has a picture yet; generate the series first.');
    const numbered = pictures.flatMap((assetId, i) => (assetId ? [{ assetId, name: `${stem}-${String(i + 1).padStart(2, '0')}` }] : []));
    const out = await exportAssets(this.o.library, numbered.map((n) => n.assetId), folder, { sidecar: false, baseNames: numbered.map((n) => n.name) });
    const [w = 1, h = 1] = s.aspectRatio.split(':').map(Number);
    const sheet = await this.o.images.run(
      'contactSheet',
      {
        panels: pictures.map((assetId) => (assetId ? { path: this.o.library.fileOf(assetId, 'original')!.path } : null)),
        ratio: { w, h },
        labels: s.panels.map((_, i) => String(i + 1)),
      },
      `making the contact sheet of “${s.title}”`,
    );
    const sheetFile = await writeNew(folder, `${stem}-sheet`, '.png', asBuffer(sheet.bytes));
    return { written: out.written, sheet: sheetFile };
  }

  /** The request of panel `i`: its words, the shared choices, and every shared Element's images. */
  private request(s: Series, i: number, withReferences: boolean): GenerateRequest {
    const elements = this.freshElements(s.elements);
    const prompt = panelPrompt({ panels: s.panels.map((p) => p.prompt), style: s.style, elements }, i);
    return {
      prompt,
      tier: s.tier,
      ...(s.modelId ? { modelId: s.modelId } : {}),
      aspectRatio: s.aspectRatio,
      imageSize: s.imageSize,
      modalities: 'TEXT_IMAGE',
      grounding: false,
      includeThoughts: false,
      references: withReferences ? elements.flatMap((e) => e.assetIds.map((assetId) => ({ assetId, kind: referenceKindOf(e.kind) }))) : [],
      ...(elements.length ? { elements: elements.map(({ id, name }) => ({ id, name })) } : {}),
      priority: 0,
    };
  }

  /** An Element edited since it was chosen travels as it is now; a deleted one as it was. */
  private freshElements(elements: readonly SeriesElement[]): SeriesElement[] {
    return elements.map((e) => {
      try {
        const now = this.o.elements.get(e.id);
        return now.assetIds.length ? { id: now.id, name: now.name, kind: now.kind, assetIds: now.assetIds } : e;
      } catch {
        return e;
      }
    });
  }

  /**
   * Panel `i` as the next turn of a conversation. The Elements' pictures go with the first panel
   * only: from then on they are in the history every later turn resends.
   */
  private async sendTurn(s: Series, i: number, conversationId: string, chain: boolean): Promise<void> {
    const { tier: _tier, modelId: _model, priority: _priority, ...request } = this.request(s, i, i === 0);
    const job = await this.o.chat.send({ ...request, conversationId });
    this.record(s.id, i, job.id, conversationId, chain);
  }

  private record(seriesId: string, position: number, jobId: string, conversationId: string | null, chain: boolean): void {
    this.o.db
      .prepare('INSERT INTO series_rolls (job_id, series_id, position, conversation_id, chain, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(jobId, seriesId, position, conversationId, chain ? 1 : 0, this.o.now());
  }

  /** A panel's job finished: keep its picture, and in a chat chain send the next panel. */
  private async settled(roll: RollRow, job: Job): Promise<void> {
    try {
      if (job.state === 'succeeded' && job.assetIds[0] && roll.asset_id !== job.assetIds[0]) {
        this.o.db.prepare('UPDATE series_rolls SET asset_id = ? WHERE job_id = ?').run(job.assetIds[0], job.id);
      }
      if (roll.chain && job.state === 'succeeded' && roll.conversation_id) {
        this.o.db.prepare('UPDATE series_rolls SET chain = 0 WHERE job_id = ?').run(job.id);
        const s = this.get(roll.series_id);
        const next = roll.position + 1;
        const nextRoll = s.panels[next]?.current;
        // A later roll of the next panel (the user re-rolled it meanwhile) is not replaced.
        if (next < s.panels.length && s.panels[next]!.prompt.trim() && (!nextRoll || nextRoll.createdAt <= roll.created_at)) {
          await this.sendTurn(s, next, roll.conversation_id, true);
        }
      } else if (roll.chain && job.state !== 'succeeded') {
        this.o.db.prepare('UPDATE series_rolls SET chain = 0 WHERE job_id = ?').run(job.id);
      }
      this.o.events.emit('series.updated', this.touched(roll.series_id));
    } catch (err) {
      this.o.logger.warn('series: a panel could not be carried on', { series: roll.series_id, panel: roll.position, message: (err as Error).message });
      try {
        this.o.events.emit('series.updated', this.get(roll.series_id));
      } catch {
        // the series was deleted meanwhile
      }
    }
  }

  private touched(id: string): Series {
    this.o.db.prepare('UPDATE series SET updated_at = ? WHERE id = ?').run(this.o.now(), id);
    return this.get(id);
  }

  private requireWords(s: Series): void {
    const empty = s.panels.findIndex((p) => !p.prompt.trim());
    if (empty >= 0) throw new AppError('bad_input', `Write panel ${empty + 1} first.`);
  }

  private rollsOf(seriesId: string, position: number): RollRow[] {
    return cached(this.o.db, 'SELECT * FROM series_rolls WHERE series_id = ? AND position = ? ORDER BY created_at, rowid').all(seriesId, position) as RollRow[];
  }

  private toRoll(r: RollRow): SeriesRoll {
    let state: SeriesRoll['state'] = 'gone';
    let assetId = r.asset_id;
    try {
      const job = this.o.queue.get(r.job_id);
      state = job.state;
      assetId ??= job.state === 'succeeded' ? (job.assetIds[0] ?? null) : null;
    } catch {
      if (assetId) state = 'succeeded';
    }
    // A picture deleted from the library leaves the panel empty.
    if (assetId && !this.o.library.fileOf(assetId, 'original')) {
      assetId = null;
      if (state === 'succeeded') state = 'gone';
    }
    return { jobId: r.job_id, state, assetId, conversationId: r.conversation_id, createdAt: r.created_at };
  }

  private row(id: string): SeriesRow {
    const row = cached(this.o.db, 'SELECT * FROM series WHERE id = ?').get(id) as SeriesRow | undefined;
    if (!row) throw new AppError('not_found', 'That series is no longer in the library.');
    return row;
  }
}
