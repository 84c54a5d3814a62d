import crypto from 'node:crypto';
import type { AssetSummary, GenerationDetail, GenerationParams, LineageNode } from '../../../shared/domain';
import { nearestAspectRatio, type ModelTier } from '../../../shared/domain/vocabulary';
import type { Usage } from '../../../shared/models/pricing';
import type { TierOption } from '../../../shared/domain/serviceTiers';
import { AppError } from '../errors';
import type { Grounding } from '../gemini/response';
import type { WireContent } from '../gemini/wire';
import { costUsd as saneCost, tokenCount } from '../usage/sane';
import { cached, tx, type Db } from '../db/db';
import type { LibraryIndex } from './LibraryIndex';
import type { EmbeddedGeneration } from './metadata';
import type { StoredImage } from './ContentStore';

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
  /** The tier that served it ('batch' for Batch API results); absent = Standard as far as anyone said. */
  serviceTier?: TierOption | null;
  /** What the same answer costs at Standard: Usage's "saved" is the difference. */
  listCostUsd?: number | null;
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


/** Generation records: what was asked, how it was answered, and the assets it made. */
export class GenerationRecords {
  constructor(
    private readonly db: Db,
    private readonly index: LibraryIndex,
    private readonly now: () => number,
  ) {}

  /** Inserts a generation and its assets. Synchronous, so callers can wrap it in their own `tx`. */
  insert(gen: NewGeneration, images: readonly StoredImage[]): { generationId: string; assets: AssetSummary[] } {
    const createdAt = this.now();
    const generationId = crypto.randomUUID();
    return tx(this.db, () => {
      cached(
        this.db,
        `INSERT INTO generations (id, job_id, prompt, tier, model_id, params_json, response_text, finish_reason,
             prompt_tokens, output_tokens, thought_tokens, image_tokens, cost_usd, duration_ms, created_at,
             content_json, grounding_json, conversation_id, turn_index, service_tier, list_cost_usd)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
          generationId, gen.jobId, gen.prompt, gen.tier, gen.modelId, JSON.stringify(gen.params), gen.responseText,
          gen.finishReason, gen.usage.promptTokens, gen.usage.outputTokens, gen.usage.thoughtTokens, gen.usage.imageTokens,
          gen.costUsd, Math.round(gen.durationMs), createdAt, gen.content ? JSON.stringify(gen.content) : null,
          gen.grounding ? JSON.stringify(gen.grounding) : null, gen.conversationId ?? null, gen.turnIndex ?? null,
          gen.serviceTier ?? null, gen.listCostUsd ?? null,
        );
      const insert = cached(
        this.db,
        `INSERT INTO assets (id, sha256, mime, width, height, bytes, source, generation_id, created_at,
           name, tier, model_id, aspect_ratio, image_size, has_grounding)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const parent = cached(this.db, 'INSERT OR IGNORE INTO asset_parents (asset_id, parent_id) SELECT ?, id FROM assets WHERE id = ?');
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

  detail(id: string): GenerationDetail {
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
      // Through usage/sane: a bad stored number must not make this asset unreadable.
      usage: { promptTokens: tokenCount(g.prompt_tokens), outputTokens: tokenCount(g.output_tokens), thoughtTokens: tokenCount(g.thought_tokens), imageTokens: tokenCount(g.image_tokens) },
      costUsd: saneCost(g.cost_usd) ?? 0,
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

  /** What travels inside an exported file: how it was made. */
  embeddedOf(generationId: string): EmbeddedGeneration {
    const g = this.detail(generationId);
    return { app: 'Atelier', version: 1, prompt: g.prompt, modelId: g.modelId, tier: g.tier, params: g.params, text: g.text, createdAt: g.createdAt };
  }
}
