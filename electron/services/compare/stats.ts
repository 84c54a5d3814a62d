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
  const decidedLine = `${aLeads ? s.winsA : s.winsB} of ${decided} decided`;
  const [loA, hiA] = s.intervalA!;
  // The interval alone, as a range and never "±": it is lopsided near 0 and 100 % (one win of
  // one is 21–100 %), and a bare "100 %" from one vote claims more than it says.
  const [lo, hi] = aLeads ? [loA, hiA] : [1 - hiA, 1 - loA];
  const [costLead, costOther] = aLeads ? [s.medianCostA, s.medianCostB] : [s.medianCostB, s.medianCostA];
  const [cpwLead, cpwOther] = aLeads ? [s.costPerWinA, s.costPerWinB] : [s.costPerWinB, s.costPerWinA];
  let line = `For your prompts, ${lead} wins ${Math.round(lo * 100)}–${pct(hi)} of ${votes} against ${other} (${decidedLine})`;
  if (costLead !== null && costOther !== null && costOther > 0) line += ` at ${(costLead / costOther).toFixed(1)}× the cost per image`;
  if (cpwLead !== null) line += `: ${usd(cpwLead)} per win${cpwOther !== null ? ` vs ${usd(cpwOther)}` : ` (${other} never won)`}`;
  return `${line}.`;
}

/** What a pair's votes add up to before the interval, the ratios and the sentence. */
export interface PairTotals {
  a: string;
  b: string;
  comparisons: number;
  winsA: number;
  winsB: number;
  ties: number;
  allBad: number;
  medianMsA: number | null;
  medianMsB: number | null;
  medianCostA: number | null;
  medianCostB: number | null;
  /** Everything spent on that side of the pair (its costed runs). */
  totalCostA: number;
  totalCostB: number;
}

/** A comparison's vote as one number: the winner's contender index, or one of these. */
export const TIE = -1;
export const ALL_BAD = -2;

/** One finished result of a comparison: contender index, label, time to final image, cost. */
export type FinishedResult = readonly [idx: number, label: string, ms: number | null, cost: number | null];

interface Acc {
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

const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);

/** Adds votes up pair by pair, one comparison at a time; labels become small numbers once. */
export class PairTally {
  private readonly labelIds = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly pairs = new Map<number, Acc>();

  private idOf(label: string): number {
    let id = this.labelIds.get(label);
    if (id === undefined) {
      this.labelIds.set(label, (id = this.labels.length));
      this.labels.push(label);
    }
    return id;
  }

  /** `finished`: only the results that finished take part in a vote. */
  add(vote: number, finished: readonly FinishedResult[]): void {
    for (let x = 0; x < finished.length; x++) {
      for (let y = x + 1; y < finished.length; y++) {
        let p = finished[x]!;
        let q = finished[y]!;
        if (p[1] === q[1]) continue;
        if (p[1] > q[1]) [p, q] = [q, p];
        const key = this.idOf(p[1]) * 65_536 + this.idOf(q[1]);
        let acc = this.pairs.get(key);
        if (!acc) this.pairs.set(key, (acc = { comparisons: 0, winsA: 0, winsB: 0, ties: 0, allBad: 0, msA: [], msB: [], costA: [], costB: [] }));
        acc.comparisons++;
        if (vote === TIE) acc.ties++;
        else if (vote === ALL_BAD) acc.allBad++;
        else if (vote === p[0]) acc.winsA++;
        else if (vote === q[0]) acc.winsB++;
        // A third result won: neither side of this pair did; it counts as a comparison only.
        if (p[2] !== null) acc.msA.push(p[2]);
        if (q[2] !== null) acc.msB.push(q[2]);
        if (p[3] !== null) acc.costA.push(p[3]);
        if (q[3] !== null) acc.costB.push(q[3]);
      }
    }
  }

  totals(): PairTotals[] {
    return [...this.pairs].map(([key, acc]) => ({
      a: this.labels[Math.floor(key / 65_536)]!,
      b: this.labels[key % 65_536]!,
      comparisons: acc.comparisons,
      winsA: acc.winsA,
      winsB: acc.winsB,
      ties: acc.ties,
      allBad: acc.allBad,
      medianMsA: median(acc.msA),
      medianMsB: median(acc.msB),
      medianCostA: median(acc.costA),
      medianCostB: median(acc.costB),
      totalCostA: sum(acc.costA),
      totalCostB: sum(acc.costB),
    }));
  }
}

/** Wins, ties and "all bad" per pair of contender labels, with medians and totals. */
export function pairTotals(votes: readonly VotedComparison[]): PairTotals[] {
  const tally = new PairTally();
  for (const v of votes) {
    const vote = v.kind === 'tie' ? TIE : v.kind === 'all_bad' ? ALL_BAD : v.winner!;
    tally.add(
      vote,
      v.contenders.flatMap((c, i) => (c.finished ? [[i, c.label, c.finalMs, c.costUsd] as const] : [])),
    );
  }
  return tally.totals();
}

/** The win rate with its interval, cost per win and the answer line, most compared pairs first. */
export function finishPairs(totals: readonly PairTotals[], blindOnly = false): PairStats[] {
  return totals
    .map(({ totalCostA, totalCostB, ...t }) => {
      const decided = t.winsA + t.winsB;
      const base = {
        ...t,
        winRateA: decided ? t.winsA / decided : null,
        intervalA: decided ? wilson(t.winsA, decided) : null,
        costPerWinA: costPerWin(totalCostA, t.winsA),
        costPerWinB: costPerWin(totalCostB, t.winsB),
      };
      return { ...base, answer: answerLine(base, blindOnly) };
    })
    .sort((x, y) => y.comparisons - x.comparisons || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

/** Per pair of contender labels: wins, ties, "all bad", win rate with its interval, medians, cost per win. */
export function pairStats(votes: readonly VotedComparison[], blindOnly = false): PairStats[] {
  return finishPairs(pairTotals(votes), blindOnly);
}
