import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetDetail, AssetSummary, GenerationDetail, GenerationParams, LibraryQuery, LineageNode } from '../../../shared/ipc/contract';
import { LibraryQuerySchema } from '../../../shared/ipc/contract';
import { nearestAspectRatio, type ModelTier, type Usage } from '../../../shared/models';
import { AppError } from '../errors';
import type { Grounding } from '../gemini/response';
import type { WireContent } from '../gemini/wire';
import { tx, type Db } from './db';
import { LibraryIndex, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './LibraryIndex';
import { readEmbedded, type EmbeddedGeneration } from './metadata';
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
  /** The assets this result was made from (reference images, the previous chat turn). */
  parentAssetIds?: readonly string[];
}

/** A file-name-like title from a prompt: what export names files and "sort by name" sorts by. */
export function slugOf(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'image';
}

/** Images up to this size import; Gemini itself takes at most 100 MB per request. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

interface AssetRow extends SummaryRow {
  sha256: string;
  bytes: number;
  source: 'generated' | 'edited' | 'imported';
  name: string | null;
  generation_id: string | null;
  trashed_at: number | null;
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

const ASSET_SELECT = `SELECT ${SUMMARY_COLUMNS}, a.sha256, a.bytes, a.source, a.name, a.generation_id, a.trashed_at FROM assets a`;

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The local library: rows in SQLite, bytes in the ContentStore. Files are always written
 * before the rows that reference them, and the rows of one result land in one transaction.
 */
export class Library {
  readonly index: LibraryIndex;

