import { describe, expect, it } from 'vitest';
import { popcount32 } from '../../../../electron/services/images/fingerprint';
import { HammingIndex } from '../../../../electron/services/finding/HammingIndex';
import { chooseKeeper } from '../../../../electron/services/finding/keeper';

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    // xorshift32: a seeded stream, so a failure is reproducible.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** Flips `bits` distinct random bits of a 64-bit hash. */
function flip(hi: number, lo: number, bits: number, rnd: () => number): [number, number] {
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(rnd() % 64);
  for (const b of chosen) {
    if (b < 32) hi ^= 1 << b;
    else lo ^= 1 << (b - 32);
  }
  return [hi >>> 0, lo >>> 0];
}

describe('the Hamming index against a brute-force oracle', () => {
  it('finds exactly what comparing every hash finds, at every radius up to 15', () => {
    const rnd = random(12345);
    const index = new HammingIndex();
    const hashes: Array<[number, number]> = [];
    // Clusters of near hashes among random ones, as a library of series and strays would be.
    for (let c = 0; c < 300; c++) {
      const base: [number, number] = [rnd(), rnd()];
      const members = 1 + (rnd() % 5);
      for (let m = 0; m < members; m++) hashes.push(m === 0 ? base : flip(base[0], base[1], rnd() % 16, rnd));
    }
    for (const [hi, lo] of hashes) index.add(hi, lo);
    index.remove(3);

    for (const radius of [0, 2, 5, 8, 11, 14, 15]) {
      for (let q = 0; q < 60; q++) {
        const [qh, ql] = q % 2 === 0 ? hashes[rnd() % hashes.length]! : flip(...hashes[rnd() % hashes.length]!, rnd() % 6, rnd);
        const oracle = hashes
          .map(([h, l], item) => ({ item, distance: popcount32((h ^ qh) >>> 0) + popcount32((l ^ ql) >>> 0) }))
          .filter((x) => x.distance <= radius && x.item !== 3)
          .sort((a, b) => a.distance - b.distance || a.item - b.item);
        expect(index.within(qh, ql, radius)).toEqual(oracle);
      }
    }
  });

  it('groups are the connected components of the "within radius" relation', () => {
    const rnd = random(99);
    const index = new HammingIndex();
    const hashes: Array<[number, number]> = [];
    for (let i = 0; i < 400; i++) {
      const h: [number, number] = i % 4 === 0 || hashes.length === 0 ? [rnd(), rnd()] : flip(...hashes[hashes.length - 1]!, rnd() % 6, rnd);
      hashes.push(h);
      index.add(...h);
    }
    const radius = 6;
    // Oracle: union-find over all pairs.
    const parent = hashes.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++)
        if (popcount32((hashes[i]![0] ^ hashes[j]![0]) >>> 0) + popcount32((hashes[i]![1] ^ hashes[j]![1]) >>> 0) <= radius) parent[find(j)] = find(i);
    const oracle = new Map<number, number[]>();
    hashes.forEach((_, i) => oracle.set(find(i), [...(oracle.get(find(i)) ?? []), i]));
    const expected = [...oracle.values()].filter((g) => g.length > 1).map((g) => g.join(',')).sort();
    expect(index.groups(radius).map((g) => g.join(',')).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });
});

