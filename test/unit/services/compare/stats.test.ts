import { describe, expect, it } from 'vitest';
import { answerLine, costPerWin, median, pairStats, wilson, type VotedComparison } from '../../../../electron/services/compare/stats';

const c = (label: string, costUsd = 0.1, finalMs = 1000, finished = true) => ({ label, costUsd, finalMs, finished });

describe('Wilson interval', () => {
  it('matches published values', () => {
    // Reference values (Wilson 1927 / Newcombe 1998, z = 1.96): 5/10 → 0.2366–0.7634; 64/100 → 0.5426–0.7273.
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    const [lo2, hi2] = wilson(64, 100);
    expect(lo2).toBeCloseTo(0.5426, 3);
    expect(hi2).toBeCloseTo(0.7273, 3);
  });
  it('stays inside [0, 1] at the extremes and is wide for few votes', () => {
    expect(wilson(0, 3)[0]).toBe(0);
    expect(wilson(3, 3)[1]).toBe(1);
    expect(wilson(3, 3)[0]).toBeCloseTo(0.4385, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('median and cost per win', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('cost per win divides everything spent by the wins; null with none', () => {
    expect(costPerWin(1.5, 3)).toBe(0.5);
    expect(costPerWin(1.5, 0)).toBeNull();
  });
});

describe('pair statistics', () => {
  it('counts wins, ties and "all bad" per pair with cost per win', () => {
    const votes: VotedComparison[] = [
      { kind: 'winner', winner: 1, contenders: [c('Flash 1K', 0.07, 4000), c('Pro 1K', 0.14, 9000)] },
      { kind: 'winner', winner: 1, contenders: [c('Flash 1K', 0.07, 5000), c('Pro 1K', 0.14, 8000)] },
      { kind: 'winner', winner: 0, contenders: [c('Flash 1K', 0.07, 6000), c('Pro 1K', 0.14, 10000)] },
      { kind: 'tie', winner: null, contenders: [c('Pro 1K', 0.14, 7000), c('Flash 1K', 0.07, 3000)] },
      { kind: 'all_bad', winner: null, contenders: [c('Flash 1K', 0.07, 2000), c('Pro 1K', 0.14, 11000)] },
    ];
    const [p] = pairStats(votes);
    expect(p).toMatchObject({ a: 'Flash 1K', b: 'Pro 1K', comparisons: 5, winsA: 1, winsB: 2, ties: 1, allBad: 1 });
    expect(p!.winRateA).toBeCloseTo(1 / 3, 6);
    expect(p!.intervalA![0]).toBeCloseTo(wilson(1, 3)[0], 9);
    expect(p!.medianMsA).toBe(4000);
    expect(p!.medianMsB).toBe(9000);
    // Five Pro runs at $0.14 bought two wins; five Flash runs at $0.07 one.
    expect(p!.costPerWinB).toBeCloseTo(0.35, 9);
    expect(p!.costPerWinA).toBeCloseTo(0.35, 9);
    expect(p!.answer).toBe('For your prompts, Pro 1K wins 21–94 % of votes against Flash 1K (2 of 3 decided) at 2.0× the cost per image: $0.35 per win vs $0.35.');
  });

  it('a vote among three counts for every pair, and failed results take no part', () => {
    const votes: VotedComparison[] = [
      { kind: 'winner', winner: 2, contenders: [c('A'), c('B'), c('C'), c('D', 0.1, 0, false)] },
    ];
    const pairs = pairStats(votes);
    expect(pairs.map((p) => `${p.a}-${p.b}`).sort()).toEqual(['A-B', 'A-C', 'B-C']);
    const ab = pairs.find((p) => p.a === 'A' && p.b === 'B')!;
    // C won: A against B was compared but neither side won.
    expect(ab).toMatchObject({ comparisons: 1, winsA: 0, winsB: 0, winRateA: null });
    expect(pairs.find((p) => p.a === 'A' && p.b === 'C')).toMatchObject({ winsA: 0, winsB: 1 });
  });

  it('says so plainly when there is no winner yet', () => {
    const [p] = pairStats([{ kind: 'tie', winner: null, contenders: [c('Flash 1K'), c('Pro 1K')] }], true);
    expect(p!.answer).toBe('Flash 1K and Pro 1K: no winner yet in 1 blind vote (1 tie, 0 all bad).');
    expect(answerLine({ ...p!, comparisons: 0, ties: 0 }, false)).toBe('No votes yet between Flash 1K and Pro 1K.');
  });
});