  constructor(
    readonly db: Db,
    readonly store: ContentStore,
    private readonly now: () => number = Date.now,
  ) {
    this.index = new LibraryIndex(db);
  }

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
        `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at,
           name, tier, model_id, aspect_ratio, image_size, has_grounding)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const parent = this.db.prepare('INSERT OR IGNORE INTO asset_parents (asset_id, parent_id) SELECT ?, id FROM assets WHERE id = ?');
      const source = gen.params.references.length || gen.parentAssetIds?.length ? 'edited' : 'generated';
      const assets = images.map((img, i) => {
        const id = crypto.randomUUID();
        // Several images of one response share a timestamp; the offset keeps their order stable.
        insert.run(
          id, img.sha256, img.mime, img.width, img.height, img.bytes, source, generationId, createdAt + i,
          slugOf(gen.prompt), gen.tier, gen.modelId, gen.params.aspectRatio ?? nearestAspectRatio(img.width, img.height),
          gen.params.imageSize, gen.grounding ? 1 : 0,
        );
        for (const p of gen.parentAssetIds ?? []) parent.run(id, p);
        return { id, width: img.width, height: img.height, mime: img.mime, createdAt: createdAt + i, prompt: gen.prompt, tier: gen.tier, rating: 0, favorite: false };
      });
      this.index.reindex(assets.map((a) => a.id));
      return { generationId, assets };
    });
  }

  /**
   * Imports one image file. Returns the existing asset when the same bytes are already in the
   * library. Throws AppError('bad_file') with a reason a person understands.
   */
  async importImage(
    name: string,
    read: () => Promise<Buffer>,
    size: number,
    { thumbnail = true }: { thumbnail?: boolean } = {},
  ): Promise<AssetSummary & { duplicate: boolean }> {
    if (size > MAX_IMPORT_BYTES) {
      throw new AppError('bad_file', `${(size / 1024 / 1024).toFixed(0)} MB is too large; Atelier imports images up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    if (size === 0) throw new AppError('bad_file', 'The file is empty.');
    const data = await read();
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const existing = this.db.prepare(`${ASSET_SELECT} WHERE a.sha256 = ? ORDER BY a.created_at LIMIT 1`).get(sha256) as AssetRow | undefined;
    if (existing) return { ...toSummary(existing), duplicate: true };
    let stored: StoredImage;
    try {
      stored = await this.store.put(data, { thumbnail });
    } catch (err) {
      if (err instanceof CorruptImageError) throw new AppError('bad_file', err.message);
      throw err;
    }
    const id = crypto.randomUUID();
    const createdAt = this.now();
    // A file Atelier exported carries how it was made: bring the prompt and parameters back.
    const meta = readEmbedded(data);
    let duplicateOf: AssetRow | undefined;
    try {
      tx(this.db, () => {
        // Checked again here: imports run in parallel, and the same bytes may arrive twice at once.
        duplicateOf = this.db.prepare(`${ASSET_SELECT} WHERE a.sha256 = ? ORDER BY a.created_at LIMIT 1`).get(sha256) as AssetRow | undefined;
        if (duplicateOf) return;
        let generationId: string | null = null;
        if (meta) {
          generationId = crypto.randomUUID();
          this.db
            .prepare(
              `INSERT INTO generations (id, prompt, tier, model_id, params_json, response_text, duration_ms, created_at)
               VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
            )
            .run(generationId, meta.prompt, meta.tier, meta.modelId, JSON.stringify(meta.params), meta.text, meta.createdAt);
        }
        this.db
          .prepare(
            `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, name, created_at, aspect_ratio, generation_id, tier, model_id, image_size)
             VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id, stored.sha256, stored.mime, stored.width, stored.height, stored.bytes, path.basename(name).slice(0, 255), createdAt,
            meta?.params.aspectRatio ?? nearestAspectRatio(stored.width, stored.height), generationId, meta?.tier ?? null, meta?.modelId ?? null,
            meta?.params.imageSize ?? null,
          );
        this.index.reindex([id]);
      });
    } catch (err) {
      this.discard([stored]);
      throw err;
    }
    if (duplicateOf) return { ...toSummary(duplicateOf), duplicate: true };
    return { id, width: stored.width, height: stored.height, mime: stored.mime, createdAt, prompt: meta?.prompt ?? name, tier: meta?.tier ?? null, rating: 0, favorite: false, duplicate: false };
  }

  /** A page of the library for a search and filters. */
  search(query: LibraryQuery): { assets: AssetSummary[]; total: number; capped: boolean } {
    return this.index.search(LibraryQuerySchema.parse(query));
  }

  get(id: string): AssetDetail {
    const row = this.db.prepare(`${ASSET_SELECT} WHERE a.id = ?`).get(id) as AssetRow | undefined;
    if (!row) throw new AppError('not_found', 'That image is no longer in the library.');
    return {
      ...toSummary(row),
      bytes: row.bytes,
      sha256: row.sha256,
      source: row.source,
      name: row.name,
      tags: this.db.prepare('SELECT tag FROM asset_tags WHERE asset_id = ? ORDER BY tag COLLATE NOCASE').pluck().all(id) as string[],
      collections: this.db
        .prepare('SELECT c.id, c.name FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE ca.asset_id = ? ORDER BY c.name COLLATE NOCASE')
        .all(id) as Array<{ id: string; name: string }>,
      trashedAt: row.trashed_at,
      lineage: this.lineage(id),
      generation: row.generation_id ? this.generation(row.generation_id) : null,
    };
  }

  /** Every version connected to this one through edits and chat turns, oldest first (at most 200). */
  lineage(id: string): LineageNode[] {
    const parentsOf = this.db.prepare('SELECT parent_id FROM asset_parents WHERE asset_id = ?').pluck();
    const childrenOf = this.db.prepare('SELECT asset_id FROM asset_parents WHERE parent_id = ?').pluck();
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length && seen.size < 200) {
      const next = queue.shift()!;
      for (const other of [...(parentsOf.all(next) as string[]), ...(childrenOf.all(next) as string[])]) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    if (seen.size === 1) return [];
    const node = this.db.prepare(`SELECT a.id, a.created_at, a.trashed_at, COALESCE(g.prompt, a.name) AS prompt FROM assets a LEFT JOIN generations g ON g.id = a.generation_id WHERE a.id = ?`);
    return [...seen]
      .map((nid) => {
        const r = node.get(nid) as { id: string; created_at: number; trashed_at: number | null; prompt: string | null };
        return { id: r.id, prompt: r.prompt, createdAt: r.created_at, trashed: r.trashed_at !== null, parentIds: parentsOf.all(nid) as string[] };
      })
      .sort((x, y) => x.createdAt - y.createdAt);
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
        ? { sources: grounding.sources, queries: grounding.queries, imageQueries: grounding.imageQueries ?? [], entryPointUrl: grounding.entryPointHtml ? `/grounding/${g.id}` : null }
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

  /** The thumbnail's path, made now if a huge import left it for later. */
  async thumbnailOf(id: string): Promise<{ path: string; mime: string } | null> {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) return null;
    return { path: await this.store.ensureThumb(row.sha256, row.mime), mime: 'image/webp' };
  }

  /** Where the bytes of an asset are, for the app:// handler. Null for an unknown id. */
  fileOf(id: string, variant: 'original' | 'thumb'): { path: string; mime: string } | null {
    const row = this.db.prepare('SELECT sha256, mime FROM assets WHERE id = ?').get(id) as { sha256: string; mime: string } | undefined;
    if (!row) return null;
    return variant === 'thumb'
      ? { path: this.store.thumbPath(row.sha256), mime: 'image/webp' }
      : { path: this.store.originalPath(row.sha256, row.mime), mime: row.mime };
  }

  /** What travels inside an exported file: how it was made (null for an imported photo). */
  embeddedOf(id: string): EmbeddedGeneration | null {
    const g = this.get(id).generation;
    return g
      ? { app: 'Atelier', version: 1, prompt: g.prompt, modelId: g.modelId, tier: g.tier, params: g.params, text: g.text, createdAt: g.createdAt }
      : null;
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
