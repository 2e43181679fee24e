import { z } from 'zod';
import { gss, int, num, optNum } from '../csv_table.ts';
import { columnOf, numField, type LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { RAW } from '../raw_catalogue.ts';
import type { RawReader } from '../raw_reader.ts';
import { coverageReason, sliceFor, unavailableColumns, type SourceColumns } from '../slices.ts';
import { DECILE_NOTE, DOMAINS, IOD2025, RANK_NOTE } from './common.ts';
import { RESIDENTS } from './census2021.ts';

const domainCols = Object.fromEntries(
  DOMAINS.flatMap((d) => [
    [`${d.key}_score`, num],
    [`${d.key}_rank`, int],
    [`${d.key}_decile`, int],
  ]),
) as Record<string, typeof num>;

export const Iod2025Row = z.object({
  lsoa21cd: gss('E01'),
  lad24cd: gss(),
  imd_score: num,
  imd_rank: int,
  imd_decile: int.refine((d) => d >= 1 && d <= 10, 'decile must be 1-10'),
  ...domainCols,
});
export type Iod2025Row = z.infer<typeof Iod2025Row>;

const UnderlyingRow = z.object({
  lsoa21cd: gss('E01'),
  lad24cd: gss(),
  acute_morbidity_indicator: optNum,
  comparative_illness_and_disability_ratio_indicator: optNum,
  mental_health_indicator: optNum,
  years_of_potential_life_lost_indicator: optNum,
});
type UnderlyingRow = z.infer<typeof UnderlyingRow>;

const base = (theme: string) => ({
  theme,
  source: IOD2025.source,
  period: IOD2025.period,
  vintage: IOD2025.vintage,
  licence: IOD2025.licence,
});
// IoD 2025's own mid-2022 denominators are not in the raw data; Census 2021 residents stand in.
const RESIDENTS_MEAN = {
  kind: 'weightedMean',
  weight: RESIDENTS,
  describe:
    'mean of LSOA values weighted by Census 2021 usual residents (the IoD 2025 mid-2022 denominators are not in the raw data, so this can differ slightly from MHCLG File 10)',
} as const;
export const EQUAL_MEAN = {
  kind: 'mean',
  describe:
    'mean of LSOA values, each LSOA counting equally (no LSOA 2021 population for this area in the raw data: the IoD 2025 denominators are not there and Census 2021 covers the Liverpool City Region only), so it can differ from the population-weighted MHCLG File 10 figure',
} as const;
const noRollup = {
  kind: 'none',
  reason: 'ranks and deciles cannot be averaged; see the Core20 population share',
} as const;

const DOMAIN_SCORE: Record<string, { unit: string; scale: number; decimals: number; def: string }> =
  {
    income: {
      unit: '% of population',
      scale: 100,
      decimals: 1,
      def: 'Share of the population income-deprived (IoD 2025 income domain score x 100; the 2025 method differs from 2019, compare by rank or decile).',
    },
    employment: {
      unit: '% of working-age population',
      scale: 100,
      decimals: 1,
      def: 'Share of the working-age population involuntarily excluded from work (IoD 2025 employment domain score x 100).',
    },
    education: {
      unit: 'score',
      scale: 1,
      decimals: 2,
      def: 'IoD 2025 Education, Skills and Training domain score (higher = more deprived).',
    },
    health: {
      unit: 'z-score',
      scale: 1,
      decimals: 3,
      def: 'IoD 2025 Health Deprivation and Disability domain score, standardised (higher = more deprived).',
    },
    crime: {
      unit: 'z-score',
      scale: 1,
      decimals: 3,
      def: 'IoD 2025 Crime domain score, standardised (higher = more deprived).',
    },
    barriers: {
      unit: 'score',
      scale: 1,
      decimals: 2,
      def: 'IoD 2025 Barriers to Housing and Services domain score (higher = more deprived).',
    },
    living_env: {
      unit: 'score',
      scale: 1,
      decimals: 2,
      def: 'IoD 2025 Living Environment domain score (higher = more deprived).',
    },
  };

const IMD_SPEC = {
  key: 'imd2025England',
  schema: Iod2025Row,
  vintage: '2021',
  code: (r: Iod2025Row) => r.lsoa21cd,
  district: (r: Iod2025Row) => r.lad24cd,
} as const;

const UNDERLYING_SPEC = {
  key: 'imd2025Underlying',
  schema: UnderlyingRow,
  vintage: '2021',
  code: (r: UnderlyingRow) => r.lsoa21cd,
  district: (r: UnderlyingRow) => r.lad24cd,
} as const;

/**
 * IoD 2025 on LSOA 2021: IMD and the seven domains (score, rank, decile) from the England
 * file; the File 8 health indicators where the raw data has them. Roll-ups weight by Census
 * 2021 residents where the bundle has them (`hasResidents`), otherwise LSOAs count equally.
 */
export async function readIod2025(
  raw: RawReader,
  target: JoinTarget,
  hasResidents: boolean,
): Promise<SourceColumns> {
  const file = RAW.imd2025England.path;
  const slice = await sliceFor(raw, IMD_SPEC, [...target.districts]);
  const rows = joinToGeometry(file, slice.rows, IMD_SPEC.code, IMD_SPEC.district, target, {
    sliced: true,
  });
  const uFile = RAW.imd2025Underlying.path;
  const uSlice = await sliceFor(raw, UNDERLYING_SPEC, [...target.districts]);
  const popMean = hasResidents ? RESIDENTS_MEAN : EQUAL_MEAN;
  if (uSlice.uncovered.length > 0) {
    return {
      columns: iod2025Columns(rows, popMean),
      unavailable: unavailableColumns(
        healthColumns([], popMean),
        coverageReason(uFile, 'IoD 2025 underlying health indicators', uSlice),
      ),
    };
  }
  const under = joinToGeometry(
    uFile,
    uSlice.rows,
    UNDERLYING_SPEC.code,
    UNDERLYING_SPEC.district,
    target,
    {
      sliced: true,
    },
  );
  return {
    columns: [...iod2025Columns(rows, popMean), ...healthColumns(under, popMean)],
    unavailable: [],
  };
}

type PopMean = typeof RESIDENTS_MEAN | typeof EQUAL_MEAN;

const c = (
  meta: LsoaColumn['meta'],
  values: Float64Array,
  rollup: LsoaColumn['rollup'],
): LsoaColumn => ({ meta, values, rollup, lsoaVintage: '2021', carry: null });

/** The IMD and domain columns of IoD 2025 rows, in the order of `rows`. */
export function iod2025Columns(
  rows: readonly (Iod2025Row | undefined)[],
  popMean: PopMean,
): LsoaColumn[] {
  const c = (
    meta: LsoaColumn['meta'],
    values: Float64Array,
    rollup: LsoaColumn['rollup'],
  ): LsoaColumn => ({ meta, values, rollup, lsoaVintage: '2021', carry: null });
  const out: LsoaColumn[] = [
    c(
      {
        id: 'imd2025_score',
        label: 'IMD 2025 score',
        unit: 'score',
        kind: 'score',
        decimals: 3,
        polarity: 'higher-is-worse',
        definition:
          'Index of Multiple Deprivation 2025 score (higher = more deprived). Not comparable with IMD 2019 scores; compare editions by rank or decile.',
        ...base('Deprivation'),
      },
      columnOf(rows, (r) => r.imd_score),
      popMean,
    ),
    c(
      {
        id: 'imd2025_rank',
        label: 'IMD 2025 national rank',
        unit: 'rank',
        kind: 'rank',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: RANK_NOTE(IOD2025.nLsoas),
        ...base('Deprivation'),
      },
      columnOf(rows, (r) => r.imd_rank),
      noRollup,
    ),
    c(
      {
        id: 'imd2025_decile',
        label: 'IMD 2025 national decile',
        unit: 'decile',
        kind: 'decile',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: DECILE_NOTE,
        ...base('Deprivation'),
      },
      columnOf(rows, (r) => r.imd_decile),
      noRollup,
    ),
    c(
      {
        id: 'imd2025_core20',
        label: 'Population in Core20 areas (IMD 2025)',
        unit: '% of population',
        kind: 'share',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the population living in LSOAs in national IMD 2025 deciles 1 and 2 (Core20PLUS5). For one LSOA it is 100 or 0.',
        ...base('Deprivation'),
      },
      columnOf(rows, (r) => (r.imd_decile <= 2 ? 100 : 0)),
      popMean,
    ),
  ];
  for (const d of DOMAINS) {
    const s = DOMAIN_SCORE[d.key];
    if (!s) continue;
    const theme = d.key === 'employment' ? 'Live Well' : 'Deprivation';
    out.push(
      c(
        {
          id: `imd2025_${d.key}_${s.scale === 100 ? 'rate' : 'score'}`,
          label: `${d.label} ${s.scale === 100 ? 'rate' : 'score'} (IoD 2025)`,
          unit: s.unit,
          kind: s.scale === 100 ? 'rate' : 'score',
          decimals: s.decimals,
          polarity: 'higher-is-worse',
          definition: s.def,
          ...base(theme),
        },
        columnOf(rows, (r) => {
          const v = numField(r, `${d.key}_score`);
          return v === null ? null : v * s.scale;
        }),
        popMean,
      ),
      c(
        {
          id: `imd2025_${d.key}_rank`,
          label: `${d.label} rank (IoD 2025)`,
          unit: 'rank',
          kind: 'rank',
          decimals: 0,
          polarity: 'higher-is-better',
          definition: `${d.label}: ${RANK_NOTE(IOD2025.nLsoas)}`,
          ...base(theme),
        },
        columnOf(rows, (r) => numField(r, `${d.key}_rank`)),
        noRollup,
      ),
      c(
        {
          id: `imd2025_${d.key}_decile`,
          label: `${d.label} decile (IoD 2025)`,
          unit: 'decile',
          kind: 'decile',
          decimals: 0,
          polarity: 'higher-is-better',
          definition: `${d.label}: ${DECILE_NOTE}`,
          ...base(theme),
        },
        columnOf(rows, (r) => numField(r, `${d.key}_decile`)),
        noRollup,
      ),
    );
  }
  return out;
}

/** IoD 2025 health domain indicators of the underlying-indicators file. */
function healthColumns(
  under: readonly (UnderlyingRow | undefined)[],
  popMean: PopMean,
): LsoaColumn[] {
  const u = (get: (r: UnderlyingRow) => number | null) => columnOf(under, get);
  return [
    c(
      {
        id: 'imd2025_ypll',
        label: 'Years of potential life lost (IoD 2025)',
        unit: 'age/sex-standardised rate',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2025 health domain indicator: age- and sex-standardised years of potential life lost (premature deaths under 75).',
        ...base('Health'),
      },
      u((r) => r.years_of_potential_life_lost_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2025_cidr',
        label: 'Comparative illness and disability ratio (IoD 2025)',
        unit: 'standardised ratio',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2025 health domain indicator: age- and sex-standardised ratio of people receiving illness- or disability-related benefits (100 = England).',
        ...base('Health'),
      },
      u((r) => r.comparative_illness_and_disability_ratio_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2025_acute_morbidity',
        label: 'Acute morbidity (IoD 2025)',
        unit: 'standardised ratio',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2025 health domain indicator: age- and sex-standardised rate of emergency hospital admissions (100 = England).',
        ...base('Health'),
      },
      u((r) => r.acute_morbidity_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2025_mental_health',
        label: 'Mental health indicator (IoD 2025)',
        unit: 'composite score',
        kind: 'score',
        decimals: 2,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2025 health domain indicator of mental ill health (prescribing, hospital episodes, suicides, benefits; higher = worse).',
        ...base('Health'),
      },
      u((r) => r.mental_health_indicator),
      popMean,
    ),
  ];
}
