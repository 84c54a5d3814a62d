import type { AssetSummary, LibraryQuery } from '../../../shared/ipc/contract';
import type { ModelTier } from '../../../shared/domain/vocabulary';
import { cached, type Db } from '../db/db';

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

/** Past this many matches a filtered search stops counting ("10,000+"). */
export const COUNT_CAP = 10_000;

/**
 * Every order ends on the rowid, so it is total and ties mean something: two assets stored in the
 * same millisecond (a generation and an import, a set's images) sort by when they entered the
 * library — "newest" puts the one added last first, as the text search does (it walks rowids).
 * The id would be total too, but it is random, so ties came out in a different order per library.
 * The indexes end on created_at; SQLite sorts only each run of equal times by rowid.
 */
const ORDER: Record<NonNullable<LibraryQuery['sort']>, string> = {
  newest: 'a.created_at DESC, a.rowid DESC',
  oldest: 'a.created_at ASC, a.rowid ASC',
  rating: 'a.rating DESC, a.created_at DESC, a.rowid DESC',
  name: 'a.name COLLATE NOCASE ASC, a.created_at DESC, a.rowid DESC',
};

/**
 * The library's search: an FTS5 index over prompts, returned text, tags, collection names and
 * file names (rowid = the asset's rowid), and filters on columns copied onto `assets`.
 *
 * Only assets outside the trash are indexed, so a text-only count is the index's own count.
 * Assets get their rowid when they enter the library, the moment `created_at` records, so
 * "newest first" walks the index backwards and stops after one page instead of sorting every match.
 */
export class LibraryIndex {
  constructor(private readonly db: Db) {}

  /** Rewrites the index rows of these assets from their current prompt, text, tags, collections and name. */
  reindex(ids: readonly string[]): void {
    const read = cached(
      this.db,
      `SELECT a.rowid AS rid,
              COALESCE(g.prompt, '') AS prompt, COALESCE(g.response_text, '') AS text,
              COALESCE((SELECT group_concat(t.tag, ' ') FROM asset_tags t WHERE t.asset_id = a.id), '') AS tags,
              COALESCE((SELECT group_concat(c.name, ' ') FROM collection_assets ca JOIN collections c ON c.id = ca.collection_id WHERE ca.asset_id = a.id), '') AS collections,
              COALESCE(a.name, '') AS name
       FROM assets a LEFT JOIN generations g ON g.id = a.generation_id WHERE a.id = ? AND a.trashed_at IS NULL`,
    );
    const remove = cached(this.db, 'DELETE FROM asset_fts WHERE rowid = ?');
    const insert = cached(this.db, 'INSERT INTO asset_fts (rowid, prompt, text, tags, collections, name) VALUES (?, ?, ?, ?, ?, ?)');
    const rowid = cached(this.db, 'SELECT rowid AS rid FROM assets WHERE id = ?');
    for (const id of ids) {
      const rid = (rowid.get(id) as { rid: number } | undefined)?.rid;
      if (rid === undefined) continue;
      remove.run(rid);
      const r = read.get(id) as { rid: number; prompt: string; text: string; tags: string; collections: string; name: string } | undefined;
      if (!r) continue;
      insert.run(r.rid, r.prompt, r.text, r.tags, r.collections, r.name);
    }
  }

  /** Removes index rows (call before deleting the assets). */
  drop(ids: readonly string[]): void {
    const remove = this.db.prepare('DELETE FROM asset_fts WHERE rowid = (SELECT rowid FROM assets WHERE id = ?)');
    for (const id of ids) remove.run(id);
  }

