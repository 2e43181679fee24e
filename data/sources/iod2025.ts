import { z } from 'zod';
import { gss, int, num, optNum } from '../csv_table.ts';
import { columnOf, numField, type LsoaColumn } from '../columns.ts';
import type { JoinTarget } from '../join.ts';
import type { RawReader } from '../raw_reader.ts';
import type { SourceColumns } from '../slices.ts';
import { DOMAINS, IOD2025 } from './common.ts';
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

export const IOD2025_EDITION: IodEdition<Iod2025Row, UnderlyingRow> = {
  prefix: 'imd2025',
  year: '2025',
  facts: IOD2025,
  lsoaVintage: '2021',
  main: iodSpec(
    'imd2025England',
    Iod2025Row,
    '2021',
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
  ),
  underlying: iodSpec(
    'imd2025Underlying',
    UnderlyingRow,
    '2021',
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
  ),
};

/**
 * IoD 2025 on LSOA 2021: IMD and the seven domains (score, rank, decile) from the England
 * file; the File 8 health indicators where the raw data has them. Roll-ups weight by Census
 * 2021 residents where the bundle has them (`hasResidents`), otherwise LSOAs count equally.
 */
export function readIod2025(
  raw: RawReader,
  target: JoinTarget,
  hasResidents: boolean,
): Promise<SourceColumns> {
  const popMean = hasResidents ? RESIDENTS_MEAN : EQUAL_MEAN;
  return readIod(
    raw,
    target,
    IOD2025_EDITION,
    (rows) => iod2025Columns(rows, popMean),
    (under) => healthColumns2025(under, popMean),
  );
}

type PopMean = typeof RESIDENTS_MEAN | typeof EQUAL_MEAN;

/** The IMD and domain columns of IoD 2025 rows, in the order of `rows`. */
export function iod2025Columns(
  rows: readonly (Iod2025Row | undefined)[],
  popMean: PopMean,
): LsoaColumn[] {
  const out: LsoaColumn[] = imdColumns(IOD2025_EDITION, rows, {
    scoreDefinition:
      'Index of Multiple Deprivation 2025 score (higher = more deprived). Not comparable with IMD 2019 scores; compare editions by rank or decile.',
    scoreRollup: popMean,
    core20Rollup: popMean,
  });
  for (const d of DOMAINS) {
    const s = DOMAIN_SCORE[d.key];
    if (!s) continue;
    const theme = d.key === 'employment' ? 'Live Well' : 'Deprivation';
    out.push(
      iodColumn(
        IOD2025_EDITION,
        {
          id: `imd2025_${d.key}_${s.scale === 100 ? 'rate' : 'score'}`,
          label: `${d.label} ${s.scale === 100 ? 'rate' : 'score'} (IoD 2025)`,
          unit: s.unit,
          kind: s.scale === 100 ? 'rate' : 'score',
          decimals: s.decimals,
          polarity: 'higher-is-worse',
          definition: s.def,
          ...iodBase(IOD2025_EDITION, theme),
        },
        columnOf(rows, (r) => {
          const v = numField(r, `${d.key}_score`);
          return v === null ? null : v * s.scale;
        }),
        popMean,
      ),
      ...rankDecileColumns(
        IOD2025_EDITION,
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

/** IoD 2025 health domain indicators of the underlying-indicators file. */
function healthColumns2025(
  under: readonly (UnderlyingRow | undefined)[],
  popMean: PopMean,
): LsoaColumn[] {
  return healthColumns(IOD2025_EDITION, under, popMean, {
    ypllPeriod: '',
    mental: {
      id: 'imd2025_mental_health',
      label: 'Mental health indicator (IoD 2025)',
      definition:
        'IoD 2025 health domain indicator of mental ill health (prescribing, hospital episodes, suicides, benefits; higher = worse).',
      get: (r) => r.mental_health_indicator,
    },
  });
}
