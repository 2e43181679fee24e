// About the real data: the roll-up that makes the England comparators, applied to every local
// authority's LSOAs of ../shared/data/raw/indicators/imd2019_lsoa11_england.csv, against what
// MHCLG published for those authorities (IoD 2019 File 10). Fails, like the other real-data
// tests, when the raw folder is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gss, num, readCsvTable, text } from '../../data/csv_table.ts';
import { readEnglandComparators } from '../../data/england_comparators.ts';
import { RAW, rawPath } from '../../data/raw_catalogue.ts';
import { imd2019Columns } from '../../data/sources/imd2019.ts';
import { readImd2019England } from '../../data/sources/imd2019_england.ts';
import { rollUpColumns } from '../../data/tables.ts';
import type { Comparator } from '../../contracts/manifest.ts';
import { assignByLookup, weightedMeanBy } from '../../workers/rollup/aggregate.ts';
import { REAL_RAW } from '../helpers/raw_copy.ts';

const Summary = z.object({
  lad19cd: gss(),
  index_domain: text,
  average_score: num,
  proportion_bottom_decile: num,
});

/** Half up, as MHCLG's published figures are rounded (Math.round rounds .5 up). */
const roundTo = (v: number, dp: number) => Math.round(v * 10 ** dp) / 10 ** dp;

interface ByLad {
  codes: string[];
  /** Rolled-up values per authority, by indicator id, in the atlas's units. */
  values: Map<string, Float64Array>;
  /** Share of each authority's LSOAs in national decile 1 of a domain (0-1). */
  decile1Share: (decileColumn: string) => Float64Array;
  /** A column's mean per authority with another column as weights. */
  reweighted: (id: string, weightId: string) => Float64Array;
}

let byLad: ByLad;
let published: Map<string, z.infer<typeof Summary>>;
let england: Comparator[];

beforeAll(async () => {
  const rows = (await readImd2019England(REAL_RAW)).map((r) => r.value);
  const codes = [...new Set(rows.map((r) => r.lad19cd))].sort();
  const { assignment, unassigned } = assignByLookup(
    rows.map((r) => r.lsoa11cd),
    new Map(rows.map((r) => [r.lsoa11cd, r.lad19cd])),
    codes,
  );
  if (unassigned.length > 0) throw new Error(`unassigned LSOAs: ${unassigned.length}`);
  const columns = imd2019Columns(rows);
  const rolled = rollUpColumns(columns, assignment);
  const ones = new Float64Array(rows.length).fill(1);
  const column = (id: string) => {
    const c = columns.find((x) => x.meta.id === id)?.values;
    if (!c) throw new Error(`no column ${id}`);
    return c;
  };
  byLad = {
    codes,
    values: new Map([...rolled].map(([id, r]) => [id, r.values])),
    decile1Share: (id) =>
      weightedMeanBy(
        column(id).map((d) => (d === 1 ? 1 : 0)),
        ones,
        assignment,
      ),
    reweighted: (id, weightId) => weightedMeanBy(column(id), column(weightId), assignment),
  };
  const summaries = await readCsvTable(
    rawPath(REAL_RAW, 'iod2019Summaries'),
    RAW.iod2019Summaries.path,
    Summary,
  );
  published = new Map(summaries.map(({ value: s }) => [`${s.lad19cd}|${s.index_domain}`, s]));
  england = await readEnglandComparators(REAL_RAW);
}, 60_000);

const DOMAINS = [
  {
    domain: 'Index of Multiple Deprivation',
    id: 'imd2019_score',
    scale: 1,
    decile: 'imd2019_decile',
  },
  { domain: 'Income', id: 'imd2019_income_rate', scale: 100, decile: 'imd2019_income_decile' },
  {
    domain: 'Employment',
    id: 'imd2019_employment_rate',
    scale: 100,
    decile: 'imd2019_employment_decile',
  },
] as const;

function publishedFor(lad: string, domain: string) {
  const s = published.get(`${lad}|${domain}`);
  if (!s) throw new Error(`File 10 has no ${domain} row for ${lad}`);
  return s;
}

