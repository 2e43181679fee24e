// Byar's and Wilson's limits against PHEindicatormethods' published test table
// (tests/testthat/testdata_Byars_Wilson.xlsx, used by testByars.R and testWilson.R).
import { describe, expect, it } from 'vitest';
import { byarLower, byarUpper, poissonCountLimits } from '../../workers/stats/byar.ts';
import { wilsonLimits } from '../../workers/stats/proportion.ts';
import { expectRelative } from './phe_tolerance.ts';
import { num, readFixture } from './read_fixture.ts';

const table = readFixture('phe/byars_wilson.csv');
const level = (row: Record<string, string>): number => (row['confidence'] === '95%' ? 0.95 : 0.998);

describe('Byar limits (testdata_B_W rows 1-6)', () => {
  it.each(table.filter((r) => r['method'] === 'Byars').map((r) => [r['x'], r['confidence'], r]))(
    'x = %s at %s',
    (_x, _c, row) => {
      const x = num(row, 'x');
      expectRelative(byarLower(x, level(row)), num(row, 'lowercl'));
      expectRelative(byarUpper(x, level(row)), num(row, 'uppercl'));
    },
  );

  it('gives no lower limit where the formula goes below 0, as R gives NA', () => {
    expect(byarLower(0.5, 0.998)).toBeNull();
  });

  it('switches from exact to Byar at 10 events', () => {
    expect(poissonCountLimits(9, 0.95).method).toBe('Exact');
    expect(poissonCountLimits(10, 0.95).method).toBe('Byars');
  });
});

describe('Wilson score limits (testdata_B_W rows 7-12)', () => {
  it.each(
    table.filter((r) => r['method'] === 'Wilson').map((r) => [r['x'], r['n'], r['confidence'], r]),
  )('%s of %s at %s', (_x, _n, _c, row) => {
    const [lower, upper] = wilsonLimits(num(row, 'x'), num(row, 'n'), level(row));
    expectRelative(lower, num(row, 'lowercl'));
    expectRelative(upper, num(row, 'uppercl'));
  });
});
