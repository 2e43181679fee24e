// Custom area statistics: hand-computed small cases, and the whole of Sefton as one custom
// area (drawn as its outline) reproducing MHCLG's average IMD 2019 score, 27.035.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { IndicatorTableSchema, type IndicatorTable } from '../../contracts/manifest.ts';
import {
  countInside,
  customAreaFigures,
  membersInside,
  rollUp,
  rollupRuleFor,
  type RollupMeta,
} from '../../workers/rollup/custom_area_figures.ts';
import { decodeAreas } from '../../workers/geometry/decode_areas.ts';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import { buildPolygonIndex, locatePoints } from '../../workers/geometry/polygon_index.ts';
import { REAL_RAW, scratchDir } from '../helpers/raw_copy.ts';

const meta = (id: string, kind: RollupMeta['kind'], unit: string): RollupMeta => ({
  id,
  kind,
  unit,
});

// Four areas; the custom area is areas 0 and 2.
const table = {
  values: {
    pop2020_total: [100, 200, 300, 400],
    imd2019_pop_mid2015: [110, 190, 290, 410],
    imd2019_score: [40, 10, 20, 5],
    imd2019_core20: [100, 0, 0, 0],
    imd2019_rank: [10, 30000, 2000, 31000],
    census2021_households: [50, 80, 150, 170],
    census2021_hh_deprived_1plus_share: [60, 40, 50, 30],
    gp_visits: [7, null, 3, 1],
  },
};
const members = [0, 2];

describe('custom area roll-ups (METHODS.md section 4)', () => {
  it('adds counts up', () => {
    const r = rollUp(table, 4, members, meta('pop2020_total', 'count', 'people'), 'pop2020_total');
    expect(r.value).toBe(400);
    expect(r.rule.kind).toBe('sum');
  });

  it("weights the IMD 2019 score by the IoD's own mid-2015 populations", () => {
    // (110 x 40 + 290 x 20) / (110 + 290) = (4400 + 5800) / 400 = 25.5
    const r = rollUp(table, 4, members, meta('imd2019_score', 'score', 'score'), 'pop2020_total');
    expect(r.value).toBeCloseTo(25.5, 12);
    expect(r.rule).toMatchObject({ kind: 'weightedMean', weight: 'imd2019_pop_mid2015' });
  });

  it('gives the Core20 share as a population-weighted share, and refuses to average ranks', () => {
    // 110 of 400 mid-2015 people live in the Core20 area: 27.5%.
    const core20 = rollUp(
      table,
      4,
      members,
      meta('imd2019_core20', 'share', '% of population'),
      'pop2020_total',
    );
    expect(core20.value).toBeCloseTo(27.5, 12);
    const rank = rollUp(table, 4, members, meta('imd2019_rank', 'rank', 'rank'), 'pop2020_total');
    expect(rank.value).toBeNull();
    expect(rank.reason).toContain('cannot be averaged');
  });

  it('weights a share of households by households (= summed numerators over denominators)', () => {
    // (50 x 60 + 150 x 50) / 200 = (3000 + 7500) / 200 = 52.5: 105 of 200 households.
    const r = rollUp(
      table,
      4,
      members,
      meta('census2021_hh_deprived_1plus_share', 'share', '% of households'),
      'pop2020_total',
    );
    expect(r.value).toBeCloseTo(52.5, 12);
    expect(r.rule).toMatchObject({ weight: 'census2021_households' });
  });

  it('gives no value, saying why, when a member lacks one', () => {
    const r = rollUp(table, 4, [0, 1], meta('gp_visits', 'rate', 'per 1,000'), 'pop2020_total');
    expect(r).toMatchObject({ value: null, reason: '1 of the 2 areas have no value or weight' });
    const ok = rollUp(table, 4, [0, 3], meta('gp_visits', 'rate', 'per 1,000'), 'pop2020_total');
    // Imported indicators fall back to the area population: (100 x 7 + 400 x 1) / 500 = 2.2
    expect(ok.value).toBeCloseTo(2.2, 12);
  });

  it('picks the population column when nothing better exists', () => {
    const has = (id: string) => id === 'census2021_residents';
    expect(rollupRuleFor(meta('x', 'rate', '%'), has, 'census2021_residents')).toMatchObject({
      kind: 'weightedMean',
      weight: 'census2021_residents',
    });
    expect(rollupRuleFor(meta('x', 'rate', '%'), () => false, 'census2021_residents').kind).toBe(
      'none',
    );
  });

  it('counts members and points inside from located indices', () => {
    expect(membersInside(Int32Array.from([-1, 0, 0, -1, 0]))).toEqual([1, 2, 4]);
    expect(countInside(Int32Array.from([0, -1, 0, 0]), Uint32Array.from([0, 0, 1, 1]), 3)).toEqual([
      1, 2, 0,
    ]);
  });

  it('gives the headline figures together', () => {
    const f = customAreaFigures(table, 4, members, {
      population: meta('pop2020_total', 'count', 'people'),
      imdScore: meta('imd2019_score', 'score', 'score'),
      core20: meta('imd2019_core20', 'share', '% of population'),
    });
    expect(f.areas).toBe(2);
    expect(f.population.value).toBe(400);
    expect(f.imdScore.value).toBeCloseTo(25.5, 12);
    expect(f.core20.value).toBeCloseTo(27.5, 12);
  });
});

describe('the whole of Sefton drawn as one custom area', () => {
  let dir = '';
  let lsoa: IndicatorTable;
  let outline: Awaited<ReturnType<typeof decodeAreas>>;

  beforeAll(async () => {
    dir = await scratchDir();
    const out = path.join(dir, 'data');
    await buildAtlasData({ area: 'E08000014', rawDir: REAL_RAW, outDir: out });
    lsoa = IndicatorTableSchema.parse(
      JSON.parse(await readFile(path.join(out, 'tables', 'lsoa11.json'), 'utf8')),
    );
    outline = decodeAreas(
      JSON.parse(await readFile(path.join(out, 'geometry.topo.json'), 'utf8')),
      ['lad'],
    );
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds every LSOA by centre and gives the official IMD 2019 average score 27.035', () => {
    const lad = outline.lad;
    if (!lad) throw new Error('no outline');
    const index = buildPolygonIndex(packPolygons(lad));
    const xy = Float64Array.from(lsoa.centres.flatMap((c) => c ?? [NaN, NaN]));
    const inside = membersInside(locatePoints(index, xy));
    expect(inside).toHaveLength(189);
    const f = customAreaFigures(lsoa, lsoa.codes.length, inside, {
      population: meta('pop2020_total', 'count', 'people'),
      imdScore: meta('imd2019_score', 'score', 'score'),
      core20: meta('imd2019_core20', 'share', '% of population'),
    });
    expect(f.imdScore.rule).toMatchObject({ weight: 'imd2019_pop_mid2015' });
    expect(Number(f.imdScore.value?.toFixed(3))).toBe(27.035);
    expect(f.population.value).toBe(
      (lsoa.values.pop2020_total ?? []).reduce<number>((s, v) => s + (v ?? NaN), 0),
    );
  });
});
