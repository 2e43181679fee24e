// The funnel command on PHEindicatormethods' published funnel test data (testFunnels.R's
// assign_funnel_significance cases; test/fixtures/stats/phe/README.md), as an analyst runs it.
import { describe, expect, it } from 'vitest';
import { proportionFunnel } from '../../workers/stats/funnel.ts';
import { expectRelative } from '../stats/phe_tolerance.ts';
import { readFixture } from '../stats/read_fixture.ts';
import { FIXTURES, runCli } from './run_cli.ts';

const PHE = `${FIXTURES}/phe`;

interface Area {
  area: string;
  numerator: number;
  denominator: number;
  value: number;
  limits: { lower95: number; upper95: number; lower998: number; upper998: number };
  band: string;
  significance: string;
  phe: string;
}

async function funnel(
  ...args: string[]
): Promise<{ target: { value: number; source: string }; results: Area[] }> {
  const run = await runCli('funnel', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('cli funnel', () => {
  it('proportions: each of 303 areas gets the package’s label, limits at its denominator', async () => {
    const out = await funnel(`${PHE}/cli_funnel_prop.csv`);
    const rows = readFixture('phe/cli_funnel_prop.csv');
    expect(out.results.map((a) => a.phe)).toEqual(rows.map((r) => r['significance']));
    expect(out.target.source).toContain('pooled value of the 303 areas');
    const target = out.target.value / 100;
    for (const a of out.results.slice(0, 10)) {
      const f = proportionFunnel(a.denominator, target, 100);
      expectRelative(a.limits.lower95, f.lower95);
      expectRelative(a.limits.upper998, f.upper998);
      expectRelative(a.value, (a.numerator / a.denominator) * 100);
    }
    expect(out.results[0]).toMatchObject({
      area: 'New Forest PCT',
      band: 'above998',
      significance: 'above the 99.8% limit',
    });
  });

  it.each([
    ['100000', 'crude_per_100000_with_0'],
    ['100', 'crude_per_100_with_0'],
  ])('crude rates per %s (with a zero-count area)', async (multiplier, column) => {
    const out = await funnel(
      `${PHE}/cli_funnel_rate.csv`,
      '--statistic',
      'rate',
      '--multiplier',
      multiplier,
    );
    expect(out.results.map((a) => a.phe)).toEqual(
      readFixture('phe/cli_funnel_rate.csv').map((r) => r[column]),
    );
  });

  it('a given target replaces the pooled one', async () => {
    const out = await funnel(`${PHE}/cli_funnel_prop.csv`, '--target', '50');
    expect(out.target).toEqual({ value: 50, source: 'given with --target' });
    // Against 50%, New Forest (83.6%, 41,980 people) is far above.
    const first = out.results[0];
    expect(first?.band).toBe('above998');
    expect(first?.limits.upper998).toBeLessThan(51);
    expect(first?.limits.lower998).toBeGreaterThan(49);
  });

  it('names the row and column of a numerator above its denominator, and of a zero denominator', async () => {
    const over = await runCli('funnel', `${FIXTURES}/funnel_numerator_over_denominator.csv`);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(
      `${FIXTURES}/funnel_numerator_over_denominator.csv:4: column "numerator": for a proportion the numerator must not exceed the denominator (got "130")`,
    );
    const zero = await runCli(
      'funnel',
      `${FIXTURES}/funnel_zero_denominator.csv`,
      '--statistic',
      'rate',
    );
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain(
      `${FIXTURES}/funnel_zero_denominator.csv:3: column "denominator": the denominator must be above 0 (got "0")`,
    );
    const text = await runCli('funnel', `${PHE}/funnel_prop_inputs.csv`);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('column "area": missing column');
  });

  it('refuses an unknown statistic and a target outside 0..100 for a proportion', async () => {
    const stat = await runCli('funnel', `${PHE}/cli_funnel_prop.csv`, '--statistic', 'dsr');
    expect(stat.code).toBe(2);
    expect(stat.stderr).toContain('--statistic must be proportion or rate, not "dsr"');
    const target = await runCli('funnel', `${PHE}/cli_funnel_prop.csv`, '--target', '120');
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('the target must lie strictly between 0 and 100');
  });
});
