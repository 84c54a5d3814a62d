import { describe, expect, it } from 'vitest';
import { stageGrid } from '../../../../renderer/src/app/studio/stageLayout';

describe('stageGrid: the columns that make a set\'s images largest', () => {
  it('four squares on a wide stage are one row', () => {
    // The old dock left 1232 × 528 at 1440 × 900: one row gives 299 px squares, 2 × 2 only 258.
    const g = stageGrid(4, 1, 1232, 528, 12);
    expect(g).toMatchObject({ columns: 4, rows: 1 });
    expect(g.imageWidth).toBeCloseTo((1232 - 36) / 4);
  });

  it('the larger images win: at 2 : 1 and taller, 2 × 2 beats one row', () => {
    expect(stageGrid(4, 1, 1400, 720, 12)).toMatchObject({ columns: 2, rows: 2 });
  });

  it('four squares on a roughly square stage are 2 × 2', () => {
    expect(stageGrid(4, 1, 720, 480, 8)).toMatchObject({ columns: 2, rows: 2 });
  });

  it('four squares on a tall, narrow stage are one column', () => {
    expect(stageGrid(4, 1, 300, 1400, 8)).toMatchObject({ columns: 1, rows: 4 });
  });

  it('wide images stack where squares would sit side by side', () => {
    // 16:9 on a 1000 × 700 stage: two rows of one give 1000 px wide images, one row of two only 494.
    expect(stageGrid(2, 16 / 9, 1000, 700, 12)).toMatchObject({ columns: 1, rows: 2 });
    expect(stageGrid(2, 1, 1000, 700, 12)).toMatchObject({ columns: 2, rows: 1 });
  });

  it('a single image takes the whole stage in its ratio', () => {
    const g = stageGrid(1, 3 / 4, 1200, 700);
    expect(g).toMatchObject({ columns: 1, rows: 1 });
    expect(g.imageHeight).toBeCloseTo(700);
    expect(g.imageWidth).toBeCloseTo(525);
  });

  it('three images never leave a whole row empty', () => {
    for (const [w, h] of [[900, 900], [1600, 500], [400, 1200]] as const) {
      const g = stageGrid(3, 1, w, h, 8);
      expect((g.rows - 1) * g.columns).toBeLessThan(3);
    }
  });

  it('a stage not measured yet, or a nonsense ratio, still gives a usable answer', () => {
    expect(stageGrid(4, 1, 0, 0)).toMatchObject({ columns: 1, imageWidth: 0 });
    expect(stageGrid(2, Number.NaN, 800, 400).columns).toBe(2);
  });
});
