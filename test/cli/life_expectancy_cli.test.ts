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
      ages: [],
    });
    expect(oneDeath.e0).toBeNull();
    expect(oneDeath.reason).toMatch(/95% confidence interval is [\d.]+ years wide, more than 20/);
  });

  it('gives life expectancy at 65 with 95% and 99.8% limits (--age 65 --confidence 95,99.8)', async () => {
    const run = await runCli(
      'life-expectancy',
      `${FIXTURES}/le_three_areas.csv`,
      '--age',
      '65',
      '--confidence',
      '95,99.8',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.confidence).toBe('95%, 99.8%');
    const [at65] = out.results[0].ages;
    // Published e65 18.76856852 (1.96 limits 18.57570352 to 18.96143352, SE 0.098400).
    expect(at65).toMatchObject({ age: 65, band: '65-69', reason: null });
    expect(at65.value).toBeCloseTo(18.76856852, 6);
    const se = (18.96143352 - 18.57570352) / (2 * 1.96);
    expect(at65.intervals[0].confidence).toBe(0.95);
    expect(at65.intervals[0].lower).toBeCloseTo(18.76856852 - 1.959963984540054 * se, 6);
    expect(at65.intervals[1].confidence).toBe(0.998);
    expect(at65.intervals[1].upper).toBeCloseTo(18.76856852 + 3.090232306167813 * se, 6);
    // A suppressed age keeps its limits and says how wide they are.
    const [oneDeath65] = out.results[2].ages;
    expect(oneDeath65.value).toBeNull();
    expect(oneDeath65.reason).toMatch(/^the 95% confidence interval is [\d.]+ years wide/);
  });

  it.each([
    ['--age', '64', '--age must be band start ages from 0, 1, 5,'],
    ['--confidence', '80', '--confidence: confidence level 80 is not between 90% and 99.9%'],
    ['--confidence', '95,x', '--confidence must be a number, not "x"'],
  ])('rejects %s %s, exit 2', async (option, value, message) => {
    const run = await runCli('life-expectancy', `${FIXTURES}/le_three_areas.csv`, option, value);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
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
