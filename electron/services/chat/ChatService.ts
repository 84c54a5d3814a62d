import crypto from 'node:crypto';
import type { Conversation, ConversationSummary, GenerateRequest, Job, Turn } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/domain/vocabulary';
import { migrateModelId } from '../../../shared/models/catalogue';
import { heldUrl } from '../../../shared/urls';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { RequestPolicy } from '../generation/RequestPolicy';
import { tx, type Db } from '../db/db';
import type { Library } from '../library/Library';
import type { HeldInputs } from '../references/HeldInputs';
import type { WireContent } from '../gemini/wire';
import type { JobQueue } from '../queue/JobQueue';

interface ConversationRow {
  id: string;
  title: string;
  tier: ModelTier;
  model_id: string;
  created_at: number;
  updated_at: number;
  /** Turns before this one were answered by an earlier model (see moveToModel). */
  moved_at_turn: number | null;
}

type ChatSendInput = Omit<GenerateRequest, 'tier' | 'modelId' | 'priority'> & { conversationId: string };

/**
 * Multi-turn refinement. User turns are rows of their own; model turns are generations. Both
 * keep their parts exactly as sent or received (images by hash), so the history sent for the
 * next turn carries every thought signature on the part it arrived on (wire §4).
 */
export class ChatService {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly policy: RequestPolicy,
    private readonly queue: JobQueue,
    private readonly events: EventBus,
    private readonly now: () => number,
    private readonly held: HeldInputs,
  ) {}

  list(): ConversationSummary[] {
    const rows = this.db.prepare('SELECT * FROM conversations ORDER BY updated_at DESC').all() as ConversationRow[];
    return rows.map((r) => this.summary(r));
  }

  create(tier: ModelTier, modelId?: string, title?: string): Conversation {
    const id = crypto.randomUUID();
    const now = this.now();
    // A conversation keeps one model: signatures from one model are not valid for another (wire §4.2).
    const model = this.policy.resolveModel(tier, modelId);
    this.db
      .prepare('INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, title ?? 'New chat', tier, model, now, now);
    return this.get(id);
  }

  get(id: string): Conversation {
    const row = this.row(id);
    const users = this.db.prepare('SELECT turn_index, content_json, job_id FROM user_turns WHERE conversation_id = ?').all(id) as Array<{
      turn_index: number;
      content_json: string;
      job_id: string | null;
    }>;
    const models = this.db.prepare('SELECT id, turn_index, content_json FROM generations WHERE conversation_id = ?').all(id) as Array<{ id: string; turn_index: number; content_json: string | null }>;
    const turns: Turn[] = [
      ...users.map((u): Turn => {
        const content = JSON.parse(u.content_json) as WireContent;
        const shas = content.parts.flatMap((p) => ((p.inlineData as { sha256?: string } | undefined)?.sha256 ? [(p.inlineData as unknown as { sha256: string }).sha256] : []));
        const assetOf = (sha: string) => this.db.prepare('SELECT id FROM assets WHERE sha256 = ? LIMIT 1').pluck().get(sha) as string | undefined;
        const heldUrls = shas.filter((sha) => !assetOf(sha) && this.held.isHeld(sha)).map(heldUrl);
        return {
          index: u.turn_index,
          role: 'user',
          text: content.parts.find((p) => typeof p.text === 'string')?.text ?? null,
          assetIds: shas.flatMap((sha) => assetOf(sha) ?? []),
          ...(heldUrls.length ? { heldUrls } : {}),
          jobId: u.job_id,
          generation: null,
        };
      }),
      ...models.map((m): Turn => {
        const stored = this.library.generation(m.id);
        // A branched chat's copied turns own no assets; their pictures are the original's, by hash.
        const assetIds = stored.assetIds.length ? stored.assetIds : this.assetsInContent(m.content_json);
        const generation = { ...stored, assetIds };
        return { index: m.turn_index, role: 'model', text: generation.text, assetIds, jobId: generation.jobId, generation };
      }),
    ].sort((a, b) => a.index - b.index);
    const pending = this.db
      .prepare("SELECT id FROM jobs WHERE conversation_id = ? AND state IN ('queued', 'running', 'paused', 'failed') ORDER BY created_at DESC LIMIT 1")
      .pluck()
      .get(id) as string | undefined;
    const lastUser = users.reduce((m, u) => Math.max(m, u.turn_index), -1);
    const answered = models.some((m) => m.turn_index === lastUser + 1);
    return { ...this.summary(row), turns, pendingJob: pending && !answered ? this.queue.get(pending) : null };
  }

  /**
   * Moves a conversation to another model (the successor of a deprecated or gone one). What was
   * said stays; the earlier answers go out without their thought signatures from then on, since
   * a signature is valid only for the model that issued it. An unanswered last message moves too.
   */
  moveToModel(conversationId: string, modelId: string): Conversation {
    const conv = this.row(conversationId);
    if (conv.model_id === modelId) return this.get(conversationId);
    const busy = this.db.prepare("SELECT 1 FROM jobs WHERE conversation_id = ? AND state = 'running'").get(conv.id);
    if (busy) throw new AppError('bad_input', 'Gemini is answering this chat right now; move it once the answer is in.');
    const next = this.nextTurn(conv.id);
    tx(this.db, () => {
      this.db.prepare('UPDATE conversations SET model_id = ?, moved_at_turn = ?, updated_at = ? WHERE id = ?').run(modelId, next, this.now(), conv.id);
      this.db.prepare("UPDATE jobs SET model_id = ? WHERE conversation_id = ? AND state IN ('queued', 'paused', 'failed')").run(modelId, conv.id);
    });
    this.events.emit('chat.updated', { conversationId: conv.id });
    return this.get(conv.id);
  }

  private nextTurn(conversationId: string): number {
    const max = this.db
      .prepare('SELECT max(i) FROM (SELECT turn_index AS i FROM user_turns WHERE conversation_id = ? UNION ALL SELECT turn_index FROM generations WHERE conversation_id = ?)')
      .pluck()
      .get(conversationId, conversationId) as number | null;
    return (max ?? -1) + 1;
  }

  async send(input: ChatSendInput): Promise<Job> {
    const conv = this.row(input.conversationId);
    const busy = this.db
      .prepare("SELECT 1 FROM jobs WHERE conversation_id = ? AND state IN ('queued', 'running', 'paused')")
      .get(conv.id);
    if (busy) throw new AppError('bad_input', 'Gemini is still answering the last message; wait for it or cancel it.');
    const { conversationId: _id, ...params } = input;
    const request: GenerateRequest = {
      ...params,
      tier: conv.tier,
      modelId: migrateModelId(conv.model_id),
      priority: 0,
    };
    const modelId = this.policy.prepare(request);
    // Reference images are stored by the hash of the image itself (not of a shrunk copy sent on
    // the wire); a held photo keeps its hash when it becomes an asset, so the turn finds it then.
    const user: WireContent = {
      role: 'user',
      parts: [{ text: request.prompt }, ...request.references.map((r) => ({ inlineData: this.held.imageRef(r) as never }))],
    };
    const now = this.now();
    const turnIndex = this.nextTurn(conv.id);
    let job!: Job;
    tx(this.db, () => {
      job = this.queue.enqueue('chat', request, { modelId, conversationId: conv.id });
      this.db.prepare('INSERT INTO user_turns (conversation_id, turn_index, content_json, job_id, created_at) VALUES (?, ?, ?, ?, ?)').run(conv.id, turnIndex, JSON.stringify(user), job.id, now);
      const title = conv.title === 'New chat' ? request.prompt.slice(0, 60) : conv.title;
      this.db.prepare('UPDATE conversations SET updated_at = ?, title = ? WHERE id = ?').run(now, title, conv.id);
    });
    this.events.emit('chat.updated', { conversationId: conv.id });
    return job;
  }

  /**
   * A new conversation with this one's turns up to `turnIndex`, copied as stored — thought
   * signatures included, so the next turn's history is valid for Gemini. From a model turn the
   * branch ends on that answer; from a user turn it ends just before it (to ask differently).
   * The model stays the same: signatures from one model are not valid for another (wire §4.2).
   */
  branch(conversationId: string, turnIndex: number): Conversation {
    const conv = this.row(conversationId);
    const at = this.get(conversationId).turns.find((t) => t.index === turnIndex);
    if (!at) throw new AppError('not_found', 'That message is no longer in this chat.');
    const upTo = at.role === 'model' ? turnIndex : turnIndex - 1;
    const id = crypto.randomUUID();
    const now = this.now();
    const title = `${conv.title.slice(0, 180)} (branch)`;
    // A chat moved to another model keeps its mark, so the copied turns from before the move still
    // go out without the old model's signatures; a branch ending before the move is all old turns.
    const movedAt = conv.moved_at_turn === null ? null : Math.min(conv.moved_at_turn, upTo + 1);
    // Every column as it is (other migrations may add some), with the new owner and no job:
    // the copies were answered in the original chat.
    const columns = (this.db.prepare('PRAGMA table_info(generations)').all() as Array<{ name: string }>).map((c) => c.name);
    const pick = columns.map((c) => (c === 'id' ? '@newId' : c === 'conversation_id' ? '@conversation' : c === 'job_id' ? 'NULL' : c)).join(', ');
    const copyGeneration = this.db.prepare(`INSERT INTO generations (${columns.join(', ')}) SELECT ${pick} FROM generations WHERE id = @oldId`);
    tx(this.db, () => {
      this.db
        .prepare('INSERT INTO conversations (id, title, tier, model_id, created_at, updated_at, moved_at_turn) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, title, conv.tier, conv.model_id, now, now, movedAt);
      this.db
        .prepare('INSERT INTO user_turns (conversation_id, turn_index, content_json, job_id, created_at) SELECT ?, turn_index, content_json, NULL, created_at FROM user_turns WHERE conversation_id = ? AND turn_index <= ?')
        .run(id, conversationId, upTo);
      const old = this.db.prepare('SELECT id FROM generations WHERE conversation_id = ? AND turn_index <= ?').pluck().all(conversationId, upTo) as string[];
      for (const oldId of old) copyGeneration.run({ newId: crypto.randomUUID(), conversation: id, oldId });
    });
    this.events.emit('chat.updated', { conversationId: id });
    return this.get(id);
  }

  /** The library assets of a stored answer's final (not thought) images, found by their hash. */
  private assetsInContent(contentJson: string | null): string[] {
    if (!contentJson) return [];
    const content = JSON.parse(contentJson) as WireContent;
    const find = this.db.prepare('SELECT id FROM assets WHERE sha256 = ? ORDER BY trashed_at IS NOT NULL, created_at LIMIT 1').pluck();
    return content.parts.flatMap((p) => {
      const sha = (p.inlineData as { sha256?: string } | undefined)?.sha256;
      if (!sha || p.thought) return [];
      const found = find.get(sha) as string | undefined;
      return found ? [found] : [];
    });
  }

  private row(id: string): ConversationRow {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    if (!row) throw new AppError('not_found', 'That conversation no longer exists.');
    return row;
  }

  private summary(r: ConversationRow): ConversationSummary {
    // One exchange (a message and its answer) is one turn, as a person counts them.
    const turns = this.db.prepare('SELECT count(*) FROM user_turns WHERE conversation_id = ?').pluck().get(r.id) as number;
    return { id: r.id, title: r.title, tier: r.tier, modelId: r.model_id, turns, updatedAt: r.updated_at, movedAtTurn: r.moved_at_turn ?? null };
  }
}
