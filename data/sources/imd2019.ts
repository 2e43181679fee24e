import { z } from 'zod';
import { gss, int, num, optNum } from '../csv_table.ts';
import { columnOf, numField, type LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { RAW } from '../raw_catalogue.ts';
import type { RawReader } from '../raw_reader.ts';
import { coverageReason, sliceFor, unavailableColumns, type SourceColumns } from '../slices.ts';
import { DECILE_NOTE, DOMAINS, IOD2019, RANK_NOTE } from './common.ts';

const rankDecile = Object.fromEntries(
  [...DOMAINS.map((d) => d.key), 'idaci', 'idaopi'].flatMap((k) => [
    [`${k}_rank`, int],
    [`${k}_decile`, int],
  ]),
) as Record<string, typeof int>;

/** A row of the IoD 2019 LSOA files (the LCR file and the England file share these columns). */
export const Imd2019Row = z.object({
  lsoa11cd: gss('E01'),
  lad19cd: gss(),
  imd_score: num,
  imd_rank: int,
  imd_decile: int.refine((d) => d >= 1 && d <= 10, 'decile must be 1-10'),
  income_score_rate: num,
  employment_score_rate: num,
  pop_total_mid2015: num,
  pop_working_age_18_59_64_mid2015: num,
  ...rankDecile,
});
export type Imd2019Row = z.infer<typeof Imd2019Row>;

const UnderlyingRow = z.object({
  lsoa11cd: gss('E01'),
  lad19cd: gss(),
  years_of_potential_life_lost_indicator: optNum,
  comparative_illness_and_disability_ratio_indicator: optNum,
  acute_morbidity_indicator: optNum,
  mood_and_anxiety_disorders_indicator: optNum,
});
type UnderlyingRow = z.infer<typeof UnderlyingRow>;

const base = (theme: string) => ({
  theme,
  source: IOD2019.source,
  period: IOD2019.period,
  vintage: IOD2019.vintage,
  licence: IOD2019.licence,
});
const POP = 'imd2019_pop_mid2015';
const popMean = {
  kind: 'weightedMean',
  weight: POP,
  describe: 'population-weighted mean of LSOA values (IoD 2019 mid-2015 population denominators)',
} as const;
const noRollup = {
  kind: 'none',
  reason: 'ranks and deciles cannot be averaged; see the Core20 population share',
} as const;

const IMD_SPEC = {
  key: 'imd2019England',
  schema: Imd2019Row,
  vintage: '2011',
  code: (r: Imd2019Row) => r.lsoa11cd,
  district: (r: Imd2019Row) => r.lad19cd,
} as const;

const UNDERLYING_SPEC = {
  key: 'imd2019Underlying',
  schema: UnderlyingRow,
  vintage: '2011',
  code: (r: UnderlyingRow) => r.lsoa11cd,
  district: (r: UnderlyingRow) => r.lad19cd,
} as const;

/**
 * IoD 2019 on LSOA 2011: IMD, domains, supplementary indices and denominators from the
 * England file (every district); the health indicators of File 8 where the raw data has them.
 */
export async function readImd2019(raw: RawReader, target: JoinTarget): Promise<SourceColumns> {
  const file = RAW.imd2019England.path;
  const slice = await sliceFor(raw, IMD_SPEC, [...target.districts]);
  const rows = joinToGeometry(file, slice.rows, IMD_SPEC.code, IMD_SPEC.district, target, {
    sliced: true,
  });
  const uFile = RAW.imd2019Underlying.path;
  const uSlice = await sliceFor(raw, UNDERLYING_SPEC, [...target.districts]);
  if (uSlice.uncovered.length > 0) {
    return {
      columns: imd2019Columns(rows),
      unavailable: unavailableColumns(
        healthColumns([]),
        coverageReason(uFile, 'IoD 2019 underlying health indicators', uSlice),
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
  return { columns: [...imd2019Columns(rows), ...healthColumns(under)], unavailable: [] };
}

const c = (
  meta: LsoaColumn['meta'],
  values: Float64Array,
  rollup: LsoaColumn['rollup'],
): LsoaColumn => ({ meta, values, rollup, lsoaVintage: '2011', carry: null });

/**
 * The columns of an IoD 2019 LSOA file (IMD, Core20, income and employment rates,
 * denominators, domain and supplementary ranks and deciles) in the order of `rows`.
 */
export function imd2019Columns(rows: readonly (Imd2019Row | undefined)[]): LsoaColumn[] {
  const col = (get: (r: Imd2019Row) => number | null) => columnOf(rows, get);
  const out: LsoaColumn[] = [
    c(
      {
        id: 'imd2019_score',
        label: 'IMD 2019 score',
        unit: 'score',
        kind: 'score',
        decimals: 3,
        polarity: 'higher-is-worse',
        definition:
          'Index of Multiple Deprivation 2019 score: weighted combination of the seven domains (higher = more deprived). Compare areas by score within one edition only.',
        ...base('Deprivation'),
      },
      col((r) => r.imd_score),
      popMean,
    ),
    c(
      {
        id: 'imd2019_rank',
        label: 'IMD 2019 national rank',
        unit: 'rank',
        kind: 'rank',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: RANK_NOTE(IOD2019.nLsoas),
        ...base('Deprivation'),
      },
      col((r) => r.imd_rank),
      noRollup,
    ),
    c(
      {
        id: 'imd2019_decile',
        label: 'IMD 2019 national decile',
        unit: 'decile',
        kind: 'decile',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: DECILE_NOTE,
        ...base('Deprivation'),
      },
      col((r) => r.imd_decile),
      noRollup,
    ),
    c(
      {
        id: 'imd2019_core20',
        label: 'Population in Core20 areas (IMD 2019)',
        unit: '% of population',
        kind: 'share',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the population living in LSOAs in national IMD 2019 deciles 1 and 2 (Core20PLUS5). For one LSOA it is 100 or 0.',
        ...base('Deprivation'),
      },
      col((r) => (r.imd_decile <= 2 ? 100 : 0)),
      {
        ...popMean,
        describe:
          'share of the mid-2015 population (IoD 2019 denominators) living in LSOAs in national IMD deciles 1 and 2',
      },
    ),
    c(
      {
        id: 'imd2019_income_rate',
        label: 'Income deprivation rate (IoD 2019)',
        unit: '% of population',
        kind: 'rate',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the population experiencing deprivation relating to low income (IoD 2019 income domain score x 100).',
        ...base('Deprivation'),
      },
      col((r) => r.income_score_rate * 100),
      {
        kind: 'weightedMean',
        weight: POP,
        describe:
          'rate from summed numerators (rate x mid-2015 population) and summed mid-2015 population',
      },
    ),
    c(
      {
        id: 'imd2019_employment_rate',
        label: 'Employment deprivation rate (IoD 2019)',
        unit: '% of working-age population',
        kind: 'rate',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the working-age population (18-59/64) involuntarily excluded from work (IoD 2019 employment domain score x 100).',
        ...base('Live Well'),
      },
      col((r) => r.employment_score_rate * 100),
      {
        kind: 'weightedMean',
        weight: 'imd2019_pop_working_age_mid2015',
        describe:
          'rate from summed numerators (rate x mid-2015 working-age population) and summed working-age population',
      },
    ),
    c(
      {
        id: POP,
        label: 'Population, mid-2015 (IoD 2019 denominator)',
        unit: 'people',
        kind: 'count',
        decimals: 0,
        polarity: 'neutral',
        definition:
          'Total population mid-2015 excluding prisoners, the IoD 2019 denominator (File 6). Weights of the population-weighted IMD 2019 score.',
        ...base('Population'),
      },
      col((r) => r.pop_total_mid2015),
      { kind: 'sum' },
    ),
    c(
      {
        id: 'imd2019_pop_working_age_mid2015',
        label: 'Working-age population, mid-2015 (IoD 2019 denominator)',
        unit: 'people',
        kind: 'count',
        decimals: 0,
        polarity: 'neutral',
        definition:
          'Population aged 18-59 (women) / 18-64 (men), mid-2015, the employment domain denominator.',
        ...base('Population'),
      },
      col((r) => r.pop_working_age_18_59_64_mid2015),
      { kind: 'sum' },
    ),
  ];
  const domainRows = [
    ...DOMAINS,
    { key: 'idaci', label: 'Income Deprivation Affecting Children (IDACI)' },
    { key: 'idaopi', label: 'Income Deprivation Affecting Older People (IDAOPI)' },
  ] as const;
  for (const d of domainRows) {
    const theme =
      d.key === 'idaci' ? 'Start Well' : d.key === 'idaopi' ? 'Age Well' : 'Deprivation';
    out.push(
      c(
        {
          id: `imd2019_${d.key}_rank`,
          label: `${d.label} rank (IoD 2019)`,
          unit: 'rank',
          kind: 'rank',
          decimals: 0,
          polarity: 'higher-is-better',
          definition: `${d.label}: ${RANK_NOTE(IOD2019.nLsoas)}`,
          ...base(theme),
        },
        col((r) => numField(r, `${d.key}_rank`)),
        noRollup,
      ),
      c(
        {
          id: `imd2019_${d.key}_decile`,
          label: `${d.label} decile (IoD 2019)`,
          unit: 'decile',
          kind: 'decile',
          decimals: 0,
          polarity: 'higher-is-better',
          definition: `${d.label}: ${DECILE_NOTE}`,
          ...base(theme),
        },
        col((r) => numField(r, `${d.key}_decile`)),
        noRollup,
      ),
    );
  }
  return out;
}

/** IoD 2019 health domain indicators of the underlying-indicators file (LCR only). */
function healthColumns(under: readonly (UnderlyingRow | undefined)[]): LsoaColumn[] {
  const u = (get: (r: UnderlyingRow) => number | null) => columnOf(under, get);
  return [
    c(
      {
        id: 'imd2019_ypll',
        label: 'Years of potential life lost (IoD 2019)',
        unit: 'age/sex-standardised rate',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2019 health domain indicator: age- and sex-standardised years of potential life lost (premature deaths under 75), 2013-17.',
        ...base('Health'),
      },
      u((r) => r.years_of_potential_life_lost_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2019_cidr',
        label: 'Comparative illness and disability ratio (IoD 2019)',
        unit: 'standardised ratio',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2019 health domain indicator: age- and sex-standardised ratio of people receiving illness- or disability-related benefits (100 = England).',
        ...base('Health'),
      },
      u((r) => r.comparative_illness_and_disability_ratio_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2019_acute_morbidity',
        label: 'Acute morbidity (IoD 2019)',
        unit: 'standardised ratio',
        kind: 'score',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2019 health domain indicator: age- and sex-standardised rate of emergency hospital admissions (100 = England).',
        ...base('Health'),
      },
      u((r) => r.acute_morbidity_indicator),
      popMean,
    ),
    c(
      {
        id: 'imd2019_mood_anxiety',
        label: 'Mood and anxiety disorders (IoD 2019)',
        unit: 'composite score',
        kind: 'score',
        decimals: 2,
        polarity: 'higher-is-worse',
        definition:
          'IoD 2019 health domain indicator combining prescribing, hospital episodes, suicides and benefits for mood and anxiety disorders (higher = worse).',
        ...base('Health'),
      },
      u((r) => r.mood_and_anxiety_disorders_indicator),
      popMean,
    ),
  ];
}
