// Funnel limits against PHEindicatormethods' published funnel test outputs
// (tests/testthat/testdata_funnel_*.csv, used by testFunnels.R with testthat's tolerance).
// The outputs are printed to about 7-10 significant figures, so values are compared to 1e-6
// relative.
import { describe, it } from 'vitest';
import { proportionFunnel, rateFunnel } from '../../workers/stats/funnel.ts';
import { expectRelative } from './phe_tolerance.ts';
import { num, readFixture } from './read_fixture.ts';

const PRINTED = 1e-6;

describe('proportion funnel (funnel_prop_outputs: all 160 areas, multiplier 100)', () => {
  const inputs = readFixture('phe/funnel_prop_inputs.csv');
  const target =
    inputs.reduce((s, r) => s + num(r, 'numerator'), 0) /
    inputs.reduce((s, r) => s + num(r, 'denominator'), 0);
  it.each(readFixture('phe/funnel_prop_outputs.csv').map((r) => [r['Population'], r]))(
    'population %s',
    (_p, row) => {
      const f = proportionFunnel(num(row, 'Population'), target, 100);
      expectRelative(f.target, num(row, 'Baseline'), PRINTED);
      expectRelative(f.lower95, num(row, 'Lower2s0025limit'), PRINTED);
      expectRelative(f.upper95, num(row, 'Upper2s0025limit'), PRINTED);
      expectRelative(f.lower998, num(row, 'Lower3s0001limit'), PRINTED);
      expectRelative(f.upper998, num(row, 'Upper3s0001limit'), PRINTED);
    },
  );
});

describe('rate funnel (funnel_rate_outputs: DSRs per 100,000 over 3 years)', () => {
  const outputs = readFixture('phe/funnel_rate_outputs.csv');
  const first = outputs[0];
  const target = first === undefined ? Number.NaN : num(first, 'baseline') / 1e5;
  it.each(outputs.filter((_, i) => i % 9 === 0).map((r) => [r['Events'], r]))(
    '%s events',
    (_e, row) => {
      const f = rateFunnel(num(row, 'Events'), target, 1e5, 3);
      expectRelative(f.lower95, num(row, 'lower_2s_limit'), PRINTED);
      expectRelative(f.upper95, num(row, 'upper_2s_limit'), PRINTED);
      expectRelative(f.lower998, num(row, 'lower_3s_limit'), PRINTED);
      expectRelative(f.upper998, num(row, 'upper_3s_limit'), PRINTED);
      expectRelative(f.population95Lower, num(row, 'lower_2s_population_1_year'), PRINTED);
    },
  );
});
