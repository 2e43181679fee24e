// Per-area funnel significance against PHEindicatormethods' published expected labels
// (tests/testthat/testdata_funnel_prop_inputs.csv and testdata_funnel_rate_dsr_inputs.csv, used
// by testFunnels.R's assign_funnel_significance tests; fixtures in test/fixtures/stats/phe/).
import { describe, expect, it } from 'vitest';
import { proportionFunnel, rateFunnel } from '../../workers/stats/funnel.ts';
import {
  bandOf,
  classifyFunnel,
  funnelVerdict,
  PHE_SIGNIFICANCE,
  type FunnelCount,
} from '../../workers/stats/funnel_significance.ts';
import { expectRelative } from './phe_tolerance.ts';
import { num, readFixture } from './read_fixture.ts';

function labels(counts: FunnelCount[], statistic: 'proportion' | 'rate', multiplier: number) {
  const r = classifyFunnel(counts, { statistic, multiplier, target: null });
  if (!r.ok) throw new Error(r.reason);
  return r.value.verdicts.map((v) => PHE_SIGNIFICANCE[v.band]);
}

describe('assign_funnel_significance: proportions (testdata_funnel_prop_inputs, 303 areas)', () => {
  const rows = readFixture('phe/funnel_prop_inputs.csv');
  const counts = rows.map((r) => ({
    numerator: num(r, 'numerator'),
    denominator: num(r, 'denominator'),
  }));
  it('every area has the package’s label', () => {
    expect(labels(counts, 'proportion', 100)).toEqual(rows.map((r) => r['significance']));
  });
  it('all five bands occur, so the test can tell them apart', () => {
    expect(new Set(labels(counts, 'proportion', 100)).size).toBe(5);
  });
  it('limits at each denominator are the published funnel limits (funnel.ts)', () => {
    const target =
      counts.reduce((s, c) => s + c.numerator, 0) / counts.reduce((s, c) => s + c.denominator, 0);
    for (const c of counts.slice(0, 20)) {
      const v = funnelVerdict(c, target, 'proportion', 100);
      const f = proportionFunnel(c.denominator, target, 100);
      expectRelative(v.limits.lower95, f.lower95);
      expectRelative(v.limits.upper998, f.upper998);
      expect(v.band).toBe(bandOf(v.value, f));
    }
  });
});

describe('assign_funnel_significance: crude rates (testdata_funnel_rate_dsr_inputs)', () => {
  const rows = readFixture('phe/funnel_rate_dsr_inputs.csv');
  const counts = rows.map((r) => ({ numerator: num(r, 'count'), denominator: num(r, 'pop') }));
  const nonZero = rows.filter((r) => num(r, 'count') !== 0);
  it.each([
    [100_000, 'crude_per_100000_with_0'],
    [100, 'crude_per_100_with_0'],
  ])('per %s with the zero-count area', (multiplier, column) => {
    expect(labels(counts, 'rate', multiplier)).toEqual(rows.map((r) => r[column]));
  });
  it.each([
    [100_000, 'crude_per_100000_without_0'],
    [100, 'crude_per_100_without_0'],
  ])('per %s without it (a different pooled target)', (multiplier, column) => {
    const c = nonZero.map((r) => ({ numerator: num(r, 'count'), denominator: num(r, 'pop') }));
    expect(labels(c, 'rate', multiplier)).toEqual(nonZero.map((r) => r[column]));
  });
  it('with and without the zero area differ, so the pooled target matters', () => {
    expect(rows.map((r) => r['crude_per_100000_with_0'])).not.toEqual(
      rows.map((r) => r['crude_per_100000_without_0']),
    );
  });
  it('a rate outside its limits is one the test calls significant', () => {
    const r = classifyFunnel(counts, { statistic: 'rate', multiplier: 1e5, target: null });
    if (!r.ok) throw new Error(r.reason);
    for (const v of r.value.verdicts) expect(bandOf(v.value, v.limits)).toBe(v.band);
  });
  it('rate limits at a denominator agree with the drawn funnel (exact Poisson) within 1%', () => {
    const target = 116.1720835 / 1e5;
    const f = rateFunnel(500, target, 1e5, 1);
    const v = funnelVerdict(
      { numerator: 500, denominator: f.population95Upper },
      target,
      'rate',
      1e5,
    );
    expect(Math.abs(v.limits.upper95 / f.upper95 - 1)).toBeLessThan(0.01);
  });
});

describe('classifyFunnel refusals', () => {
  it('refuses a numerator above the denominator for a proportion, a zero denominator, a bad target', () => {
    const bad = classifyFunnel([{ numerator: 5, denominator: 4 }], {
      statistic: 'proportion',
      multiplier: 100,
      target: null,
    });
    expect(bad).toEqual({
      ok: false,
      reason: 'area 1: for a proportion the numerator must not exceed the denominator',
    });
    const zero = classifyFunnel([{ numerator: 0, denominator: 0 }], {
      statistic: 'rate',
      multiplier: 100,
      target: 5,
    });
    expect(zero.ok).toBe(false);
    const target = classifyFunnel([{ numerator: 1, denominator: 4 }], {
      statistic: 'proportion',
      multiplier: 100,
      target: 100,
    });
    expect(target.ok).toBe(false);
  });
  it('takes a given target in the value’s units', () => {
    const r = classifyFunnel([{ numerator: 60, denominator: 100 }], {
      statistic: 'proportion',
      multiplier: 100,
      target: 40,
    });
    expect(r.ok && r.value.target).toBe(40);
    expect(r.ok && r.value.verdicts[0]?.band).toBe('above998');
  });
});
