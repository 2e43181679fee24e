// calculate_ISRatio and calculate_ISRate against PHEindicatormethods' published expected values
// (tests/testthat/testdata_DSR_ISR.xlsx: testdata_multiarea_isr, refdata, testdata_err2,
// testresults_ISR).
import { describe, expect, it } from 'vitest';
import { isRate, isRatio, type IsrInput } from '../../workers/stats/isr.ts';
import { expectRelative } from './phe_tolerance.ts';
import { count, groupBy, num, readFixture } from './read_fixture.ts';

const areas = groupBy(readFixture('phe/dsr_isr_multiarea.csv'), 'area');
const results = readFixture('phe/isr_results.csv');
const reference = areas.get('testdata_big') ?? [];
const refCounts = reference.map((r) => num(r, 'ref_count'));
const refPopulations = reference.map((r) => num(r, 'ref_population'));

function input(rows: Record<string, string>[]): IsrInput {
  return {
    observed: rows.map(count),
    populations: rows.map((r) => num(r, 'population')),
    refCounts,
    refPopulations,
  };
}

describe('indirectly standardised rates and ratios (testresults_ISR rows 1-12)', () => {
  const cases = results.slice(0, 12).map((r) => [r['area'], r['statistic'], r] as const);

  it.each(cases)('%s, %s', (area, statistic, row) => {
    const data = input(areas.get(area ?? '') ?? []);
    const ratio = statistic?.includes('ratio');
    const scale = Number(statistic?.match(/(\d+)$/)?.[1]);
    const r = ratio
      ? isRatio(data, { confidence: [0.95, 0.998], refValue: scale })
      : isRate(data, { confidence: [0.95, 0.998], multiplier: scale });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.observed).toBe(num(row, 'observed'));
    expectRelative(r.value.expected, num(row, 'expected'));
    if (!ratio && 'refRate' in r.value)
      expectRelative(r.value.refRate as number, num(row, 'ref_rate'));
    expectRelative(r.value.value, num(row, 'value'));
    const [c95, c998] = r.value.intervals;
    expectRelative(c95?.lower, num(row, 'lower95_0cl'));
    expectRelative(c95?.upper, num(row, 'upper95_0cl'));
    expectRelative(c998?.lower, num(row, 'lower99_8cl'));
    expectRelative(c998?.upper, num(row, 'upper99_8cl'));
    expect(r.value.statistic).toBe(statistic);
    expect(r.value.method).toBe(row['method']);
  });

  it('takes the observed total instead of counts by age (observed_totals)', () => {
    const row = results[6];
    if (row === undefined) throw new Error('fixture row missing');
    const rows = areas.get('testdata_big') ?? [];
    const r = isRatio({ ...input(rows), observed: 895 });
    expect(r.ok && r.value.value).toBeCloseTo(num(row, 'value'), 12);
  });
});

describe('a band with zero population (testdata_err2, testresults_ISR rows 13-16)', () => {
  const err2 = groupBy(readFixture('phe/isr_zero_population.csv'), 'area');
  const cases = results.slice(12).map((r) => [r['area'], r['statistic'], r] as const);

  it.each(cases)('%s, %s', (area, statistic, row) => {
    const rows = err2.get(area ?? '') ?? [];
    const data = input(rows);
    const r = statistic?.includes('ratio')
      ? isRatio(data, { refValue: 100 })
      : isRate(data, { multiplier: 100_000 });
    if (!r.ok) throw new Error(r.reason);
    expectRelative(r.value.expected, num(row, 'expected'));
    expectRelative(r.value.value, num(row, 'value'));
    expectRelative(r.value.intervals[0]?.lower, num(row, 'lower95_0cl'));
    expectRelative(r.value.intervals[0]?.upper, num(row, 'upper95_0cl'));
  });
});

describe('ISR refusals', () => {
  it('refuses a reference population of 0 (the expected count would be infinite)', () => {
    const rows = areas.get('testdata_big') ?? [];
    const r = isRatio({
      ...input(rows),
      refPopulations: refPopulations.map((p, i) => (i === 4 ? 0 : p)),
    });
    expect(r).toEqual({
      ok: false,
      reason: 'age band 5 has a reference population of 0; it must be above 0',
    });
  });
});
