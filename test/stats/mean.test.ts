// phe_mean against PHEindicatormethods' published expected values
// (tests/testthat/testdata_Mean.xlsx, sheets testdata_Mean and testdata_Mean_results).
import { describe, expect, it } from 'vitest';
import { mean } from '../../workers/stats/mean.ts';
import { expectRelative } from './phe_tolerance.ts';
import { groupBy, num, readFixture } from './read_fixture.ts';

const values = readFixture('phe/mean_values.csv');
const byArea = groupBy(values, 'area');
const inputs = new Map<string, number[]>([
  ...[...byArea].map(([area, rows]) => [area, rows.map((r) => num(r, 'value'))] as const),
  ['No grouping', values.map((r) => num(r, 'value'))],
]);

describe('mean with t limits: testdata_Mean_results', () => {
  it.each(readFixture('phe/mean_results.csv').map((r) => [r['area'], r]))('%s', (area, row) => {
    const r = mean(inputs.get(area ?? '') ?? [], { confidence: [95, 99.8] });
    if (!r.ok) throw new Error(r.reason);
    expectRelative(r.value.sum, num(row, 'value_sum'));
    expect(r.value.count).toBe(num(row, 'value_count'));
    expectRelative(r.value.sd, num(row, 'stdev'));
    expectRelative(r.value.value, num(row, 'value'));
    const [c95, c998] = r.value.intervals;
    expectRelative(c95?.lower, num(row, 'lower95_0cl'));
    expectRelative(c95?.upper, num(row, 'upper95_0cl'));
    expectRelative(c998?.lower, num(row, 'lower99_8cl'));
    expectRelative(c998?.upper, num(row, 'upper99_8cl'));
  });

  it('refuses a single value, which has no standard deviation', () => {
    expect(mean([3]).ok).toBe(false);
  });
});
