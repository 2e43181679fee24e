// Need against access: the classes, the colours and the counts behind the bivariate legend.
import { describe, expect, it } from 'vitest';
import {
  accessClass,
  accessLabels,
  BIVARIATE_COLOURS,
  bivariateCells,
  cellCounts,
  nearestFromCatchment,
  needClass,
} from '../../workers/analysis/need_access_classes.ts';

describe('bivariate need and access', () => {
  it('puts Core20 deciles in the highest need class', () => {
    expect([1, 2, 3, 5, 6, 10].map(needClass)).toEqual([2, 2, 1, 1, 0, 0]);
    expect(needClass(0)).toBeNull();
    expect(needClass(2.5)).toBeNull();
  });

  it('classes access by the reach and twice the reach', () => {
    expect(accessClass(0, 800)).toBe(0);
    expect(accessClass(800, 800)).toBe(0);
    expect(accessClass(801, 800)).toBe(1);
    expect(accessClass(1600, 800)).toBe(1);
    expect(accessClass(1601, 800)).toBe(2);
    expect(accessClass(null, 800)).toBe(2);
    expect(accessLabels(800)).toEqual(['within 800 m', '800 m to 1.6 km', 'over 1.6 km']);
  });

  it('reads distances from an all-flagged catchment run', () => {
    expect(
      nearestFromCatchment(4, [
        { area: 1, nearestMetres: 1200 },
        { area: 3, nearestMetres: null },
      ]),
    ).toEqual([0, 1200, 0, null]);
  });

  it('colours and counts the cells, darkest where need is high and access poor', () => {
    const cells = bivariateCells([1, 7, null, 4], [2000, 100, 0, 900], 800);
    expect(cells.map((c) => c && [c.need, c.access])).toEqual([[2, 2], [0, 0], null, [1, 1]]);
    expect(cells[0]?.colour).toBe(BIVARIATE_COLOURS[2]?.[2]);
    expect(cellCounts(cells)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const flat = BIVARIATE_COLOURS.flat();
    expect(new Set(flat).size).toBe(9);
  });
});
