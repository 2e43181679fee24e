// A small atlas view for the report models, built by hand: four 2011 LSOAs of "Testshire" with
// a life expectancy (higher is better), IMD 2019 deciles and populations, the map's ranks, the
// gap chart's inputs and one inequality answer. Only what the pure models read is real; the
// map and point layers are empty stand-ins.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Headline, IndicatorMeta, Manifest } from '../../contracts/manifest.ts';
import { AtlasModel } from '../../src/atlas_model.ts';
import type { AtlasView } from '../../src/state/atlas_view.ts';
import { DEFAULT_VIEW } from '../../src/state/view_state.ts';
import type { InequalityOutput } from '../../workers/inequality/inequality_by_deprivation.ts';

export const OGL =
  'Contains public sector information licensed under the Open Government Licence v3.0.';

const meta = (m: Partial<IndicatorMeta> & Pick<IndicatorMeta, 'id' | 'label'>): IndicatorMeta => ({
  theme: 'Health',
  unit: 'years',
  kind: 'score',
  decimals: 1,
  polarity: 'higher-is-better',
  definition: 'x',
  source: 'ONS',
  period: '2016-20',
  vintage: 'LSOA 2011',
  licence: OGL,
  geographies: { lsoa11: { method: 'as published', derived: false } },
  ...m,
});

export const LIFE = meta({ id: 'life_exp', label: 'Life expectancy at birth' });
const DECILE = meta({
  id: 'imd2019_decile',
  label: 'IMD 2019 decile',
  kind: 'decile',
  source: 'MHCLG IoD 2019',
  licence: `${OGL} Contains OS data © Crown copyright and database right 2019.`,
});
const POP = meta({ id: 'pop2020_total', label: 'Population mid-2020', kind: 'count' });

const MANIFEST = {
  area: {
    id: 'E06000001',
    name: 'Testshire',
    districts: [{ code: 'E06000001', name: 'Testshire' }],
  },
  geographies: [
    {
      id: 'lsoa11',
      label: 'LSOA (2011)',
      vintage: '2011',
      count: 4,
      object: 'lsoa11',
      table: 'lsoa11.json',
      source: 'ONS LSOA (2011) boundaries',
      licence: `${OGL} Contains OS data © Crown copyright and database right 2011.`,
    },
  ],
  indicators: [LIFE, DECILE, POP],
  layers: [],
} as unknown as Manifest;

/** Areas A to D, north to south. Ranks (1 = worst, lowest): B, D, A; C has no value. */
const TABLE = {
  geography: 'lsoa11' as const,
  codes: ['E01000001', 'E01000002', 'E01000003', 'E01000004'],
  names: ['Alpha', 'Beta', 'Gamma', 'Delta'],
  districts: ['E06000001', 'E06000001', 'E06000001', 'E06000001'],
  centres: [
    [-3.0, 53.6],
    [-3.0, 53.5],
    [-3.0, 53.4],
    [-3.0, 53.3],
  ] as [number, number][],
  centreMethod: 'x',
  values: {
    life_exp: [80.1, 75.3, null, 78.0],
    imd2019_decile: [5, 1, 2, 9],
    pop2020_total: [1000, 1500, 2000, 500],
  },
};

export function fixtureView(): AtlasView {
  return {
    geography: 'lsoa11',
    indicator: LIFE,
    selection: undefined,
    state: { ...DEFAULT_VIEW, ind: 'life_exp', layers: '' },
    model: new AtlasModel(MANIFEST, { lsoa11: structuredClone(TABLE) }),
    map: {} as MapLibreMap,
    points: new Map(),
    classes: {
      geography: 'lsoa11',
      indicator: 'life_exp',
      method: 'quantile',
      breaks: [77, 79],
      k: 3,
      min: 75.3,
      max: 80.1,
      classes: Int8Array.from([2, 0, -1, 1]),
      ranks: Int32Array.from([3, 1, 0, 2]),
      n: 3,
    },
    areas: {},
    gap: {
      meta: LIFE,
      items: TABLE.codes.map((code, i) => ({
        code,
        name: TABLE.names[i] ?? '',
        value: TABLE.values.life_exp[i] ?? null,
        lat: TABLE.centres[i]?.[1] ?? 0,
        deprivation: null,
        decile: TABLE.values.imd2019_decile[i] ?? null,
      })),
      order: 'north',
      decileLabel: 'National IMD 2019 decile',
      summaries: [
        { name: 'North', mean: 79.04, population: 2500, areas: 2 },
        { name: 'South', mean: 76.2, population: 2500, areas: 2 },
      ],
      areaNoun: 'LSOAs',
      grouping: 'named',
    },
  };
}

/**
 * An inequality answer: two groups (enough for the tables), SII +3.456 (least minus most
 * deprived end of the fitted line, ../shared/METHODS.md section 2).
 */
export const SII_OUTPUT = {
  groups: [
    { quantile: 1, areas: 2, population: 3500, value: 75.25, lower95: 74.1, upper95: 76.4 },
    { quantile: 2, areas: 1, population: 1500, value: 79.0, lower95: 77.95, upper95: 80.05 },
  ],
  sii: {
    sii: { value: 3.456, lower95: 2.1, upper95: 4.8 },
    rii: { value: 1.0456, lower95: 1.028, upper95: 1.064 },
    range: { value: 3.75, lower95: 2.2, upper95: 5.3 },
    intercept: 75.0,
    quantiles: 2,
    simulations: 1000,
    seed: 1,
    transform: 'none',
    method: 'Weighted least squares',
    riiDefinition: 'OHID RII',
    direction: 'x',
  },
  areasUsed: 3,
  leftOut: 1,
} as unknown as InequalityOutput;

const row = (indicatorId: string, areaCode: string, sex: string, value: number) => ({
  indicatorId,
  indicator: 'x',
  areaCode,
  areaName: areaCode === 'E92000001' ? 'England' : 'Testshire',
  period: '2018 - 20',
  sex,
  value,
  unit: 'Years',
  comparedToEngland: 'Worse than England',
});

/** OHID's published gap in life expectancy (92901) and a life expectancy source line. */
export const HEADLINE: Headline = {
  lifeExpectancy: [
    row('92901', 'E06000001', 'Male', 11.42),
    row('92901', 'E06000001', 'Female', 8.96),
    row('92901', 'E92000001', 'Male', 9.7),
    row('92901', 'E92000001', 'Female', 7.9),
  ],
  deprivationSummaries: [],
  comparators: [],
  sources: [
    { what: 'Life expectancy (Fingertips 90366)', source: 'OHID Fingertips', licence: OGL },
    { what: 'SII (Fingertips 92901)', source: 'OHID Fingertips', licence: OGL },
  ],
};
