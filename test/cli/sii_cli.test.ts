import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run_cli.ts';

describe('cli sii', () => {
  it('prints the SII, RII and range with 95% limits as JSON (phe_sii worked example 1, E06000001 males)', async () => {
    const run = await runCli('sii', `${FIXTURES}/sii_le_e06000001_male_se.csv`, '--seed', '11');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    // Published by PHEindicatormethods: SII 11.68886 for these deciles.
    expect(out.sii.value).toBeCloseTo(11.68886, 5);
    expect(out.sii.lower95).toBeLessThan(out.sii.value);
    expect(out.sii.upper95).toBeGreaterThan(out.sii.value);
    expect(out.rii.value).toBeGreaterThan(1);
    expect(out.range.value).toBeCloseTo(82.73763832 - 70.56313911, 8);
    expect(out).toMatchObject({
      simulations: 100000,
      seed: 11,
      transform: 'none',
      quantiles: 10,
    });
    expect(out.method).toMatch(/phe_sii/);
    expect(out.riiDefinition).toMatch(/OHID\/PHE/);
    expect(out.direction).toMatch(/Quantile 1 is the most deprived/);
  });

  it('back-transforms a log fit (phe_sii worked example 2, DSR 2010: SII -14.03684, RII 0.9010655)', async () => {
    const run = await runCli(
      'sii',
      `${FIXTURES}/sii_dsr_2010_limits.csv`,
      '--transform',
      'log',
      '--simulations',
      '20000',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.sii.value).toBeCloseTo(-14.03684, 5);
    expect(out.rii.value).toBeCloseTo(0.9010655, 7);
    expect(out.simulations).toBe(20000);
  });

  it('is reproducible: the same seed gives the same limits', async () => {
    const args = ['sii', `${FIXTURES}/sii_le_e06000001_male_se.csv`, '--simulations', '1000'];
    const [a, b] = await Promise.all([runCli(...args), runCli(...args)]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('names file, line, column and value of a non-numeric cell, exit 2', async () => {
    const run = await runCli('sii', `${FIXTURES}/sii_bad_value_letter_o.csv`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: ${FIXTURES}/sii_bad_value_letter_o.csv:5: column "value": not a number (got "75.2O")`,
    );
  });

  it('names the missing standard error column, exit 2', async () => {
    const run = await runCli('sii', `${FIXTURES}/sii_missing_se_column.csv`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${FIXTURES}/sii_missing_se_column.csv:1: column "se": missing column: give "se", or both "lower" and "upper"`,
    );
  });

  it('names both lines of a duplicated quantile, exit 2', async () => {
    const run = await runCli('sii', `${FIXTURES}/sii_duplicate_quantile_3.csv`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${FIXTURES}/sii_duplicate_quantile_3.csv:7: column "quantile": duplicate quantile (first on line 4) (got "3")`,
    );
  });

  it('refuses a missing quantile with the reason, exit 1', async () => {
    const run = await runCli('sii', `${FIXTURES}/sii_missing_quantile_4.csv`);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      refused: true,
      reason: 'quantile 4 is missing: the SII needs every quantile 1..10',
    });
  });

  it('rejects fewer than 1,000 simulations and unknown options, exit 2', async () => {
    const few = await runCli(
      'sii',
      `${FIXTURES}/sii_le_e06000001_male_se.csv`,
      '--simulations',
      '999',
    );
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('--simulations must be at least 1000');
    const unknown = await runCli('sii', `${FIXTURES}/sii_le_e06000001_male_se.csv`, '--seeds', '3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--seeds'/);
  });

  it('computes one SII per group (phe_sii worked example 2: six periods of DSR data, log transform)', async () => {
    const run = await runCli(
      'sii',
      `${FIXTURES}/sii_grouped_dsr_periods.csv`,
      '--transform',
      'log',
      '--simulations',
      '2000',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const published: Record<string, [number, number]> = {
      '2010': [-14.03684, 0.9010655],
      '2011': [-12.83196, 0.9086641],
      '2012': [-11.09234, 0.9199455],
      '2013': [-10.06041, 0.9266342],
      '2014': [-10.06085, 0.9263086],
      '2015': [-8.53077, 0.9368534],
    };
    expect(out.results.map((r: { group: string }) => r.group)).toEqual(Object.keys(published));
    for (const r of out.results) {
      const [s, rii] = published[r.group] ?? [Number.NaN, Number.NaN];
      expect(r.sii.value).toBeCloseTo(s, 5);
      expect(r.rii.value).toBeCloseTo(rii, 7);
    }
  });

  it('takes --multiplier and --confidence (phe_sii example 3: obesity x -100 = 10.964626)', async () => {
    const run = await runCli(
      'sii',
      `${FIXTURES}/phe_ncmp_607_year6.csv`,
      '--transform',
      'logit',
      // A negative number goes after '=' (node's argument parser reads "-100" as an option).
      '--multiplier=-100',
      '--confidence',
      '95,99.8',
      '--simulations',
      '10000',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.sii.value).toBeCloseTo(10.964626, 5);
    // Published 95% limits 10.442276 to 11.487365 (their own Monte Carlo error ~0.01).
    expect(Math.abs(out.sii.lower95 - 10.442276)).toBeLessThan(0.03);
    expect(Math.abs(out.sii.upper95 - 11.487365)).toBeLessThan(0.03);
    const [c95, c998] = out.sii.intervals;
    expect(c95.confidence).toBe(0.95);
    expect(c998.confidence).toBe(0.998);
    expect(c998.lower).toBeLessThan(c95.lower);
    expect(c998.upper).toBeGreaterThan(c95.upper);
    expect(out).toMatchObject({
      multiplier: -100,
      valueType: 'proportion',
      confidence: '95%, 99.8%',
    });
  });

  it('rejects an unknown --value-type and a --multiplier of 0, exit 2', async () => {
    const file = `${FIXTURES}/sii_le_e06000001_male_se.csv`;
    const bad = await runCli('sii', file, '--value-type', 'count');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--value-type must be one of normal, rate, proportion');
    const zero = await runCli('sii', file, '--multiplier', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--multiplier must not be 0');
  });

  it('rejects an unknown command, exit 2', async () => {
    const run = await runCli('summarise', 'x.csv');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "summarise"');
  });
});
