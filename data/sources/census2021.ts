import { z } from 'zod';
import { gss, int, readCsvTable } from '../csv_table.ts';
import type { LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { LICENCE, RAW, rawPath } from '../raw_catalogue.ts';
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

/** Census 2021 disability (TS038) and household deprivation (TS011) on LSOA 2021. */
export async function readCensus2021(rawDir: string, target: JoinTarget): Promise<LsoaColumn[]> {
  const dFile = RAW.disability2021.path;
  const dis = joinToGeometry(
    dFile,
    pivot(
      await readCsvTable(rawPath(rawDir, 'disability2021'), dFile, DisabilityRow),
      (r) => r.disability,
    ),
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
    target,
  );
  const hFile = RAW.householdDeprivation2021.path;
  const hh = joinToGeometry(
    hFile,
    pivot(
      await readCsvTable(rawPath(rawDir, 'householdDeprivation2021'), hFile, HouseholdRow),
      (r) => r.deprivation_dimensions,
    ),
    (r) => r.lsoa21cd,
    (r) => r.lad24cd,
    target,
  );

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
