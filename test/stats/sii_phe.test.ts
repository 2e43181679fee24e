// phe_sii against PHEindicatormethods' published test sheet (tests/testthat/testdata_SII.xlsx):
// every case of testSII.R that the atlas supports, with the same arguments. The package holds
// the SII and RII to match and the simulated limits within a relative tolerance of 0.05
// (averaged over the columns compared). Here the point estimates must agree to 1e-9 and each
// limit within 2% of the published interval's width: the published limits carry their own
// Monte Carlo error (different seeds here move the 95% lower limit of records 1-10 by about
// 0.02 on an interval 7.6 wide), so a tolerance on the limit's own size would be arbitrary
// for limits near 0.
import { describe, expect, it } from 'vitest';
import { sii, type SiiOptions } from '../../workers/stats/sii.ts';
import { num, readFixture } from './read_fixture.ts';

interface Case {
  /** First and last RecordNo of the case in the sheet. */
  records: [number, number];
  name: string;
  options: SiiOptions;
  /** Use the SE column rather than the limits (only for value type normal). */
  useSe?: boolean;
  /** Levels of the sheet's _1 and _2 limit columns. */
  levels: number[];
  /** Only the SII is published (quintiles). */
  siiOnly?: boolean;
}

const CASES: Case[] = [
  { records: [1, 20], name: 'default, SE given', options: {}, useSe: true, levels: [0.95] },
  { records: [1, 20], name: 'default, limits given', options: {}, levels: [0.95] },
  { records: [21, 40], name: '99% confidence', options: { confidence: 0.99 }, levels: [0.99] },
  { records: [41, 60], name: '10,000 repetitions', options: {}, useSe: true, levels: [0.95] },
  { records: [61, 70], name: 'quintiles', options: {}, useSe: true, levels: [0.95], siiOnly: true },
  { records: [71, 90], name: 'rate, no transform', options: { valueType: 'rate' }, levels: [0.95] },
  {
    records: [91, 110],
    name: 'proportion, no transform',
    options: { valueType: 'proportion' },
    levels: [0.95],
  },
  {
    records: [111, 130],
    name: 'proportion x 100',
    options: { valueType: 'proportion', multiplier: 100 },
    levels: [0.95],
  },
  {
    records: [131, 150],
    name: 'proportion x -100',
    options: { valueType: 'proportion', multiplier: -100 },
    levels: [0.95],
  },
  {
    records: [226, 245],
    name: '95% and 99% at once',
    options: { confidence: [95, 99] },
    useSe: true,
    levels: [0.95, 0.99],
  },
  { records: [246, 265], name: 'intercept', options: {}, levels: [0.95] },
  { records: [266, 285], name: 'rate intercept', options: { valueType: 'rate' }, levels: [0.95] },
  {
    records: [286, 305],
    name: 'proportion intercept',
    options: { valueType: 'proportion' },
    levels: [0.95],
  },
  { records: [306, 325], name: 'log transform', options: { transform: 'log' }, levels: [0.95] },
  { records: [326, 345], name: 'logit transform', options: { transform: 'logit' }, levels: [0.95] },
  {
    records: [346, 365],
    name: 'logit transform x -1',
    options: { transform: 'logit', multiplier: -1 },
    levels: [0.95],
  },
  {
    records: [366, 385],
    name: 'log transform, 95% and 98%',
    options: { transform: 'log', confidence: [95, 98] },
    levels: [0.95, 0.98],
  },
  {
    records: [386, 405],
    name: 'log transform x -1',
    options: { transform: 'log', multiplier: -1 },
    levels: [0.95],
  },
  {
    records: [406, 425],
    name: 'log transform, 98%',
    options: { transform: 'log', confidence: 98 },
    levels: [0.98],
  },
  {
    records: [466, 485],
    name: 'logit transform, 98%',
    options: { transform: 'logit', confidence: 98 },
    levels: [0.98],
  },
  {
    records: [486, 505],
    name: 'logit transform, 95% and 98%',
    options: { transform: 'logit', confidence: [95, 98] },
    levels: [0.95, 0.98],
  },
];

const sheet = readFixture('phe/sii_testdata.csv');
const POINT = 1e-9;
const LIMIT = 0.02;

function relative(actual: number | null | undefined, expected: number): number {
  if (actual === null || actual === undefined) return Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('phe_sii published test cases', () => {
  for (const c of CASES) {
    const rows = sheet.filter((r) => {
      const record = num(r, 'RecordNo');
      return record >= c.records[0] && record <= c.records[1];
    });
    const areas = [...new Set(rows.map((r) => r['Area']))];
    for (const area of areas) {
      it(`records ${c.records.join('-')} ${area}: ${c.name}`, () => {
        const group = rows.filter((r) => r['Area'] === area);
        const expected = group[0];
        if (expected === undefined) throw new Error('empty case');
        const result = sii(
          group.map((r) => ({
            quantile: num(r, 'Quantile'),
            population: num(r, 'Population'),
            value: num(r, 'Value'),
            ...(c.useSe
              ? { se: num(r, 'StandardError') }
              : { lower: num(r, 'LowerCL'), upper: num(r, 'UpperCL') }),
          })),
          { ...c.options, seed: 2024 },
        );
        if (!result.ok) throw new Error(result.reason);
        const r = result.value;
        expect(relative(r.sii.value, num(expected, 'sii'))).toBeLessThan(POINT);
        if (c.siiOnly) return;
        expect(relative(r.rii.value, num(expected, 'rii'))).toBeLessThan(POINT);
        c.levels.forEach((level, i) => {
          const suffix = `_${i + 1}`;
          for (const stat of ['sii', 'rii'] as const) {
            const got = r[stat].intervals?.find((x) => x.confidence === level);
            const lower = num(expected, `${stat}_lowercl${suffix}`);
            const upper = num(expected, `${stat}_uppercl${suffix}`);
            const width = upper - lower;
            expect(width).toBeGreaterThan(0);
            expect(Math.abs((got?.lower ?? Number.NaN) - lower) / width).toBeLessThan(LIMIT);
            expect(Math.abs((got?.upper ?? Number.NaN) - upper) / width).toBeLessThan(LIMIT);
          }
        });
        if (expected['Intercept'] !== '') {
          expect(relative(r.intercept, num(expected, 'Intercept'))).toBeLessThan(POINT);
        }
      });
    }
  }
});

describe('phe_sii options refused as the package refuses them', () => {
  const rows = sheet
    .filter((r) => num(r, 'RecordNo') >= 71 && num(r, 'RecordNo') <= 80)
    .map((r) => ({
      quantile: num(r, 'Quantile'),
      population: num(r, 'Population'),
      value: num(r, 'Value'),
      se: num(r, 'StandardError'),
    }));

  it('refuses an SE for a rate: its SE must be on the log scale, from the limits', () => {
    const r = sii(rows, { valueType: 'rate' });
    expect(!r.ok && r.reason).toMatch(/^quantile 1: a rate needs the 95% confidence limits/);
  });

  it('refuses a transform that does not fit the value type, and a multiplier of 0', () => {
    expect(sii(rows, { valueType: 'normal', transform: 'log' }).ok).toBe(false);
    expect(sii(rows, { multiplier: 0 }).ok).toBe(false);
  });
});
