// Headline numbers of the one-pager: a hand-made headline for the rules (latest period, trend,
// change, comparison words), then the real Sefton build against the published figures in
// BRIEF.md and indicators/SOURCES.md (OHID Fingertips 90366, 90362, 92901; MHCLG File 10).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import {
  HeadlineSchema,
  IndicatorTableSchema,
  type Headline,
  type IndicatorTable,
} from '../../contracts/manifest.ts';
import {
  comparisonWord,
  core20Population,
  headlineFigures,
  periodLabel,
} from '../../src/reports/headline_figures.ts';
import { groupSources, licenceSentences } from '../../src/reports/source_lines.ts';
import { REAL_RAW, scratchDir } from '../helpers/raw_copy.ts';

const row = (
  indicatorId: string,
  areaCode: string,
  period: string,
  sex: string,
  value: number | null,
  comparedToEngland = 'Not compared',
) => ({
  indicatorId,
  indicator: 'x',
  areaCode,
  areaName: areaCode === 'E92000001' ? 'England' : 'Testshire',
  period,
  sex,
  value,
  unit: 'Years',
  comparedToEngland,
});

const FIXTURE: Headline = {
  lifeExpectancy: [
    row('90366', 'E06000001', '2016 - 18', 'Male', 77.0, 'Worse'),
    row('90366', 'E06000001', '2015 - 17', 'Male', 76.5, 'Worse'),
    row('90366', 'E06000001', '2017 - 19', 'Male', null),
    row('90366', 'E92000001', '2015 - 17', 'Male', 79.5),
    row('90366', 'E92000001', '2016 - 18', 'Male', 79.6),
    row('90366', 'E92000001', '2017 - 19', 'Male', 79.7),
    row('90366', 'E06000002', '2017 - 19', 'Male', 70.0, 'Worse'),
  ],
  deprivationSummaries: [],
  comparators: [],
  sources: [],
};

describe('headline figures', () => {
  it('takes the latest period with a value, the whole trend and the change since the first', () => {
    const [f, ...rest] = headlineFigures(FIXTURE, 'E06000001');
    expect(rest).toEqual([]);
    expect(f?.latest).toEqual({
      period: '2016 - 18',
      area: 77.0,
      england: 79.6,
      comparedToEngland: 'Worse',
    });
    expect(f?.trend.map((t) => t.period)).toEqual(['2015 - 17', '2016 - 18', '2017 - 19']);
    expect(f?.trend[2]).toEqual({ period: '2017 - 19', area: null, england: 79.7 });
    expect(f?.change?.from).toBe('2015 - 17');
    expect(f?.change?.by).toBeCloseTo(0.5, 10);
    expect(f && comparisonWord(f)).toBe('worse');
    expect(periodLabel('2015 - 17')).toBe('2015-17');
  });

  it('has nothing for an area without rows, and no comparison word when not compared', () => {
    expect(headlineFigures(FIXTURE, 'E06000009')).toEqual([]);
    const other = headlineFigures(
      { ...FIXTURE, lifeExpectancy: [row('90366', 'E1', '2015 - 17', 'Male', 1)] },
      'E1',
    );
    expect(other[0] && comparisonWord(other[0])).toBe('');
  });

  it('counts people in Core20 LSOAs (deciles 1 and 2) and skips LSOAs without data', () => {
    const c = core20Population([1, 2, 3, null, 10, 1], [100, 200, 300, 400, null, 50], 'test');
    expect(c).toEqual({
      edition: 'test',
      people: 350,
      total: 650,
      share: (100 * 350) / 650,
      lsoas: 3,
      lsoasTotal: 4,
      decile1Lsoas: 2,
    });
    expect(core20Population([null], [1], 'x')).toBeNull();
  });
});