describe('the Hamming index: its tables, items added after them, and the ShaTable', () => {
  it('answers like the oracle from its tables, from items added since (checked one by one) and after the rebuild they cause', () => {
    // Above 2,048 items a query builds the typed-array tables; the 300 added after are checked one
    // by one; the 2,600 after those make the next query rebuild.
    const rnd = random(777);
    const index = new HammingIndex();
    const hashes: Array<[number, number]> = [];
    const addSome = (n: number) => {
      for (let i = 0; i < n; i++) {
        const h: [number, number] = i % 3 === 0 || hashes.length === 0 ? [rnd(), rnd()] : flip(...hashes[hashes.length - 1]!, rnd() % 9, rnd);
        hashes.push(h);
        index.add(...h);
      }
    };
    const check = () => {
      for (const radius of [0, 3, 8, 14]) {
        for (let q = 0; q < 12; q++) {
          const [qh, ql] = flip(...hashes[rnd() % hashes.length]!, rnd() % 5, rnd);
          const oracle = hashes
            .map(([h, l], item) => ({ item, distance: popcount32((h ^ qh) >>> 0) + popcount32((l ^ ql) >>> 0) }))
            .filter((x) => x.distance <= radius && !index.isRemoved(x.item))
            .sort((a, b) => a.distance - b.distance || a.item - b.item);
          expect(index.within(qh, ql, radius)).toEqual(oracle);
        }
      }
    };
    addSome(2500);
    index.remove(10);
    check();
    addSome(300);
    index.remove(2501);
    check();
    addSome(2600);
    check();
    // Grouping over the tables (radius 8: two bits per band) against union-find over all pairs.
    const parent = hashes.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let i = 0; i < hashes.length; i++) {
      if (index.isRemoved(i)) continue;
      for (let j = i + 1; j < hashes.length; j++)
        if (!index.isRemoved(j) && popcount32((hashes[i]![0] ^ hashes[j]![0]) >>> 0) + popcount32((hashes[i]![1] ^ hashes[j]![1]) >>> 0) <= 8) parent[find(j)] = find(i);
    }
    const oracle = new Map<number, number[]>();
    hashes.forEach((_, i) => !index.isRemoved(i) && oracle.set(find(i), [...(oracle.get(find(i)) ?? []), i]));
    const expected = [...oracle.values()].filter((g) => g.length > 1).map((g) => g.join(',')).sort();
    expect(index.groups(8).map((g) => g.join(',')).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(300);
  });

  it('the ShaTable gives each sha256 one item, finds it again after growing, and gives the sha back', async () => {
    const { ShaTable } = await import('../../../../electron/services/finding/ShaTable');
    const { createHash } = await import('node:crypto');
    const table = new ShaTable();
    const shas = Array.from({ length: 5000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    shas.forEach((sha, i) => expect(table.add(sha)).toBe(i));
    expect(table.add(shas[42]!)).toBe(42);
    expect(table.size).toBe(5000);
    for (const i of [0, 1, 999, 4999]) {
      expect(table.itemOf(shas[i]!)).toBe(i);
      expect(table.shaOf(i)).toBe(shas[i]);
    }
    expect(table.itemOf(createHash('sha256').update('not there').digest('hex'))).toBeUndefined();
    expect(table.itemOf('abc')).toBeUndefined();
  });
});

describe('keeper rules', () => {
  const base = { rating: 0, width: 1000, height: 1000, bytes: 100, createdAt: 1 };
  it('the highest rated wins over a larger and newer one', () => {
    const r = chooseKeeper([{ ...base, id: 'big', width: 4000, height: 4000, createdAt: 9 }, { ...base, id: 'rated', rating: 4 }]);
    expect(r.keeper.id).toBe('rated');
    expect(r.reason).toMatch(/rated highest \(4 of 5\)/);
  });
  it('among equal ratings the largest wins, then the newest', () => {
    expect(chooseKeeper([{ ...base, id: 'a', createdAt: 9 }, { ...base, id: 'b', width: 2000 }]).keeper.id).toBe('b');
    const newest = chooseKeeper([{ ...base, id: 'a', createdAt: 5 }, { ...base, id: 'b', createdAt: 7 }]);
    expect(newest.keeper.id).toBe('b');
    expect(newest.reason).toMatch(/newest/);
  });
  it('a larger file breaks a tie of pixels, and the answer does not depend on order', () => {
    const g = [{ ...base, id: 'jpeg', bytes: 50 }, { ...base, id: 'png', bytes: 900 }];
    expect(chooseKeeper(g).keeper.id).toBe('png');
    expect(chooseKeeper([...g].reverse()).keeper.id).toBe('png');
  });
});

describe('look-alikes by colour layout', () => {
  it('the coarse first pass loses nothing: the nearest layouts equal a full comparison of every one', async () => {
    const { Layouts } = await import('../../../../electron/services/finding/Layouts');
    const { nearestLayouts } = await import('../../../../electron/services/finding/Duplicates');
    const { layoutDistance } = await import('../../../../electron/services/images/fingerprint');
    const rnd = random(5);
    const layouts = Array.from({ length: 3000 }, () => {
      const base = [rnd() & 255, rnd() & 255, rnd() & 255];
      return Uint8Array.from({ length: 192 }, (_, k) => Math.max(0, Math.min(255, base[k % 3]! + ((rnd() % 61) - 30))));
    });
    const block = new Layouts();
    layouts.forEach((l, i) => block.set(i, l));
    for (const item of [0, 17, 999, 2500]) {
      const oracle = layouts
        .map((l, i) => ({ item: i, d: layoutDistance(layouts[item]!, l) }))
        .filter((x) => x.item !== item && x.d <= 0.14)
        .sort((a, b) => a.d - b.d)
        .slice(0, 20);
      expect(nearestLayouts(item, block, new Set(), 20, 0.14).map((x) => x.item)).toEqual(oracle.map((x) => x.item));
      expect(oracle.length).toBeGreaterThan(0);
    }
  });

  it('the colour grid, nearest cells first, finds what comparing every layout finds: ties, exclusions, late arrivals and replaced layouts', async () => {
    const { Layouts } = await import('../../../../electron/services/finding/Layouts');
    const { nearestLayouts } = await import('../../../../electron/services/finding/Duplicates');
    const { layoutDistance } = await import('../../../../electron/services/images/fingerprint');
    const rnd = random(11);
    const make = () => {
      const base = [rnd() & 255, rnd() & 255, rnd() & 255];
      return Uint8Array.from({ length: 192 }, (_, k) => Math.max(0, Math.min(255, base[k % 3]! + ((rnd() % 41) - 20))));
    };
    const layouts = Array.from({ length: 4000 }, make);
    // Exact copies: equal distances, which the answer orders by item whatever order they are met in.
    for (let i = 3000; i < 3200; i++) layouts[i] = layouts[i - 3000]!.slice();
    const block = new Layouts();
    layouts.slice(0, 3500).forEach((l, i) => block.set(i, l));
    const check = (limits: number[]) => {
      for (const item of [0, 5, 150, 999, 3100, 3499, layouts.length - 1].filter((i) => i < block.size)) {
        const exclude = new Set([item + 1, item + 7, 3000 + (item % 200)]);
        for (const limit of limits) {
          const oracle = layouts
            .slice(0, block.size)
            .map((l, i) => ({ item: i, d: layoutDistance(layouts[item]!, l) }))
            .filter((x) => x.item !== item && !exclude.has(x.item) && x.d <= 0.14)
            .sort((a, b) => a.d - b.d || a.item - b.item)
            .slice(0, limit);
          const got = nearestLayouts(item, block, exclude, limit, 0.14);
          expect(got.map((x) => x.item)).toEqual(oracle.map((x) => x.item));
          got.forEach((x, j) => expect(x.d).toBeCloseTo(oracle[j]!.d, 9));
        }
      }
    };
    check([1, 20, 48]);
    // Arrivals after the grid was made are scanned one by one until there are enough to make it again.
    layouts.slice(3500).forEach((l, i) => block.set(3500 + i, l));
    check([20, 48]);
    // A layout replaced in place moves to another cell.
    for (const i of [5, 150, 999]) {
      layouts[i] = make();
      block.set(i, layouts[i]!);
    }
    check([20]);
  });
});
