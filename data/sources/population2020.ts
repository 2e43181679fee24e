import { z } from 'zod';
import { gss, int } from '../csv_table.ts';
import { columnOf, type LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { LICENCE, RAW } from '../raw_catalogue.ts';
import type { RawReader } from '../raw_reader.ts';
import { coverageReason, sliceFor, unavailableColumns, type SourceColumns } from '../slices.ts';

const ages = Object.fromEntries([
  ...Array.from({ length: 90 }, (_, a) => [`age_${a}`, int]),
  ['age_90plus', int],
]) as Record<string, typeof int>;

const PopRow = z
  .object({ lsoa11cd: gss('E01'), lad19cd: gss(), total_population: int, ...ages })
  .superRefine((r, ctx) => {
    const sum = Object.entries(r).reduce(
      (s, [k, v]) => (k.startsWith('age_') && typeof v === 'number' ? s + v : s),
      0,
    );
    if (sum !== r.total_population)
      ctx.addIssue({
        code: 'custom',
        path: ['total_population'],
        message: `single years of age sum to ${sum}, not the total`,
      });
  });
type PopRow = z.infer<typeof PopRow>;

function ageSum(r: PopRow, from: number, to: number): number {
  let s = 0;
  for (let a = from; a <= to; a++) {
    const v = (r as Record<string, unknown>)[a === 90 ? 'age_90plus' : `age_${a}`];
    if (typeof v === 'number') s += v;
  }
  return s;
}

const meta = {
  source: 'ONS mid-2020 small area population estimates (SAPE23DT2)',
  period: 'mid-2020',
  vintage: 'LSOA 2011',
  licence: LICENCE.ogl,
  kind: 'count',
  decimals: 0,
  polarity: 'neutral',
} as const;

const SPEC = {
  key: 'population2020',
  schema: PopRow,
  vintage: '2011',
  code: (r: PopRow) => r.lsoa11cd,
  district: (r: PopRow) => r.lad19cd,
} as const;

/** ONS mid-2020 population on LSOA 2011 (total and life-course age groups), where the raw data has it. */
export async function readPopulation2020(
  raw: RawReader,
  target: JoinTarget,
): Promise<SourceColumns> {
  const file = RAW.population2020.path;
  const slice = await sliceFor(raw, SPEC, [...target.districts]);
  if (slice.uncovered.length > 0)
    return {
      columns: [],
      unavailable: unavailableColumns(
        populationColumns([]),
        coverageReason(file, 'ONS mid-2020 LSOA population estimates', slice),
      ),
    };
  const rows = joinToGeometry(file, slice.rows, SPEC.code, SPEC.district, target, { sliced: true });
  return { columns: populationColumns(rows), unavailable: [] };
}

function populationColumns(rows: readonly (PopRow | undefined)[]): LsoaColumn[] {
  const c = (
    m: Pick<LsoaColumn['meta'], 'id' | 'label' | 'theme' | 'definition' | 'unit'>,
    get: (r: PopRow) => number,
    rollup: LsoaColumn['rollup'] = { kind: 'sum' },
    extra: Partial<LsoaColumn['meta']> = {},
  ): LsoaColumn => ({
    meta: { ...meta, ...m, ...extra },
    values: columnOf(rows, get),
    rollup,
    lsoaVintage: '2011',
    carry: null,
  });
  const share = (numerator: string) =>
    ({ kind: 'ratio', numerator, denominator: 'pop2020_total', scale: 100 }) as const;
  const pct = { kind: 'share', decimals: 1 } as const;
  return [
    c(
      {
        id: 'pop2020_total',
        label: 'Population, mid-2020',
        unit: 'people',
        theme: 'Population',
        definition: 'Usual resident population, ONS mid-2020 estimate.',
      },
      (r) => r.total_population,
    ),
    c(
      {
        id: 'pop2020_0_15',
        label: 'Children aged 0-15, mid-2020',
        unit: 'people',
        theme: 'Start Well',
        definition: 'Residents aged 0 to 15, ONS mid-2020 estimate.',
      },
      (r) => ageSum(r, 0, 15),
    ),
    c(
      {
        id: 'pop2020_16_64',
        label: 'People aged 16-64, mid-2020',
        unit: 'people',
        theme: 'Live Well',
        definition: 'Residents aged 16 to 64, ONS mid-2020 estimate.',
      },
      (r) => ageSum(r, 16, 64),
    ),
    c(
      {
        id: 'pop2020_65plus',
        label: 'People aged 65 and over, mid-2020',
        unit: 'people',
        theme: 'Age Well',
        definition: 'Residents aged 65 and over, ONS mid-2020 estimate.',
      },
      (r) => ageSum(r, 65, 90),
    ),
    c(
      {
        id: 'pop2020_0_15_share',
        label: 'Share aged 0-15, mid-2020',
        unit: '% of population',
        theme: 'Start Well',
        definition: 'Residents aged 0-15 as a share of all residents.',
      },
      (r) => (100 * ageSum(r, 0, 15)) / r.total_population,
      share('pop2020_0_15'),
      pct,
    ),
    c(
      {
        id: 'pop2020_65plus_share',
        label: 'Share aged 65 and over, mid-2020',
        unit: '% of population',
        theme: 'Age Well',
        definition: 'Residents aged 65 and over as a share of all residents.',
      },
      (r) => (100 * ageSum(r, 65, 90)) / r.total_population,
      share('pop2020_65plus'),
      pct,
    ),
  ];
}
