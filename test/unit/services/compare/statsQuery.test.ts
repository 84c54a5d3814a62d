/**
 * The Stats numbers read from SQLite (filtered and coded there, added up from narrow rows) must be
 * the ones the plain definition (pairTotals in stats.ts) gives for the same comparisons: a mixed
 * set of 2–4-way comparisons with wins, ties, "all bad", third results winning, failed results,
 * unvoted ones and missing times or costs.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/services/db/db';
import { finishPairs, pairTotals, type PairTotals, type VotedComparison } from '../../../../electron/services/compare/stats';
import { queryPairTotals } from '../../../../electron/services/compare/statsQuery';
import { tempDir } from '../../../support/tmp';

const LABELS = ['Flash 1K', 'Pro 1K', 'Flash 2K', 'Pro 2K', 'Lite 1K'];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A small deterministic generator (mulberry32), so a failure names the same data every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeded {
  created: number;
  blind: boolean;
  vote: VotedComparison & { kind: VotedComparison['kind'] | null };
  finishedAt: Array<number | null>;
}

function seed(db: Db, n: number): Seeded[] {
  const random = rng(42);
  const insertC = db.prepare(
    `INSERT INTO comparisons (id, created_at, prompt, references_json, blind, order_json, state, vote_kind, vote_winner, voted_at) VALUES (?, ?, 'p', '[]', ?, '[]', 'done', ?, ?, ?)`,
  );
  const insertK = db.prepare(
    `INSERT INTO comparison_contenders (comparison_id, idx, contender_json, model_id, config_key, state, finished_at, cost_usd, estimate_usd) VALUES (?, ?, '{}', 'm', ?, ?, ?, ?, 0.1)`,
  );
  const out: Seeded[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `c${i}`;
      const created = 1_700_000_000_000 + i * 60_000;
      const size = 2 + Math.floor(random() * 3);
      // Distinct labels, as compare.start guarantees, drawn in any order.
      const labels = [...LABELS].sort(() => random() - 0.5).slice(0, size);
      const r = random();
      const kind = r < 0.1 ? null : r < 0.25 ? 'tie' : r < 0.35 ? 'all_bad' : 'winner';
      const winner = kind === 'winner' ? Math.floor(random() * size) : null;
      const blind = random() < 0.5;
      insertC.run(id, created, blind ? 1 : 0, kind, winner, kind ? created + 30_000 : null);
      const contenders: VotedComparison['contenders'] = [];
      const finishedAt: Array<number | null> = [];
      labels.forEach((label, idx) => {
        const finished = random() > 0.1;
        const at = random() < 0.05 ? null : created + Math.round(2000 + random() * 20_000);
        const cost = random() < 0.05 ? null : Math.round(random() * 300) / 1000;
        insertK.run(id, idx, label, finished ? 'succeeded' : 'failed', at, cost);
        contenders.push({ label, finished, finalMs: at === null ? null : at - created, costUsd: cost });
        finishedAt.push(at);
      });
      out.push({ created, blind, vote: { kind: kind as VotedComparison['kind'], winner, contenders }, finishedAt });
    }
  })();
  return out;
}

const byPair = (xs: PairTotals[]) => [...xs].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));

function expectSame(sql: PairTotals[], js: PairTotals[]) {
  expect(sql.length).toBe(js.length);
  const [s, j] = [byPair(sql), byPair(js)];
  s.forEach((p, i) => {
    const { totalCostA, totalCostB, medianCostA, medianCostB, ...exact } = j[i]!;
    expect(p).toMatchObject(exact);
    // Sums in another order (SQLite adds with compensation) agree to rounding, not to the last bit.
    expect(p.totalCostA).toBeCloseTo(totalCostA, 9);
    expect(p.totalCostB).toBeCloseTo(totalCostB, 9);
    for (const [x, y] of [
      [p.medianCostA, medianCostA],
      [p.medianCostB, medianCostB],
    ] as const) {
      if (y === null) expect(x).toBeNull();
      else expect(x).toBeCloseTo(y, 12);
    }
  });
}

describe('Stats read from SQLite', () => {
  it('gives the plain definition\'s counts, medians and totals per pair, with each filter', () => {
    const db = openDatabase(path.join(tempDir(), 'stats.db'));
    open.push(db);
    const seeded = seed(db, 600);
    const voted = seeded.filter((s) => s.vote.kind !== null);

    const all = queryPairTotals(db, { blindOnly: false });
    expect(all.voted).toBe(voted.length);
    expect(all.totals.length).toBe(10); // every pair of the five labels met at least once
    expectSame(all.totals, pairTotals(voted.map((s) => s.vote)));

    const blind = queryPairTotals(db, { blindOnly: true });
    expect(blind.voted).toBe(voted.filter((s) => s.blind).length);
    expectSame(blind.totals, pairTotals(voted.filter((s) => s.blind).map((s) => s.vote)));

    const from = seeded[200]!.created;
    const to = seeded[400]!.created;
    const window = queryPairTotals(db, { from, to, blindOnly: false });
    const inWindow = voted.filter((s) => s.created >= from && s.created < to);
    expect(window.voted).toBe(inWindow.length);
    expectSame(window.totals, pairTotals(inWindow.map((s) => s.vote)));

    // Nothing kept: no pairs, and no division by zero on the way to the answer line.
    const none = queryPairTotals(db, { from: Date.now() + 1e9, blindOnly: false });
    expect(none).toEqual({ voted: 0, totals: [] });
    expect(finishPairs(none.totals)).toEqual([]);
  });

  it('finishes into the same pair statistics the view shows', () => {
    const db = openDatabase(path.join(tempDir(), 'stats.db'));
    open.push(db);
    const voted = seed(db, 120).filter((s) => s.vote.kind !== null);
    const fromSql = finishPairs(queryPairTotals(db, { blindOnly: false }).totals);
    const fromJs = finishPairs(pairTotals(voted.map((s) => s.vote)));
    expect(fromSql.map((p) => [p.a, p.b, p.winsA, p.winsB, p.winRateA, p.intervalA, p.answer])).toEqual(fromJs.map((p) => [p.a, p.b, p.winsA, p.winsB, p.winRateA, p.intervalA, p.answer]));
    fromSql.forEach((p, i) => {
      if (fromJs[i]!.costPerWinA === null) expect(p.costPerWinA).toBeNull();
      else expect(p.costPerWinA).toBeCloseTo(fromJs[i]!.costPerWinA!, 9);
    });
  });
});