describe('source and licence lines', () => {
  it('lists each licence sentence once, whatever its punctuation', () => {
    expect(
      licenceSentences(
        'Contains OS data © Crown copyright 2014; Contains Royal Mail data. X v.3.0.',
      ),
    ).toEqual([
      'Contains OS data © Crown copyright 2014.',
      'Contains Royal Mail data.',
      'X v.3.0.',
    ]);
    const g = groupSources([
      {
        what: 'A',
        source: 'MHCLG.',
        licence: 'Open Government Licence v3.0. Contains OS data 2011',
      },
      { what: 'B', source: 'ONS', licence: 'Open Government Licence v3.0.' },
      { what: 'A', source: 'MHCLG', licence: '' },
    ]);
    expect(g.sources).toEqual(['A: MHCLG.', 'B: ONS.']);
    expect(g.licences).toEqual(['Open Government Licence v3.0.', 'Contains OS data 2011.']);
  });
});

describe('headline figures of the real Sefton build', () => {
  let dir = '';
  let headline: Headline;
  let lsoa11: IndicatorTable;
  let lsoa21: IndicatorTable;
  beforeAll(async () => {
    dir = await scratchDir();
    await buildAtlasData({ area: 'E08000014', rawDir: REAL_RAW, outDir: dir });
    const json = async (f: string) =>
      JSON.parse(await readFile(path.join(dir, f), 'utf8')) as unknown;
    headline = HeadlineSchema.parse(await json('headline.json'));
    lsoa11 = IndicatorTableSchema.parse(await json('tables/lsoa11.json'));
    lsoa21 = IndicatorTableSchema.parse(await json('tables/lsoa21.json'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const at = (id: string, sex: string, period: string) => {
    const f = headlineFigures(headline, 'E08000014').find(
      (x) => x.indicatorId === id && x.sex === sex,
    );
    return f?.trend.find((t) => t.period === period);
  };

  it('gives the published life expectancy and healthy life expectancy, 2022-24', () => {
    expect(at('90366', 'Male', '2022 - 24')).toMatchObject({ area: 78.7, england: 79.5 });
    expect(at('90366', 'Female', '2022 - 24')).toMatchObject({ area: 82.0, england: 83.3 });
    expect(at('90362', 'Male', '2022 - 24')).toMatchObject({ area: 59.0 });
    expect(at('90362', 'Female', '2022 - 24')).toMatchObject({ area: 59.5 });
  });

  it('gives the published slope index of inequality in life expectancy as the latest', () => {
    const sii = headlineFigures(headline, 'E08000014').filter((f) => f.indicatorId === '92901');
    expect(sii.map((f) => [f.sex, f.latest?.period, f.latest?.area, f.latest?.england])).toEqual([
      ['Male', '2022 - 24', 11.6, 10.4],
      ['Female', '2022 - 24', 11.1, 8.0],
    ]);
  });

  it("counts Core20 LSOAs as MHCLG's File 10 does (share in decile 1)", () => {
    for (const [table, edition, decileId, popId] of [
      [lsoa11, 'IoD2019', 'imd2019_decile', 'pop2020_total'],
      [lsoa21, 'IoD2025', 'imd2025_decile', 'census2021_residents'],
    ] as const) {
      const c = core20Population(table.values[decileId] ?? [], table.values[popId] ?? [], edition);
      const published = headline.deprivationSummaries.find(
        (s) =>
          s.areaCode === 'E08000014' &&
          s.edition === edition &&
          s.indexDomain === 'Index of Multiple Deprivation',
      )?.proportionMostDeprivedDecile;
      expect(published).toBeTypeOf('number');
      expect(c?.lsoasTotal).toBe(table.codes.length);
      expect((c?.decile1Lsoas ?? 0) / (c?.lsoasTotal ?? 1)).toBeCloseTo(published ?? NaN, 4);
      // People in deciles 1-2 over all people: between the decile-1 share and 100%.
      expect(c?.share).toBeGreaterThan(100 * (published ?? 0));
    }
  });
});
