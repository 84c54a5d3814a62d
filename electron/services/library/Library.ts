import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetDetail, AssetSummary, GenerationDetail, GenerationParams } from '../../../shared/ipc/contract';
import type { ModelTier, Usage } from '../../../shared/models';
import { AppError } from '../errors';
import type { Grounding } from '../gemini/response';
import type { WireContent } from '../gemini/wire';
import { tx, type Db } from './db';
import { type ContentStore, CorruptImageError, type StoredImage } from './ContentStore';

export interface NewGeneration {
  jobId: string | null;
  prompt: string;
  tier: ModelTier;
  modelId: string;
  params: GenerationParams;
  responseText: string | null;
  finishReason: string | null;
  usage: Usage;
  costUsd: number;
  durationMs: number;
  /** The model turn as received, with inline image data replaced by {sha256} references. */
  content?: WireContent | null;
  grounding?: Grounding | null;
  conversationId?: string | null;
  turnIndex?: number | null;
}

/** Images up to this size import; Gemini itself takes at most 100 MB per request. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

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
  name: string | null;
  generation_id: string | null;
}

interface GenerationRow {
  id: string;
  job_id: string | null;
  prompt: string;
  tier: ModelTier;
  model_id: string;
  params_json: string;
  response_text: string | null;
  finish_reason: string | null;
  prompt_tokens: number;
  output_tokens: number;
  thought_tokens: number;
  image_tokens: number;
  cost_usd: number;
  duration_ms: number;
  created_at: number;
  content_json: string | null;
  grounding_json: string | null;
  conversation_id: string | null;
  turn_index: number | null;
}

const SUMMARY_SELECT = `
  SELECT a.id, a.sha256, a.mime, a.width, a.height, a.bytes, a.source, a.created_at, a.name, a.generation_id,
         COALESCE(g.prompt, a.name) AS prompt, g.tier
  FROM assets a LEFT JOIN generations g ON g.id = a.generation_id`;

function toSummary(r: AssetRow): AssetSummary {
  return { id: r.id, width: r.width, height: r.height, mime: r.mime, createdAt: r.created_at, prompt: r.prompt, tier: r.tier };
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The local library: rows in SQLite, bytes in the ContentStore. Files are always written
 * before the rows that reference them, and the rows of one result land in one transaction.
 */
