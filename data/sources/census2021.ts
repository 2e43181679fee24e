import { z } from 'zod';
import { gss, int } from '../csv_table.ts';
import type { LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { LICENCE, RAW } from '../raw_catalogue.ts';
import type { RawReader } from '../raw_reader.ts';
import { coverageReason, sliceFor, unavailableColumns, type SourceColumns } from '../slices.ts';
import type { Row } from '../csv_table.ts';

export const RESIDENTS = 'census2021_residents';

const DisabilityRow = z.object({
  lsoa21cd: gss('E01'),
  lad24cd: gss(),
  disability: z.enum(['Disabled under the Equality Act', 'Not disabled under the Equality Act']),
  n: int,
  total_residents: int,
});

const HH_LEVELS = [
  'Household is not deprived in any dimension',
  'Household is deprived in one dimension',
  'Household is deprived in two dimensions',
  'Household is deprived in three dimensions',
  'Household is deprived in four dimensions',
] as const;

const HouseholdRow = z.object({
  lsoa21cd: gss('E01'),
  lad24cd: gss(),
  total_households: int,
  deprivation_dimensions: z.enum(HH_LEVELS),
  n: int,
});

/** Long rows (one per category) to one record per area; a repeated category is a duplicate. */
function pivot<T extends { lsoa21cd: string; lad24cd: string }>(
  rows: Row<T>[],
  category: (r: T) => string,
): Row<{ lsoa21cd: string; lad24cd: string; byCategory: Map<string, T> }>[] {
  const byCode = new Map<
    string,
    Row<{ lsoa21cd: string; lad24cd: string; byCategory: Map<string, T> }>
  >();
  const out: Row<{ lsoa21cd: string; lad24cd: string; byCategory: Map<string, T> }>[] = [];
  for (const r of rows) {
    let rec = byCode.get(r.value.lsoa21cd);
    const cat = category(r.value);
    if (!rec || rec.value.byCategory.has(cat)) {
      // A repeated (code, category) pair becomes a second record, which the join reports as a duplicate.
      rec = {
        line: r.line,
        value: { lsoa21cd: r.value.lsoa21cd, lad24cd: r.value.lad24cd, byCategory: new Map() },
      };
      if (!byCode.has(r.value.lsoa21cd)) byCode.set(r.value.lsoa21cd, rec);
      out.push(rec);
    }
    rec.value.byCategory.set(cat, r.value);
  }
  return out;
}

const meta = {
  source: 'ONS Census 2021',
  period: 'Census day, 21 March 2021',
  vintage: 'LSOA 2021',
  licence: LICENCE.ogl,
} as const;

type Pivoted<T> = { lsoa21cd: string; lad24cd: string; byCategory: Map<string, T> };
type DisabilityRow = z.infer<typeof DisabilityRow>;
type HouseholdRow = z.infer<typeof HouseholdRow>;

const spec = <T extends { lsoa21cd: string; lad24cd: string }>(
  key: 'disability2021' | 'householdDeprivation2021',
  schema: z.ZodType<T>,
) => ({
  key,
  schema,
  vintage: '2021' as const,
  code: (r: T) => r.lsoa21cd,
  district: (r: T) => r.lad24cd,
});
const DISABILITY = spec('disability2021', DisabilityRow);
const HOUSEHOLDS = spec('householdDeprivation2021', HouseholdRow);

/**
 * Census 2021 disability (TS038) and household deprivation (TS011) on LSOA 2021, where the
 * raw data has them (the Liverpool City Region).
 */
export async function readCensus2021(raw: RawReader, target: JoinTarget): Promise<SourceColumns> {
  const dFile = RAW.disability2021.path;
  const hFile = RAW.householdDeprivation2021.path;
  const districts = [...target.districts];
  const dSlice = await sliceFor(raw, DISABILITY, districts);
  const hSlice = await sliceFor(raw, HOUSEHOLDS, districts);
  for (const [slice, file] of [
    [dSlice, dFile],
    [hSlice, hFile],
  ] as const) {
    if (slice.uncovered.length > 0)
      return {
        columns: [],
        unavailable: unavailableColumns(
          censusColumns([], []),
          coverageReason(file, 'Census 2021 tables', slice),
        ),
      };
  }
  const dis = joinToGeometry(
    dFile,
    pivot(dSlice.rows, (r) => r.disability),
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
    target,
    { sliced: true },
  );
  const hh = joinToGeometry(
    hFile,
    pivot(hSlice.rows, (r) => r.deprivation_dimensions),
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
    target,
    { sliced: true },
  );
  return { columns: censusColumns(dis, hh), unavailable: [] };
}

function censusColumns(
  dis: readonly (Pivoted<DisabilityRow> | undefined)[],
  hh: readonly (Pivoted<HouseholdRow> | undefined)[],
): LsoaColumn[] {
  const n = dis.length;
  const residents = new Float64Array(n).fill(NaN);
  const disabled = new Float64Array(n).fill(NaN);
  const households = new Float64Array(n).fill(NaN);
  const deprived1 = new Float64Array(n).fill(NaN);
  const deprived2 = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const d = dis[i]?.byCategory.get('Disabled under the Equality Act');
    if (d) {
      residents[i] = d.total_residents;
      disabled[i] = d.n;
    }
    const h = hh[i]?.byCategory;
    const none = h?.get(HH_LEVELS[0]);
    const one = h?.get(HH_LEVELS[1]);
    if (none && one) {
      households[i] = none.total_households;
      deprived1[i] = none.total_households - none.n;
      deprived2[i] = none.total_households - none.n - one.n;
    }
  }
  const share = (v: Float64Array, d: Float64Array) => v.map((x, i) => (100 * x) / (d[i] ?? NaN));
  const c = (
    m: Omit<LsoaColumn['meta'], keyof typeof meta>,
    values: Float64Array,
    rollup: LsoaColumn['rollup'],
  ): LsoaColumn => ({ meta: { ...meta, ...m }, values, rollup, lsoaVintage: '2021', carry: null });
  const count = { kind: 'count', decimals: 0, polarity: 'neutral' } as const;
  const pct = { kind: 'share', decimals: 1, polarity: 'higher-is-worse' } as const;
  return [
    c(
      {
        id: RESIDENTS,
        label: 'Usual residents, Census 2021',
        unit: 'people',
        theme: 'Population',
        definition: 'All usual residents on Census day 2021 (TS038 total).',
        ...count,
      },
      residents,
      { kind: 'sum' },
    ),
    c(
      {
        id: 'census2021_disabled',
        label: 'Disabled residents, Census 2021',
        unit: 'people',
        theme: 'Health',
        definition:
          'Residents disabled under the Equality Act (day-to-day activities limited a little or a lot), TS038.',
        ...count,
      },
      disabled,
      { kind: 'sum' },
    ),
    c(
      {
        id: 'census2021_disabled_share',
        label: 'Disabled under the Equality Act, Census 2021',
        unit: '% of residents',
        theme: 'Health',
        definition: 'Share of usual residents disabled under the Equality Act (TS038).',
        ...pct,
      },
      share(disabled, residents),
      { kind: 'ratio', numerator: 'census2021_disabled', denominator: RESIDENTS, scale: 100 },
    ),
    c(
      {
        id: 'census2021_households',
        label: 'Households, Census 2021',
        unit: 'households',
        theme: 'Population',
        definition: 'All households (TS011 total).',
        ...count,
      },
      households,
      { kind: 'sum' },
    ),
    c(
      {
        id: 'census2021_hh_deprived_1plus',
        label: 'Households deprived in 1+ dimensions, Census 2021',
        unit: 'households',
        theme: 'Deprivation',
        definition:
          'Households deprived in at least one of employment, education, health and disability, housing (TS011).',
        ...count,
      },
      deprived1,
      { kind: 'sum' },
    ),
    c(
      {
        id: 'census2021_hh_deprived_1plus_share',
        label: 'Households deprived in 1+ dimensions (%), Census 2021',
        unit: '% of households',
        theme: 'Deprivation',
        definition:
          'Share of households deprived in at least one of the four Census dimensions (TS011).',
        ...pct,
      },
      share(deprived1, households),
      {
        kind: 'ratio',
        numerator: 'census2021_hh_deprived_1plus',
        denominator: 'census2021_households',
        scale: 100,
      },
    ),
    c(
      {
        id: 'census2021_hh_deprived_2plus',
        label: 'Households deprived in 2+ dimensions, Census 2021',
        unit: 'households',
        theme: 'Deprivation',
        definition: 'Households deprived in two or more of the four Census dimensions (TS011).',
        ...count,
      },
      deprived2,
      { kind: 'sum' },
    ),
    c(
      {
        id: 'census2021_hh_deprived_2plus_share',
        label: 'Households deprived in 2+ dimensions (%), Census 2021',
        unit: '% of households',
        theme: 'Deprivation',
        definition:
          'Share of households deprived in two or more of the four Census dimensions (TS011).',
        ...pct,
      },
      share(deprived2, households),
      {
        kind: 'ratio',
        numerator: 'census2021_hh_deprived_2plus',
        denominator: 'census2021_households',
        scale: 100,
      },
    ),
  ];
}
