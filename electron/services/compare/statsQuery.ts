/**
 * The Stats view's rows, read narrow and added up in one pass. SQLite filters and hands over one
 * small row per finished result (integers and the label: no ids, no strings it can code), each
 * comparison's together; PairTally makes the pairs, counts, totals and medians. Measured against
 * doing it all in SQL (pairs by self-join, medians by window functions): at 10,000 comparisons
 * that took over twice the CPU, most of it sorting text-keyed pair rows. The tests hold this to
 * `pairTotals`, the same definition over plain objects.
 */
import type { StatsQuery } from '../../../shared/domain';
import type { Db } from '../db/db';
import { ALL_BAD, PairTally, TIE, type FinishedResult, type PairTotals } from './stats';

/** The filters as SQL over `comparisons c`, with their arguments. */
function filters(q: StatsQuery): { where: string; args: Array<string | number> } {
  const where = ['c.vote_kind IS NOT NULL'];
  const args: Array<string | number> = [];
  if (q.from !== undefined) {
    where.push('c.created_at >= ?');
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('c.created_at < ?');
    args.push(q.to);
  }
  if (q.blindOnly) where.push('c.blind = 1');
  if (q.tag) {
    where.push('EXISTS (SELECT 1 FROM comparison_contenders t JOIN asset_tags g ON g.asset_id = t.asset_id WHERE t.comparison_id = c.id AND g.tag = ?)');
    args.push(q.tag);
  }
  if (q.collectionId) {
    where.push('EXISTS (SELECT 1 FROM comparison_contenders t JOIN collection_assets ca ON ca.asset_id = t.asset_id WHERE t.comparison_id = c.id AND ca.collection_id = ?)');
    args.push(q.collectionId);
  }
  return { where: where.join(' AND '), args };
}

function resultsSql(where: string): string {
  // LEFT JOIN keeps a voted comparison with no finished result (it counts as voted, pairs nothing)
  // and keeps comparisons outside, so each one's results arrive together (primary-key order).
  return `
    SELECT c.rowid, CASE c.vote_kind WHEN 'winner' THEN c.vote_winner WHEN 'tie' THEN ${TIE} ELSE ${ALL_BAD} END,
           k.idx, k.config_key, k.finished_at - c.created_at, k.cost_usd
    FROM comparisons c LEFT JOIN comparison_contenders k ON k.comparison_id = c.id AND k.state = 'succeeded'
    WHERE ${where}`;
}

/** Prepared once per database and filter combination (at most 32 of those). */
const prepared = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();
function statement(db: Db, sql: string): ReturnType<Db['prepare']> {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

type Row = [comparison: number, vote: number, idx: number | null, label: string | null, ms: number | null, cost: number | null];

/** How many voted comparisons the filters keep, and their totals per pair of contender labels. */
export function queryPairTotals(db: Db, q: StatsQuery): { voted: number; totals: PairTotals[] } {
  const { where, args } = filters(q);
  const rows = statement(db, resultsSql(where)).raw().all(...args) as Row[];
  const tally = new PairTally();
  let voted = 0;
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]![0] === rows[start]![0]) continue;
    voted++;
    const finished: FinishedResult[] = [];
    for (let j = start; j < i; j++) {
      const r = rows[j]!;
      if (r[2] !== null) finished.push([r[2], r[3]!, r[4], r[5]]);
    }
    tally.add(rows[start]![1], finished);
    start = i;
  }
  return { voted, totals: tally.totals() };
}
