/**
 * The prompt library (saved prompts with their whole request) and the prompt history (what the
 * studio sent before, read from the generations themselves, so it needs no table of its own).
 */
import crypto from 'node:crypto';
import { cached } from '../db/db';
import type { Db } from '../db/types';
import { SavedRequestSchema, type PromptHistoryItem, type SavedPrompt, type SavePromptInput } from '../../../shared/domain/prompts';
import { RenamePromptSchema, SavePromptSchema } from '../../../shared/domain/prompts';
import { AppError } from '../errors';

interface Row {
  id: string;
  name: string;
  tags_json: string;
  request_json: string;
  created_at: number;
}

/** LIKE with the user's text taken literally: % and _ are characters here, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class PromptLibrary {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  save(input: SavePromptInput): SavedPrompt {
    const { name, tags, request } = SavePromptSchema.parse(input);
    // One spelling per tag, as typed first.
    const unique = tags.filter((t, i) => tags.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
    const row: Row = { id: crypto.randomUUID(), name, tags_json: JSON.stringify(unique), request_json: JSON.stringify(request), created_at: this.now() };
    cached(this.db, 'INSERT INTO saved_prompts (id, name, prompt, tags_json, request_json, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      row.id, row.name, request.prompt, row.tags_json, row.request_json, row.created_at,
    );
    return this.toSaved(row);
  }

  /** Every word must match the name, a tag or the prompt; newest first. */
  list(text = ''): SavedPrompt[] {
    const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 8);
    const where = words.map(() => "(name LIKE ? ESCAPE '\\' OR prompt LIKE ? ESCAPE '\\' OR tags_json LIKE ? ESCAPE '\\')").join(' AND ');
    const args = words.flatMap((w) => Array(3).fill(likePattern(w)));
    const rows = this.db
      .prepare(`SELECT id, name, tags_json, request_json, created_at FROM saved_prompts ${where ? `WHERE ${where}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT 500`)
      .all(...args) as Row[];
    return rows.map((r) => this.toSaved(r));
  }

  /** A new name for a saved prompt; its prompt, tags and settings stay. */
  rename(id: string, name: string): SavedPrompt {
    const parsed = RenamePromptSchema.parse({ id, name });
    if (cached(this.db, 'UPDATE saved_prompts SET name = ? WHERE id = ?').run(parsed.name, id).changes === 0) {
      throw new AppError('not_found', 'That saved prompt is not there any more.');
    }
    return this.toSaved(cached(this.db, 'SELECT id, name, tags_json, request_json, created_at FROM saved_prompts WHERE id = ?').get(id) as Row);
  }

  delete(id: string): boolean {
    return cached(this.db, 'DELETE FROM saved_prompts WHERE id = ?').run(id).changes > 0;
  }

  /**
   * The studio's earlier prompts, newest first and once each. Walks generations newest first
   * and stops at `limit` distinct prompts, so a library of a million reads only its recent end
   * (a GROUP BY over all of them would read everything). Chat turns are not studio prompts.
   */
  history(text = '', limit = 100): PromptHistoryItem[] {
    const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 8);
    const where = words.map(() => "prompt LIKE ? ESCAPE '\\'").join(' AND ');
    const rows = this.db
      .prepare(
        `SELECT prompt, created_at FROM generations
          WHERE job_id IS NOT NULL AND conversation_id IS NULL ${where ? `AND ${where}` : ''}
          ORDER BY created_at DESC`,
      )
      .iterate(...words.map(likePattern)) as IterableIterator<{ prompt: string; created_at: number }>;
    const seen = new Map<string, number>();
    for (const r of rows) {
      if (!seen.has(r.prompt)) seen.set(r.prompt, r.created_at);
      if (seen.size >= limit) break;
    }
    return [...seen].map(([prompt, lastUsedAt]) => ({ prompt, lastUsedAt }));
  }

  private toSaved(r: Row): SavedPrompt {
    return {
      id: r.id,
      name: r.name,
      tags: JSON.parse(r.tags_json) as string[],
      // Parsed again: a request saved by an older version gains the defaults of knobs added since.
      request: SavedRequestSchema.parse(JSON.parse(r.request_json)),
      createdAt: r.created_at,
    };
  }
}
