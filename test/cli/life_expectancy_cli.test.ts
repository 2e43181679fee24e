import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run_cli.ts';

describe('cli life-expectancy', () => {
  it('prints e0 with 95% limits per area, or why it is not shown', async () => {
    const run = await runCli('life-expectancy', `${FIXTURES}/le_three_areas.csv`);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.method).toMatch(/Chiang/);
    expect(out.results).toHaveLength(3);
    const [example, small, oneDeath] = out.results;
    // PHEindicatormethods / PHE calculator worked example: 80.16960813 (79.88268548 to 80.45653078
    // with 1.96; 79.88269075 to 80.45652551 with qnorm(0.975), as PHEindicatormethods).
    expect(example.area).toBe('PHE example');
    expect(example.e0).toBeCloseTo(80.16960813, 6);
    expect(example.lower95).toBeCloseTo(79.88269075, 6);
    expect(example.upper95).toBeCloseTo(80.45652551, 6);
    expect(example.reason).toBeNull();
    expect(small).toEqual({
      area: 'Too small',
      e0: null,
      lower95: null,
      upper95: null,
      reason: 'total person-years 2883 is 5,000 or fewer, too few for a robust life expectancy',
    });
    expect(oneDeath.e0).toBeNull();
    expect(oneDeath.reason).toMatch(/95% confidence interval is [\d.]+ years wide, more than 20/);
  });

  it.each([
    [
      'an unknown age band',
      'le_unknown_band_90-94.csv',
      ':21: column "age_band": unknown age band; use 0, 1-4, 5-9,',
      '(got "90-94")',
    ],
    [
      'a duplicated age band',
      'le_duplicate_band_15-19.csv',
      ':7: column "age_band": duplicate age band for area "PHE example" (first on line 6)',
      '(got "15-19")',
    ],
    [
      'a missing age band',
      'le_missing_band_55-59.csv',
      ':2: column "age_band": area "PHE example" has no row for age band "55-59"',
      '',
    ],
    [
      'a non-numeric death count',
      'le_non_numeric_deaths.csv',
      ':4: column "deaths": not a number',
      '(got "four")',
    ],
  ])('reports %s with file, line, column and value, exit 2', async (_, file, where, value) => {
    const run = await runCli('life-expectancy', `${FIXTURES}/${file}`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: ${FIXTURES}/${file}${where}`);
    expect(run.stderr).toContain(value);
  });

  it('names a missing column', async () => {
    const run = await runCli('life-expectancy', `${FIXTURES}/sii_le_e06000001_male_se.csv`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${FIXTURES}/sii_le_e06000001_male_se.csv:1: column "area": missing column`,
    );
  });
});
