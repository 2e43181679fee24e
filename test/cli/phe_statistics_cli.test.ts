// The proportion, rate, dsr, isr and mean commands on PHEindicatormethods' published test data
// (test/fixtures/stats/phe/README.md), as an analyst would run them.
import { describe, expect, it } from 'vitest';
import { expectRelative } from '../stats/phe_tolerance.ts';
import { num, readFixture } from '../stats/read_fixture.ts';
import { FIXTURES, runCli } from './run_cli.ts';

const PHE = `${FIXTURES}/phe`;

interface Answer {
  area: string;
  value: number | null;
  intervals: { confidence: number; lower: number | null; upper: number | null }[];
  [key: string]: unknown;
}

async function results(...args: string[]): Promise<Answer[]> {
  const run = await runCli(...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).results;
}

describe('cli proportion, rate, dsr, isr, mean', () => {
  it('proportion: testdata_Prop rows 1-8 at 95% and 99.8% (Wilson)', async () => {
    const out = await results(
      'proportion',
      `${PHE}/cli_proportion_prop_rows_1-8.csv`,
      '--confidence',
      '95,99.8',
    );
    readFixture('phe/proportion.csv')
      .slice(0, 8)
      .forEach((row, i) => {
        const a = out[i];
        expect(a?.area).toBe(row['area']);
        expectRelative(a?.value, num(row, 'value'));
        expectRelative(a?.intervals[0]?.lower, num(row, 'lower95_0cl'));
        expectRelative(a?.intervals[1]?.upper, num(row, 'upper99_8cl'));
      });
  });

  it('proportion: rows of one area are added up (testdata_Prop_g)', async () => {
    const out = await results('proportion', `${PHE}/cli_proportion_grouped.csv`);
    readFixture('phe/proportion_grouped_results.csv').forEach((row, i) => {
      expectRelative(out[i]?.value, num(row, 'value'));
      expectRelative(out[i]?.intervals[0]?.lower, num(row, 'lowercl'));
      expectRelative(out[i]?.intervals[0]?.upper, num(row, 'uppercl'));
    });
  });

  it('rate: testdata_Rate per 100 (exact below 10 events)', async () => {
    const out = await results(
      'rate',
      `${PHE}/cli_proportion_prop_rows_1-8.csv`,
      '--multiplier',
      '100',
    );
    readFixture('phe/rate.csv')
      .slice(0, 8)
      .forEach((row, i) => {
        expectRelative(out[i]?.value, num(row, 'value'));
        expectRelative(out[i]?.intervals[0]?.lower, num(row, 'lower95_0cl'));
        expect(out[i]?.['method']).toBe(row['method']);
      });
  });

  it('dsr: testresults_DSR per 100,000, with no value for testdata_tiny (9 events)', async () => {
    const out = await results('dsr', `${PHE}/cli_dsr_isr_multiarea.csv`, '--confidence', '95,99.8');
    const expected = readFixture('phe/dsr_results.csv').slice(4, 7);
    expected.forEach((row, i) => {
      const a = out[i];
      expect(a?.area).toBe(row['area']);
      if (row['value'] === '') {
        expect(a?.value).toBeNull();
        expect(a?.['statistic']).toBe('dsr NA for total count < 10');
        return;
      }
      expectRelative(a?.value, num(row, 'value'));
      expectRelative(a?.intervals[0]?.lower, num(row, 'lower95_0cl'));
      expectRelative(a?.intervals[1]?.upper, num(row, 'upper99_8cl'));
    });
  });

  it('isr: ratios x 100 and rates per 100,000 (testresults_ISR)', async () => {
    const file = `${PHE}/cli_dsr_isr_multiarea.csv`;
    const ratios = await results('isr', file, '--ref-value', '100');
    const rates = await results('isr', file, '--rate');
    const expected = readFixture('phe/isr_results.csv');
    expected.slice(9, 12).forEach((row, i) => {
      expectRelative(ratios[i]?.value, num(row, 'value'));
      expectRelative(ratios[i]?.intervals[0]?.upper, num(row, 'upper95_0cl'));
    });
    expected.slice(0, 3).forEach((row, i) => {
      expectRelative(rates[i]?.value, num(row, 'value'));
      expectRelative(rates[i]?.intervals[0]?.lower, num(row, 'lower95_0cl'));
    });
  });

  it("mean: testdata_Mean_results with Student's t limits", async () => {
    const out = await results('mean', `${PHE}/mean_values.csv`, '--confidence', '95,99.8');
    readFixture('phe/mean_results.csv')
      .slice(0, 2)
      .forEach((row, i) => {
        expectRelative(out[i]?.value, num(row, 'value'));
        expectRelative(out[i]?.intervals[1]?.lower, num(row, 'lower99_8cl'));
      });
  });

  it('dsr: names file, line and column of an unknown band and an empty count, exit 2', async () => {
    const band = await runCli('dsr', `${FIXTURES}/dsr_unknown_band_55-69.csv`);
    expect(band.code).toBe(2);
    expect(band.stderr).toContain(
      `${FIXTURES}/dsr_unknown_band_55-69.csv:13: column "age_band": not an ESP 2013 band; use 0-4, 5-9,`,
    );
    expect(band.stderr).toContain('(got "55-69")');
    const count = await runCli('isr', `${PHE}/dsr_isr_multiarea.csv`);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain(
      `${PHE}/dsr_isr_multiarea.csv:42: column "count": not a number (got "")`,
    );
  });

  it('rejects a confidence level outside 90% to 99.9%, exit 2', async () => {
    const run = await runCli(
      'rate',
      `${PHE}/cli_proportion_prop_rows_1-8.csv`,
      '--confidence',
      '80',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--confidence: confidence level 80 is not between 90% and 99.9%');
  });
});