export class Library {
  constructor(
    private readonly db: Db,
    readonly store: ContentStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Puts images on disk. Reference them with `insertGeneration`/`insertBlobs` inside a transaction. */
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

  /** Deletes files written by `writeImages` that no row references (after a failed or abandoned commit). */
  discard(stored: readonly StoredImage[]): void {
    const asset = this.db.prepare('SELECT 1 FROM assets WHERE sha256 = ? LIMIT 1');
    const blob = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ? LIMIT 1');
    for (const s of stored) if (s.created && !asset.get(s.sha256) && !blob.get(s.sha256)) this.store.remove(s.sha256, s.mime);
  }

  /** Keeps files that are not library assets (interim thought images). Synchronous, for use inside a transaction. */
  insertBlobs(stored: readonly StoredImage[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO blobs (sha256, mime) VALUES (?, ?)');
    for (const s of stored) insert.run(s.sha256, s.mime);
  }

  /** Inserts a generation and its assets. Synchronous, so callers can wrap it in their own `tx`. */
  insertGeneration(gen: NewGeneration, images: readonly StoredImage[]): { generationId: string; assets: AssetSummary[] } {
    const createdAt = this.now();
    const generationId = crypto.randomUUID();
    return tx(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, response_text, finish_reason,
             prompt_tokens, output_tokens, thought_tokens, image_tokens, cost_usd, duration_ms, created_at,
             content_json, grounding_json, conversation_id, turn_index)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          generationId, gen.jobId, gen.prompt, gen.tier, gen.modelId, JSON.stringify(gen.params), gen.responseText,
          gen.finishReason, gen.usage.promptTokens, gen.usage.outputTokens, gen.usage.thoughtTokens, gen.usage.imageTokens,
          gen.costUsd, Math.round(gen.durationMs), createdAt, gen.content ? JSON.stringify(gen.content) : null,
          gen.grounding ? JSON.stringify(gen.grounding) : null, gen.conversationId ?? null, gen.turnIndex ?? null,
        );
      const insert = this.db.prepare(
        `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const source = gen.params.references.length ? 'edited' : 'generated';
      const assets = images.map((img, i) => {
        const id = crypto.randomUUID();
        // Several images of one response share a timestamp; the offset keeps their order stable.
        insert.run(id, img.sha256, img.mime, img.width, img.height, img.bytes, source, generationId, createdAt + i);
        return { id, width: img.width, height: img.height, mime: img.mime, createdAt: createdAt + i, prompt: gen.prompt, tier: gen.tier };
      });
      return { generationId, assets };
    });
  }

  /**
   * Imports one image file. Returns the existing asset when the same bytes are already in the
   * library. Throws AppError('bad_file') with a reason a person understands.
   */
  async importImage(name: string, read: () => Promise<Buffer>, size: number): Promise<AssetSummary & { duplicate: boolean }> {
    if (size > MAX_IMPORT_BYTES) {
      throw new AppError('bad_file', `${(size / 1024 / 1024).toFixed(0)} MB is too large; Atelier imports images up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    if (size === 0) throw new AppError('bad_file', 'The file is empty.');
    const data = await read();
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const existing = this.db.prepare(`${SUMMARY_SELECT} WHERE a.sha256 = ? ORDER BY a.created_at LIMIT 1`).get(sha256) as AssetRow | undefined;
    if (existing) return { ...toSummary(existing), duplicate: true };
    let stored: StoredImage;
    try {
      stored = await this.store.put(data);
    } catch (err) {
      if (err instanceof CorruptImageError) throw new AppError('bad_file', err.message);
      throw err;
    }
    const id = crypto.randomUUID();
    const createdAt = this.now();
    try {
      this.db
        .prepare(
          `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, name, created_at) VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?)`,
        )
        .run(id, stored.sha256, stored.mime, stored.width, stored.height, stored.bytes, path.basename(name).slice(0, 255), createdAt);
    } catch (err) {
      this.discard([stored]);
      throw err;
    }
    return { id, width: stored.width, height: stored.height, mime: stored.mime, createdAt, prompt: name, tier: null, duplicate: false };
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

  get(id: string): AssetDetail {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE a.id = ?`).get(id) as AssetRow | undefined;
    if (!row) throw new AppError('not_found', 'That image is no longer in the library.');
    return {
      ...toSummary(row),
      bytes: row.bytes,
      sha256: row.sha256,
      source: row.source,
      generation: row.generation_id ? this.generation(row.generation_id) : null,
    };
  }

  generation(id: string): GenerationDetail {
    const g = this.db.prepare('SELECT * FROM generations WHERE id = ?').get(id) as GenerationRow | undefined;
    if (!g) throw new AppError('not_found', 'That result is no longer in the library.');
    const content = g.content_json ? (JSON.parse(g.content_json) as WireContent) : null;
    const thoughtParts = content?.parts.filter((p) => p.thought) ?? [];
    const grounding = g.grounding_json ? (JSON.parse(g.grounding_json) as Grounding) : null;
    return {
      id: g.id,
      jobId: g.job_id,
      prompt: g.prompt,
      modelId: g.model_id,
      tier: g.tier,
      params: JSON.parse(g.params_json) as GenerationParams,
      text: g.response_text,
      finishReason: g.finish_reason,
      thoughts: {
        text: thoughtParts.flatMap((p) => (typeof p.text === 'string' && p.text ? [p.text] : [])),
        imageUrls: thoughtParts.flatMap((p) => {
          const sha = (p.inlineData as { sha256?: string } | undefined)?.sha256;
          return sha ? [`/thoughts/${sha}`] : [];
        }),
      },
      grounding: grounding
        ? { sources: grounding.sources, queries: grounding.queries, entryPointUrl: grounding.entryPointHtml ? `/grounding/${g.id}` : null }
        : null,
      usage: { promptTokens: g.prompt_tokens, outputTokens: g.output_tokens, thoughtTokens: g.thought_tokens, imageTokens: g.image_tokens },
      costUsd: g.cost_usd,
      durationMs: g.duration_ms,
      createdAt: g.created_at,
      conversationId: g.conversation_id,
      assetIds: this.db.prepare('SELECT id FROM assets WHERE generation_id = ? ORDER BY created_at').pluck().all(g.id) as string[],
    };
  }

  /** The Search-grounding chip Gemini returned, for the sandboxed frame. */
  groundingHtml(generationId: string): string | null {
    const row = this.db.prepare('SELECT grounding_json FROM generations WHERE id = ?').get(generationId) as { grounding_json: string | null } | undefined;
    return row?.grounding_json ? ((JSON.parse(row.grounding_json) as Grounding).entryPointHtml ?? null) : null;
  }

  /** Where the bytes of an asset are, for the app:// handler. Null for an unknown id. */
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) return null;
    return variant === 'thumb'
      ? { path: this.store.thumbPath(row.sha256), mime: 'image/webp' }
      : { path: this.store.originalPath(row.sha256, row.mime), mime: row.mime };
  }

  /** A kept thought image by hash; null unless the library knows it. */
  blobFile(sha256: string): { path: string; mime: string } | null {
    if (!SHA256.test(sha256)) return null;
    const row = this.db.prepare('SELECT mime FROM blobs WHERE sha256 = ?').get(sha256) as { mime: string } | undefined;
    return row ? { path: this.store.originalPath(sha256, row.mime), mime: row.mime } : null;
  }

  /** The bytes behind a stored {sha256} reference (an asset or a blob). */
  readBySha(sha256: string): Buffer {
    const row = (this.db.prepare('SELECT mime FROM assets WHERE sha256 = ? LIMIT 1').get(sha256) ??
      this.db.prepare('SELECT mime FROM blobs WHERE sha256 = ?').get(sha256)) as { mime: string } | undefined;
    if (!row) throw new AppError('not_found', 'An image this conversation needs is missing from the library.');
    return fs.readFileSync(this.store.originalPath(sha256, row.mime));
  }

  /** How a stored turn refers to an asset's image: by type and hash. */
  imageRef(id: string): { mimeType: string; sha256: string } {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) throw new AppError('not_found', 'A reference image is no longer in the library.');
    return { mimeType: row.mime, sha256: row.sha256 };
  }

  /** An asset's original bytes and type (for reference images). */
  original(id: string): { data: Buffer; mime: string; sha256: string; width: number; height: number } {
    const row = this.db.prepare('SELECT sha256, mime, width, height FROM assets WHERE id = ?').get(id) as
      | { sha256: string; mime: string; width: number; height: number }
      | undefined;
    if (!row) throw new AppError('not_found', 'A reference image is no longer in the library.');
    return { ...row, data: fs.readFileSync(this.store.originalPath(row.sha256, row.mime)) };
  }
}
