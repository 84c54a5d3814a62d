import crypto from 'node:crypto';
import type { AssetDetail, AssetSummary, GenerationParams } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/models';
import { AppError } from '../errors';
import { tx, type Db } from './db';
import { type ContentStore, type StoredImage } from './ContentStore';

export interface NewGeneration {
  jobId: string | null;
  prompt: string;
  tier: ModelTier;
  modelId: string;
  params: GenerationParams;
  responseText: string | null;
  finishReason: string | null;
  usage: { promptTokens: number; outputTokens: number; thoughtTokens: number };
  durationMs: number;
}

interface AssetRow {
  id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  source: 'generated' | 'edited' | 'imported';
  created_at: number;
  prompt: string | null;
  tier: ModelTier | null;
}

const SUMMARY_SELECT = `
  SELECT a.id, a.sha256, a.mime, a.width, a.height, a.bytes, a.source, a.created_at, g.prompt, g.tier
  FROM assets a LEFT JOIN generations g ON g.id = a.generation_id`;

function toSummary(r: AssetRow): AssetSummary {
  return { id: r.id, width: r.width, height: r.height, mime: r.mime, createdAt: r.created_at, prompt: r.prompt, tier: r.tier };
}

/**
 * The local library: rows in SQLite, bytes in the ContentStore. Files are always written
 * before the rows that reference them, and rows for one generation land in one transaction.
 */
export class Library {
  constructor(
    private readonly db: Db,
    readonly store: ContentStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Puts images on disk. Call `insertGeneration` (inside a transaction) to reference them. */
  async writeImages(images: readonly Buffer[]): Promise<StoredImage[]> {
    const stored: StoredImage[] = [];
    try {
      for (const data of images) stored.push(await this.store.put(data));
    } catch (err) {
      this.discard(stored);
      throw err;
    }
    return stored;
  }

  /** Deletes files written by `writeImages` that no row references (after a failed commit). */
  discard(stored: readonly StoredImage[]): void {
    const referenced = this.db.prepare('SELECT 1 FROM assets WHERE sha256 = ? LIMIT 1');
    for (const s of stored) if (s.created && !referenced.get(s.sha256)) this.store.remove(s.sha256, s.mime);
  }

  /** Inserts a generation and its assets. Synchronous, so callers can wrap it in their own `tx`. */
  insertGeneration(gen: NewGeneration, images: readonly StoredImage[]): AssetSummary[] {
    const createdAt = this.now();
    const generationId = crypto.randomUUID();
    return tx(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, response_text, finish_reason,
             prompt_tokens, output_tokens, thought_tokens, duration_ms, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          generationId, gen.jobId, gen.prompt, gen.tier, gen.modelId, JSON.stringify(gen.params), gen.responseText,
          gen.finishReason, gen.usage.promptTokens, gen.usage.outputTokens, gen.usage.thoughtTokens,
          Math.round(gen.durationMs), createdAt,
        );
      const insert = this.db.prepare(
        `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'generated', ?, ?)`,
      );
      return images.map((img, i) => {
        const id = crypto.randomUUID();
        // Several images of one response share a timestamp; the offset keeps their order stable.
        insert.run(id, img.sha256, img.mime, img.width, img.height, img.bytes, generationId, createdAt + i);
        return { id, width: img.width, height: img.height, mime: img.mime, createdAt: createdAt + i, prompt: gen.prompt, tier: gen.tier };
      });
    });
  }

  list({ limit = 200, before }: { limit?: number; before?: { createdAt: number; id: string } } = {}): {
    assets: AssetSummary[];
    total: number;
  } {
    const rows = before
      ? (this.db
          .prepare(`${SUMMARY_SELECT} WHERE (a.created_at, a.id) < (?, ?) ORDER BY a.created_at DESC, a.id DESC LIMIT ?`)
          .all(before.createdAt, before.id, limit) as AssetRow[])
      : (this.db.prepare(`${SUMMARY_SELECT} ORDER BY a.created_at DESC, a.id DESC LIMIT ?`).all(limit) as AssetRow[]);
    const { n } = this.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number };
    return { assets: rows.map(toSummary), total: n };
  }

  assetIdsForJob(jobId: string): string[] {
    return (
      this.db
        .prepare('SELECT a.id FROM assets a JOIN generations g ON g.id = a.generation_id WHERE g.job_id = ? ORDER BY a.created_at')
        .all(jobId) as { id: string }[]
    ).map((r) => r.id);
  }

  get(id: string): AssetDetail {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE a.id = ?`).get(id) as AssetRow | undefined;
    if (!row) throw new AppError('not_found', 'That image is no longer in the library.');
    const g = this.db
      .prepare(
        `SELECT g.* FROM generations g JOIN assets a ON a.generation_id = g.id WHERE a.id = ?`,
      )
      .get(id) as
      | {
          job_id: string | null;
          prompt: string;
          model_id: string;
          tier: ModelTier;
          params_json: string;
          response_text: string | null;
          finish_reason: string | null;
          prompt_tokens: number;
          output_tokens: number;
          thought_tokens: number;
          duration_ms: number;
        }
      | undefined;
    return {
      ...toSummary(row),
      bytes: row.bytes,
      sha256: row.sha256,
      source: row.source,
      generation: g
        ? {
            jobId: g.job_id,
            prompt: g.prompt,
            modelId: g.model_id,
            tier: g.tier,
            params: JSON.parse(g.params_json) as GenerationParams,
            responseText: g.response_text,
            finishReason: g.finish_reason,
            usage: { promptTokens: g.prompt_tokens, outputTokens: g.output_tokens, thoughtTokens: g.thought_tokens },
            durationMs: g.duration_ms,
          }
        : null,
    };
  }

  /** Where the bytes of an asset are, for the app:// handler. Null for an unknown id. */
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as
      | { sha256: string; mime: string }
      | undefined;
    if (!row) return null;
    return variant === 'thumb'
      ? { path: this.store.thumbPath(row.sha256), mime: 'image/webp' }
      : { path: this.store.originalPath(row.sha256, row.mime), mime: row.mime };
  }
}
