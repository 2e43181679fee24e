// The England overview's authority table in a partial build (data/national_districts.ts) and its
// IoD 2025 figures from File 10 (data/iod2025_file10.ts), on a small fixture: districts without
// a bundle get a row rolled up from the England LSOA columns by each column's own rule (a merged
// district through its 2019 codes), values they cannot have are null, never zero, and File 10
// replaces the bundle figures where it has the district, saying so in the method.
import { describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorTable } from '../../contracts/manifest.ts';
import type { LsoaColumn } from '../../data/columns.ts';
import { applyFile10, FILE10_2025_METHOD } from '../../data/iod2025_file10.ts';
import { addUnbuiltDistricts } from '../../data/national_districts.ts';
import type { Registry } from '../../data/registry.ts';

const meta = (id: string): Omit<IndicatorMeta, 'geographies'> => ({
  id,
  label: id,
  theme: 'Deprivation',
  unit: 'score',
  kind: 'score',
  decimals: 3,
  polarity: 'higher-is-worse',
  definition: 'd',
  source: 's',
  period: 'p',
  vintage: 'LSOA 2011',
  licence: 'l',
});
const column = (id: string, values: number[], rollup: LsoaColumn['rollup']): LsoaColumn => ({
  meta: meta(id),
  lsoaVintage: '2011',
  values: Float64Array.from(values),
  rollup,
  carry: null,
});

const district = (code: string, name: string) => ({ code, name }) as Registry['districts'][number];
const registry = {
  districts: [
    district('E06000009', 'Blackpool'),
    district('E06000065', 'North Yorkshire'),
    district('E07000089', 'Hart'),
  ],
  current: new Map([
    ['E07000165', 'E06000065'], // Harrogate, 2019
    ['E07000166', 'E06000065'], // Richmondshire, 2019
  ]),
} as unknown as Registry;

const built = (): IndicatorTable => ({
  geography: 'lad',
  codes: ['E06000009'],
  names: ['Blackpool'],
  districts: ['E06000009'],
  centres: [[-3.0, 53.8]],
  centreMethod: 'as in each district bundle',
  values: { imd2019_score: [45.039], imd2025_score: [40.1], census2021_share: [12] },
});

describe('every district in the authority table', () => {
  // Six LSOAs: Blackpool's two (built), Harrogate's two and Richmondshire's one (North
  // Yorkshire since 2023), Hart's one.
  const england = {
    districts: ['E06000009', 'E06000009', 'E07000165', 'E07000165', 'E07000166', 'E07000089'],
    columns: [
      column('imd2019_score', [50, 40, 10, 20, 30, 5], {
        kind: 'weightedMean',
        weight: 'pop',
        describe: 'population-weighted mean',
      }),
      column('pop', [100, 100, 100, 300, 100, 200], { kind: 'sum' }),
    ],
  };

  it('adds the districts without a bundle, rolled up by the same rule, null where they have no value', () => {
    const table = built();
    const methods = new Map([['imd2019_score', 'population-weighted mean']]);
    expect(addUnbuiltDistricts(table, methods, registry, england)).toBe(2);
    expect(table.codes).toEqual(['E06000009', 'E06000065', 'E07000089']);
    expect(table.names).toEqual(['Blackpool', 'North Yorkshire', 'Hart']);
    expect(table.centres).toEqual([[-3.0, 53.8], null, null]);
    // North Yorkshire: (10*100 + 20*300 + 30*100) / 500 = 20; Hart: 5.
    expect(table.values.imd2019_score).toEqual([45.039, 20, 5]);
    expect(table.values.census2021_share).toEqual([12, null, null]);
    expect(table.values.imd2025_score).toEqual([40.1, null, null]);
    expect(methods.get('imd2019_score')).toBe(
      'population-weighted mean; for the 2 districts not built, the same rule over their LSOAs of the IoD 2019 England file',
    );
    // A full build adds nothing.
    expect(addUnbuiltDistricts(table, methods, registry, england)).toBe(0);
  });

  it("puts File 10's IoD 2025 figures in where the file has the district, and says how many", () => {
    const table = built();
    const methods = new Map([['imd2025_score', 'mean of LSOA values']]);
    addUnbuiltDistricts(table, methods, registry, england);
    const file10 = new Map([
      ['E06000009', new Map([['imd2025_score', 43.467]])],
      ['E07000089', new Map([['imd2025_score', 5.914]])],
    ]);
    expect(applyFile10(table, methods, file10)).toEqual(['imd2025_score']);
    expect(table.values.imd2025_score).toEqual([43.467, null, 5.914]);
    expect(methods.get('imd2025_score')).toBe(
      `${FILE10_2025_METHOD} (2 districts); mean of LSOA values (1 district not in File 10)`,
    );
    const all = new Map([...file10, ['E06000065', new Map([['imd2025_score', 11.2]])]]);
    applyFile10(table, methods, all);
    expect(methods.get('imd2025_score')).toBe(FILE10_2025_METHOD);
  });
});
