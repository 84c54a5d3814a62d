import type { AssetSummary, LibraryQuery } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/models';
import type { Db } from './db';

/** What the grid shows for an asset; the same columns everywhere a summary is read. */
export const SUMMARY_COLUMNS = `a.id, a.width, a.height, a.mime, a.created_at, a.tier, a.rating, a.favorite,
  COALESCE((SELECT g.prompt FROM generations g WHERE g.id = a.generation_id), a.name) AS prompt`;

export interface SummaryRow {
  id: string;
  width: number;
  height: number;
  mime: string;
  created_at: number;
  tier: ModelTier | null;
  rating: number;
  favorite: number;
  prompt: string | null;
}

export function toSummary(r: SummaryRow): AssetSummary {
  return { id: r.id, width: r.width, height: r.height, mime: r.mime, createdAt: r.created_at, prompt: r.prompt, tier: r.tier, rating: r.rating, favorite: r.favorite === 1 };
}

/**
 * Turns what a person types into an FTS5 query: every word must match, each as a prefix
 * ("ligh" finds "lighthouse"), quoted so operators and punctuation in the text mean nothing.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 16);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}

type ParsedQuery = Required<Pick<LibraryQuery, 'text' | 'trashed' | 'sort' | 'offset' | 'limit'>> & LibraryQuery;

const ORDER: Record<NonNullable<LibraryQuery['sort']>, string> = {
  newest: 'a.created_at DESC, a.id DESC',
  oldest: 'a.created_at ASC, a.id ASC',
  rating: 'a.rating DESC, a.created_at DESC, a.id DESC',
  name: 'a.name COLLATE NOCASE ASC, a.created_at DESC',
};

/**
 * The library's search: an FTS5 index over prompts, returned text, tags, collection names and
 * file names (rowid = the asset's rowid), and filters on columns copied onto `assets`.
 */
export class LibraryIndex {
  constructor(private readonly db: Db) {}

  /** Rewrites the index rows of these assets from their current prompt, text, tags, collections and name. */
  reindex(ids: readonly string[]): void {
    const read = this.db.prepare(
      `SELECT a.rowid AS rid,
              COALESCE(g.prompt, '') AS prompt, COALESCE(g.response_text, '') AS text,
              COALESCE((SELECT group_concat(t.tag, ' ') FROM asset_tags t WHERE t.asset_id = a.id), '') AS tags,
              COALESCE((SELECT group_concat(c.name, ' ') FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE ca.asset_id = a.id), '') AS collections,
              COALESCE(a.name, '') AS name
       FROM assets a LEFT JOIN generations g ON g.id = a.generation_id WHERE a.id = ?`,
    );
    const remove = this.db.prepare('DELETE FROM asset_fts WHERE rowid = ?');
    const insert = this.db.prepare('INSERT INTO asset_fts (rowid, prompt, text, tags, collections, name) VALUES (?, ?, ?, ?, ?, ?)');
    for (const id of ids) {
      const r = read.get(id) as { rid: number; prompt: string; text: string; tags: string; collections: string; name: string } | undefined;
      if (!r) continue;
      remove.run(r.rid);
      insert.run(r.rid, r.prompt, r.text, r.tags, r.collections, r.name);
    }
  }

  /** Removes index rows (call before deleting the assets). */
  drop(ids: readonly string[]): void {
    const remove = this.db.prepare('DELETE FROM asset_fts WHERE rowid = (SELECT rowid FROM assets WHERE id = ?)');
    for (const id of ids) remove.run(id);
  }

  search(q: ParsedQuery): { assets: AssetSummary[]; total: number } {
    const where: string[] = [q.trashed ? 'a.trashed_at IS NOT NULL' : 'a.trashed_at IS NULL'];
    const args: unknown[] = [];
    const cond = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      args.push(...values);
    };
    const inList = (column: string, values: readonly unknown[] | undefined) => {
      if (values?.length) cond(`${column} IN (${values.map(() => '?').join(',')})`, ...values);
    };
    const match = ftsQuery(q.text);
    if (match) cond('a.rowid IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH ?)', match);
    inList('a.tier', q.tiers);
    inList('a.model_id', q.modelIds);
    inList('a.aspect_ratio', q.aspectRatios);
    inList('a.image_size', q.imageSizes);
    inList('a.source', q.sources);
    if (q.from !== undefined) cond('a.created_at >= ?', q.from);
    if (q.to !== undefined) cond('a.created_at < ?', q.to);
    if (q.minRating) cond('a.rating >= ?', q.minRating);
    if (q.favorites) cond('a.favorite = 1');
    if (q.hasGrounding !== undefined) cond('a.has_grounding = ?', q.hasGrounding ? 1 : 0);
    if (q.collectionId) cond('a.id IN (SELECT asset_id FROM collection_assets WHERE collection_id = ?)', q.collectionId);
    const filter = where.join(' AND ');
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE ${filter} ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset) as SummaryRow[];
    const total = this.db.prepare(`SELECT count(*) FROM assets a WHERE ${filter}`).pluck().get(...args) as number;
    return { assets: rows.map(toSummary), total };
  }
}
