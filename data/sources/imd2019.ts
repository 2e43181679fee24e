import { z } from 'zod';
import { gss, int, num, optNum } from '../csv_table.ts';
import { columnOf, numField, type LsoaColumn } from '../columns.ts';
import type { JoinTarget } from '../join.ts';
import type { RawReader } from '../raw_reader.ts';
import type { SourceColumns } from '../slices.ts';
import { DOMAINS, IOD2019 } from './common.ts';
import {
  healthColumns,
  imdColumns,
  iodBase,
  iodColumn,
  iodSpec,
  rankDecileColumns,
  readIod,
  type IodEdition,
} from './iod.ts';

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

const POP = 'imd2019_pop_mid2015';
const popMean = {
  kind: 'weightedMean',
  weight: POP,
  describe: 'population-weighted mean of LSOA values (IoD 2019 mid-2015 population denominators)',
} as const;

export const IMD2019: IodEdition<Imd2019Row, UnderlyingRow> = {
  prefix: 'imd2019',
  year: '2019',
  facts: IOD2019,
  lsoaVintage: '2011',
  main: iodSpec(
    'imd2019England',
    Imd2019Row,
    '2011',
    (r) => r.lsoa11cd,
    (r) => r.lad19cd,
  ),
  underlying: iodSpec(
    'imd2019Underlying',
    UnderlyingRow,
    '2011',
    (r) => r.lsoa11cd,
    (r) => r.lad19cd,
  ),
};

/**
 * IoD 2019 on LSOA 2011: IMD, domains, supplementary indices and denominators from the
 * England file (every district); the health indicators of File 8 where the raw data has them.
 */
export function readImd2019(raw: RawReader, target: JoinTarget): Promise<SourceColumns> {
  return readIod(raw, target, IMD2019, imd2019Columns, healthColumns2019);
}

/**
 * The columns of an IoD 2019 LSOA file (IMD, Core20, income and employment rates,
 * denominators, domain and supplementary ranks and deciles) in the order of `rows`.
 */
export function imd2019Columns(rows: readonly (Imd2019Row | undefined)[]): LsoaColumn[] {
  const col = (get: (r: Imd2019Row) => number | null) => columnOf(rows, get);
  const out: LsoaColumn[] = [
    ...imdColumns(IMD2019, rows, {
      scoreDefinition:
        'Index of Multiple Deprivation 2019 score: weighted combination of the seven domains (higher = more deprived). Compare areas by score within one edition only.',
      scoreRollup: popMean,
      core20Rollup: {
        ...popMean,
        describe:
          'share of the mid-2015 population (IoD 2019 denominators) living in LSOAs in national IMD deciles 1 and 2',
      },
    }),
    iodColumn(
      IMD2019,
      {
        id: 'imd2019_income_rate',
        label: 'Income deprivation rate (IoD 2019)',
        unit: '% of population',
        kind: 'rate',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the population experiencing deprivation relating to low income (IoD 2019 income domain score x 100).',
        ...iodBase(IMD2019, 'Deprivation'),
      },
      col((r) => r.income_score_rate * 100),
      {
        kind: 'weightedMean',
        weight: POP,
        describe:
          'rate from summed numerators (rate x mid-2015 population) and summed mid-2015 population',
      },
    ),
    iodColumn(
      IMD2019,
      {
        id: 'imd2019_employment_rate',
        label: 'Employment deprivation rate (IoD 2019)',
        unit: '% of working-age population',
        kind: 'rate',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition:
          'Share of the working-age population (18-59/64) involuntarily excluded from work (IoD 2019 employment domain score x 100).',
        ...iodBase(IMD2019, 'Live Well'),
      },
      col((r) => r.employment_score_rate * 100),
      {
        kind: 'weightedMean',
        weight: 'imd2019_pop_working_age_mid2015',
        describe:
          'rate from summed numerators (rate x mid-2015 working-age population) and summed working-age population',
      },
    ),
    iodColumn(
      IMD2019,
      {
        id: POP,
        label: 'Population, mid-2015 (IoD 2019 denominator)',
        unit: 'people',
        kind: 'count',
        decimals: 0,
        polarity: 'neutral',
        definition:
          'Total population mid-2015 excluding prisoners, the IoD 2019 denominator (File 6). Weights of the population-weighted IMD 2019 score.',
        ...iodBase(IMD2019, 'Population'),
      },
      col((r) => r.pop_total_mid2015),
      { kind: 'sum' },
    ),
    iodColumn(
      IMD2019,
      {
        id: 'imd2019_pop_working_age_mid2015',
        label: 'Working-age population, mid-2015 (IoD 2019 denominator)',
        unit: 'people',
        kind: 'count',
        decimals: 0,
        polarity: 'neutral',
        definition:
          'Population aged 18-59 (women) / 18-64 (men), mid-2015, the employment domain denominator.',
        ...iodBase(IMD2019, 'Population'),
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
      ...rankDecileColumns(
        IMD2019,
        d,
        theme,
        (r) => numField(r, `${d.key}_rank`),
        (r) => numField(r, `${d.key}_decile`),
        rows,
      ),
    );
  }
  return out;
}

/** IoD 2019 health domain indicators of the underlying-indicators file. */
function healthColumns2019(under: readonly (UnderlyingRow | undefined)[]): LsoaColumn[] {
  return healthColumns(IMD2019, under, popMean, {
    ypllPeriod: ', 2013-17',
    mental: {
      id: 'imd2019_mood_anxiety',
      label: 'Mood and anxiety disorders (IoD 2019)',
      definition:
        'IoD 2019 health domain indicator combining prescribing, hospital episodes, suicides and benefits for mood and anxiety disorders (higher = worse).',
      get: (r) => r.mood_and_anxiety_disorders_indicator,
    },
  });
}