  search(q: ParsedQuery): { assets: AssetSummary[]; total: number; capped: boolean } {
    const where: string[] = [];
    const args: unknown[] = [];
    const cond = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      args.push(...values);
    };
    const inList = (column: string, values: readonly unknown[] | undefined) => {
      if (values?.length) cond(`${column} IN (${values.map(() => '?').join(',')})`, ...values);
    };
    inList('a.tier', q.tiers);
    inList('a.model_id', q.modelIds);
    inList('a.aspect_ratio', q.aspectRatios);
    inList('a.image_size', q.imageSizes);
    if (q.sources?.length) {
      // The stored sources are a column; "compared" is membership of a comparison. Either matches.
      const stored = q.sources.filter((s) => s !== 'compared');
      const parts = [
        ...(stored.length ? [`a.source IN (${stored.map(() => '?').join(',')})`] : []),
        ...(q.sources.includes('compared') ? ['a.id IN (SELECT asset_id FROM comparison_contenders WHERE asset_id IS NOT NULL)'] : []),
      ];
      cond(`(${parts.join(' OR ')})`, ...stored);
    }
    if (q.serviceTiers?.length) {
      // A generation from before service tiers has none recorded: it was served at Standard.
      const tiers = q.serviceTiers;
      const orNull = tiers.includes('standard') ? ' OR service_tier IS NULL' : '';
      cond(`a.generation_id IN (SELECT id FROM generations WHERE service_tier IN (${tiers.map(() => '?').join(',')})${orNull})`, ...tiers);
    }
    if (q.from !== undefined) cond('a.created_at >= ?', q.from);
    if (q.to !== undefined) cond('a.created_at < ?', q.to);
    if (q.minRating) cond('a.rating >= ?', q.minRating);
    if (q.favorites) cond('a.favorite = 1');
    if (q.hasGrounding !== undefined) cond('a.has_grounding = ?', q.hasGrounding ? 1 : 0);
    if (q.credentials === 'has') cond("a.sha256 IN (SELECT sha256 FROM content_credentials WHERE state <> 'none')");
    if (q.credentials === 'ai') cond("a.sha256 IN (SELECT sha256 FROM content_credentials WHERE state <> 'none' AND ai_generated = 1)");
    if (q.collectionId) cond('a.id IN (SELECT asset_id FROM collection_assets WHERE collection_id = ?)', q.collectionId);
    if (q.elementId) cond('a.generation_id IN (SELECT generation_id FROM generation_elements WHERE element_id = ?)', q.elementId);
    const filters = where.length ? ` AND ${where.join(' AND ')}` : '';
    const match = ftsQuery(q.text);

    if (match && !q.trashed) return this.textSearch(q, match, filters, args);

    const live = q.trashed ? 'a.trashed_at IS NOT NULL' : 'a.trashed_at IS NULL';
    const text: unknown[] = [];
    let textFilter = '';
    if (match) {
      // The trash is not indexed; it is small, so words are matched directly.
      const words = q.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      textFilter = words.map(() => " AND (COALESCE(a.name, '') || ' ' || COALESCE((SELECT g.prompt FROM generations g WHERE g.id = a.generation_id), '')) LIKE ?").join('');
      text.push(...words.map((w) => `%${w}%`));
    }
    const filter = `${live}${filters}${textFilter}`;
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE ${filter} ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?`)
      .all(...args, ...text, q.limit, q.offset) as SummaryRow[];
    if (!filters && !textFilter) {
      const total = this.db.prepare(`SELECT count(*) FROM assets a WHERE ${live}`).pluck().get() as number;
      return { assets: rows.map(toSummary), total, capped: false };
    }
    const total = this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM assets a WHERE ${filter} LIMIT ${COUNT_CAP + 1})`).pluck().get(...args, ...text) as number;
    return { assets: rows.map(toSummary), total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
  }

  private textSearch(q: ParsedQuery, match: string, filters: string, args: unknown[]): { assets: AssetSummary[]; total: number; capped: boolean } {
    const byAge = q.sort === 'newest' || q.sort === 'oldest';
    const rows = (
      byAge
        ? this.db
            .prepare(
              `SELECT ${SUMMARY_COLUMNS} FROM asset_fts f JOIN assets a ON a.rowid = f.rowid
               WHERE asset_fts MATCH ?${filters} ORDER BY f.rowid ${q.sort === 'newest' ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
            )
            .all(match, ...args, q.limit, q.offset)
        : this.db
            .prepare(
              `SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE a.rowid IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH ?)${filters}
               ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?`,
            )
            .all(match, ...args, q.limit, q.offset)
    ) as SummaryRow[];
    if (!filters) {
      const total = this.db.prepare('SELECT count(*) FROM asset_fts WHERE asset_fts MATCH ?').pluck().get(match) as number;
      return { assets: rows.map(toSummary), total, capped: false };
    }
    const total = this.db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM asset_fts f JOIN assets a ON a.rowid = f.rowid WHERE asset_fts MATCH ?${filters} LIMIT ${COUNT_CAP + 1})`)
      .pluck()
      .get(match, ...args) as number;
    return { assets: rows.map(toSummary), total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
  }
}