describe('the comparator roll-up against MHCLG File 10, every local authority', () => {
  it('covers the 317 authorities of File 10', () => {
    expect(byLad.codes).toHaveLength(317);
    for (const lad of byLad.codes) publishedFor(lad, 'Index of Multiple Deprivation');
  });

  it('gives Sefton 27.035 and Knowsley 43.006, and each LCR district its published score', () => {
    const score = byLad.values.get('imd2019_score');
    const at = (lad: string) => score?.[byLad.codes.indexOf(lad)]?.toFixed(3);
    expect(at('E08000014')).toBe('27.035');
    expect(at('E08000011')).toBe('43.006');
    expect(at('E08000012')).toBe('42.412');
    expect(at('E08000013')).toBe('31.518');
    expect(at('E08000015')).toBe('29.589');
    expect(at('E06000006')).toBe('32.325');
  });

  for (const d of DOMAINS) {
    it(`reproduces the ${d.domain} average score to its published 3 decimals`, () => {
      const values = byLad.values.get(d.id);
      if (!values) throw new Error(`no roll-up of ${d.id}`);
      let exact = 0;
      const far: string[] = [];
      byLad.codes.forEach((lad, i) => {
        const ours = (values[i] ?? NaN) / d.scale;
        const theirs = publishedFor(lad, d.domain).average_score;
        if (roundTo(ours, 3) === theirs) exact++;
        // The LSOA scores in the raw file are themselves rounded to 3 dp (File 10 used the
        // unrounded ones), which can move a mean by up to 0.0005: with the published
        // rounding, the two can be at most 0.001 apart.
        if (!(Math.abs(ours - theirs) <= 0.001 + 1e-9)) far.push(`${lad}: ${ours} vs ${theirs}`);
      });
      expect(far).toEqual([]);
      // Only means that fall within a hair of a rounding boundary may differ in the last digit
      // (9 to 13 of 317 on this data).
      expect(exact).toBeGreaterThanOrEqual(300);
    });

    it(`reproduces the ${d.domain} share of LSOAs in the most deprived decile exactly`, () => {
      const share = byLad.decile1Share(d.decile);
      byLad.codes.forEach((lad, i) =>
        expect([lad, roundTo(share[i] ?? NaN, 4)]).toEqual([
          lad,
          publishedFor(lad, d.domain).proportion_bottom_decile,
        ]),
      );
    });
  }

  it('tells the weights apart: employment weighted by all people misses File 10', () => {
    // So the match above shows the working-age weighting, not just any weighting.
    const byAllPeople = byLad.reweighted('imd2019_employment_rate', 'imd2019_pop_mid2015');
    const exact = byLad.codes.filter(
      (lad, i) =>
        roundTo((byAllPeople[i] ?? NaN) / 100, 3) === publishedFor(lad, 'Employment').average_score,
    );
    expect(exact.length).toBeLessThan(150);
  });
});

describe('England comparators from the real file', () => {
  const value = (id: string) => england.find((c) => c.indicatorId === id)?.value ?? NaN;

  it('has exactly the indicators the England file can support', () => {
    expect(england.map((c) => c.indicatorId)).toEqual([
      'imd2019_score',
      'imd2019_core20',
      'imd2019_income_rate',
      'imd2019_employment_rate',
      'imd2019_pop_mid2015',
      'imd2019_pop_working_age_mid2015',
    ]);
  });

  it('is the population-weighted mean of the authorities, and the populations add up', () => {
    const pop = byLad.values.get('imd2019_pop_mid2015') ?? new Float64Array();
    const wa = byLad.values.get('imd2019_pop_working_age_mid2015') ?? new Float64Array();
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(value('imd2019_pop_mid2015')).toBe(sum(pop));
    expect(value('imd2019_pop_working_age_mid2015')).toBe(sum(wa));
    const mean = (id: string, w: Float64Array) => {
      const v = byLad.values.get(id) ?? new Float64Array();
      return v.reduce((s, x, i) => s + x * (w[i] ?? NaN), 0) / sum(w);
    };
    expect(value('imd2019_score')).toBeCloseTo(mean('imd2019_score', pop), 5);
    expect(value('imd2019_core20')).toBeCloseTo(mean('imd2019_core20', pop), 3);
    expect(value('imd2019_income_rate')).toBeCloseTo(mean('imd2019_income_rate', pop), 3);
    expect(value('imd2019_employment_rate')).toBeCloseTo(mean('imd2019_employment_rate', wa), 3);
  });

  it('puts about a fifth of the population in Core20, as deciles 1-2 hold a fifth of LSOAs', () => {
    expect(value('imd2019_core20')).toBeGreaterThan(18);
    expect(value('imd2019_core20')).toBeLessThan(22);
  });

  it('keeps rates in percent, as the tables do', () => {
    expect(value('imd2019_income_rate')).toBeGreaterThan(5);
    expect(value('imd2019_income_rate')).toBeLessThan(30);
  });
});
