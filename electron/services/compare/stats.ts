/**
 * What votes add up to, as pure functions over plain rows so they are tested on their own and
 * run over 10,000 comparisons in one pass. A vote among N results counts once for every pair
 * that includes both sides: a winner beats each other finished result, a tie or "all bad" counts
 * for every pair of finished results.
 */
import type { PairStats } from '../../../shared/domain';

/** 95 % two-sided: the normal quantile 1.959964. */
const Z95 = 1.959964;

/**
 * Wilson score interval for k successes in n trials. Unlike the normal approximation it stays
 * inside [0, 1] and is honest at the small counts a person's votes come in.
 */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Total cost of a side over its wins; null when it never won (no price for nothing). */
export function costPerWin(totalCost: number, wins: number): number | null {
  return wins > 0 ? totalCost / wins : null;
}

export interface VotedContender {
  label: string;
  /** Only finished results take part in a vote. */
  finished: boolean;
  finalMs: number | null;
  costUsd: number | null;
}

export interface VotedComparison {
  kind: 'winner' | 'tie' | 'all_bad';
  /** Index into `contenders` of the winner. */
  winner: number | null;
  contenders: VotedContender[];
}

interface Acc {
  a: string;
  b: string;
  comparisons: number;
  winsA: number;
  winsB: number;
  ties: number;
  allBad: number;
  msA: number[];
  msB: number[];
  costA: number[];
  costB: number[];
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const usd = (x: number) => `$${x < 0.1 ? x.toFixed(3) : x.toFixed(2)}`;

/** The one sentence a person reads first. */
export function answerLine(s: Omit<PairStats, 'answer'>, blindOnly: boolean): string {
  const decided = s.winsA + s.winsB;
  const votes = blindOnly ? 'blind votes' : 'votes';
  if (decided === 0) {
    if (s.comparisons === 0) return `No votes yet between ${s.a} and ${s.b}.`;
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    return `${s.a} and ${s.b}: no winner yet in ${n(s.comparisons, blindOnly ? 'blind vote' : 'vote', votes)} (${n(s.ties, 'tie', 'ties')}, ${s.allBad} all bad).`;
  }
  // Lead with whichever side wins more, so the sentence reads as a finding.
  const aLeads = s.winsA >= s.winsB;
  const [lead, other] = aLeads ? [s.a, s.b] : [s.b, s.a];
  const rate = aLeads ? s.winRateA! : 1 - s.winRateA!;
  const [lo, hi] = s.intervalA!;
  const plusMinus = Math.round(((hi - lo) / 2) * 100);
  const [costLead, costOther] = aLeads ? [s.medianCostA, s.medianCostB] : [s.medianCostB, s.medianCostA];
  const [cpwLead, cpwOther] = aLeads ? [s.costPerWinA, s.costPerWinB] : [s.costPerWinB, s.costPerWinA];
  let line = `For your prompts, ${lead} wins ${pct(rate)} (±${plusMinus} %) of ${votes} against ${other}`;
  if (costLead !== null && costOther !== null && costOther > 0) line += ` at ${(costLead / costOther).toFixed(1)}× the cost per image`;
  if (cpwLead !== null) line += `: ${usd(cpwLead)} per win${cpwOther !== null ? ` vs ${usd(cpwOther)}` : ` (${other} never won)`}`;
  return `${line}.`;
}

/** Per pair of contender labels: wins, ties, "all bad", win rate with its interval, medians, cost per win. */
export function pairStats(votes: readonly VotedComparison[], blindOnly = false): PairStats[] {
  const pairs = new Map<string, Acc>();
  for (const v of votes) {
    const finished = v.contenders.map((c, i) => ({ c, i })).filter((x) => x.c.finished);
    for (let x = 0; x < finished.length; x++) {
      for (let y = x + 1; y < finished.length; y++) {
        let p = finished[x]!;
        let q = finished[y]!;
        if (p.c.label === q.c.label) continue;
        if (p.c.label > q.c.label) [p, q] = [q, p];
        const key = `${p.c.label}\u0000${q.c.label}`;
        let acc = pairs.get(key);
        if (!acc) {
          acc = { a: p.c.label, b: q.c.label, comparisons: 0, winsA: 0, winsB: 0, ties: 0, allBad: 0, msA: [], msB: [], costA: [], costB: [] };
          pairs.set(key, acc);
        }
        acc.comparisons++;
        if (v.kind === 'tie') acc.ties++;
        else if (v.kind === 'all_bad') acc.allBad++;
        else if (v.winner === p.i) acc.winsA++;
        else if (v.winner === q.i) acc.winsB++;
        // A third result won: neither side of this pair did; it counts as a comparison only.
        if (p.c.finalMs !== null) acc.msA.push(p.c.finalMs);
        if (q.c.finalMs !== null) acc.msB.push(q.c.finalMs);
        if (p.c.costUsd !== null) acc.costA.push(p.c.costUsd);
        if (q.c.costUsd !== null) acc.costB.push(q.c.costUsd);
      }
    }
  }
  const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
  return [...pairs.values()]
    .map((acc) => {
      const decided = acc.winsA + acc.winsB;
      const base = {
        a: acc.a,
        b: acc.b,
        comparisons: acc.comparisons,
        winsA: acc.winsA,
        winsB: acc.winsB,
        ties: acc.ties,
        allBad: acc.allBad,
        winRateA: decided ? acc.winsA / decided : null,
        intervalA: decided ? wilson(acc.winsA, decided) : null,
        medianMsA: median(acc.msA),
        medianMsB: median(acc.msB),
        medianCostA: median(acc.costA),
        medianCostB: median(acc.costB),
        costPerWinA: costPerWin(sum(acc.costA), acc.winsA),
        costPerWinB: costPerWin(sum(acc.costB), acc.winsB),
      };
      return { ...base, answer: answerLine(base, blindOnly) };
    })
    .sort((x, y) => y.comparisons - x.comparisons || x.a.localeCompare(y.a));
}
