import type { Reference } from '../../../shared/domain';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { ChatHooks } from '../generation/GenerationService';
import { withImageData } from '../generation/GenerationService';
import { withoutForeignSignatures } from './foreignHistory';
import { userContentOf } from '../generation/references';
import type { ReferenceImages } from '../references/images';
import type { WireContent } from '../gemini/wire';
import type { Db } from '../db/db';
import type { Library } from '../library/Library';
import type { JobRow } from '../queue/JobStore';

/**
 * What running a chat job needs from the stored conversation. It reads only the database and
 * the library, so it is built before the services that run jobs and handed to them in their
 * constructors, instead of ChatService reaching into GenerationService after the fact.
 */
export class ChatHistory implements ChatHooks {
  constructor(
    private readonly db: Db,
    private readonly library: Library,
    private readonly events: EventBus,
    /** Reference bytes: library assets, and photos held for a turn not yet answered. */
    private readonly images: ReferenceImages,
  ) {}

  /**
   * The contents for a chat job: every earlier exchange exactly as stored, then the job's own user
   * turn. Like the SDK's Chat, a user turn whose answer never came (blocked, failed) is left out.
   */
  readonly history = async (job: JobRow): Promise<WireContent[]> => {
    const conversationId = job.conversation_id!;
    const upTo = this.userTurnOf(job);
    // Turns before a move to another model carry that model's signatures: they are not sent.
    const movedAt = (this.db.prepare('SELECT moved_at_turn FROM conversations WHERE id = ?').pluck().get(conversationId) as number | null | undefined) ?? -1;
    const users = this.db.prepare('SELECT turn_index, content_json FROM user_turns WHERE conversation_id = ? AND turn_index <= ?').all(conversationId, upTo) as Array<{ turn_index: number; content_json: string }>;
    const models = this.db.prepare('SELECT turn_index, content_json FROM generations WHERE conversation_id = ? AND turn_index < ?').all(conversationId, upTo) as Array<{ turn_index: number; content_json: string | null }>;
    const answered = new Set(models.map((m) => m.turn_index - 1));
    const turns = [
      ...users.filter((u) => u.turn_index === upTo || answered.has(u.turn_index)).map((u) => ({ i: u.turn_index, c: JSON.parse(u.content_json) as WireContent, user: true })),
      ...models.filter((m) => m.content_json).map((m) => ({ i: m.turn_index, c: JSON.parse(m.content_json!) as WireContent, user: false })),
    ].sort((a, b) => a.i - b.i);
    const read = (sha: string) => this.library.readBySha(sha);
    const out: WireContent[] = [];
    for (const t of turns) {
      if (!t.user) {
        const content = withImageData(t.c, read);
        out.push(t.i < movedAt ? withoutForeignSignatures(content) : content);
        continue;
      }
      // User images go out the way a one-shot request sends them (shrunk if huge). A photo held
      // for this turn is not an asset until the answer comes; it is read from where it is held.
      const refs = t.c.parts.flatMap((p): Reference[] => {
        const sha = (p.inlineData as { sha256?: string } | undefined)?.sha256;
        if (!sha) return [];
        const id = this.db.prepare('SELECT id FROM assets WHERE sha256 = ? LIMIT 1').pluck().get(sha) as string | undefined;
        return [id ? { assetId: id, kind: 'object' } : { heldSha256: sha, kind: 'object' }];
      });
      const text = t.c.parts.find((p) => typeof p.text === 'string')?.text ?? '';
      out.push(await userContentOf(this.images, { prompt: text, references: refs }, this.library.store.images));
    }
    return out;
  };

  answerTurn(job: JobRow): number {
    return this.userTurnOf(job) + 1;
  }

  stored(conversationId: string): void {
    this.events.emit('chat.updated', { conversationId });
  }

  previousImages(job: JobRow): string[] {
    return this.db
      .prepare(
        `SELECT a.id FROM assets a JOIN generations g ON g.id = a.generation_id
         WHERE g.conversation_id = ? AND g.turn_index = (SELECT max(turn_index) FROM generations WHERE conversation_id = ? AND turn_index < ?)`,
      )
      .pluck()
      .all(job.conversation_id, job.conversation_id, this.userTurnOf(job)) as string[];
  }

  private userTurnOf(job: JobRow): number {
    const i = this.db.prepare('SELECT turn_index FROM user_turns WHERE job_id = ?').pluck().get(job.id) as number | undefined;
    if (i === undefined) throw new AppError('internal', 'This chat message has no stored turn.');
    return i;
  }
}
