import { z } from 'zod';
import { gss, int, readCsvTable } from '../csv_table.ts';
import { columnOf, type LsoaColumn } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { LICENCE, RAW, rawPath } from '../raw_catalogue.ts';

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

/** ONS mid-2020 population on LSOA 2011: total and life-course age groups. */
export async function readPopulation2020(
  rawDir: string,
  target: JoinTarget,
): Promise<LsoaColumn[]> {
  const file = RAW.population2020.path;
  const rows = joinToGeometry(
    file,
    await readCsvTable(rawPath(rawDir, 'population2020'), file, PopRow),
    (r) => r.lsoa11cd,
    (r) => r.lad19cd,
    target,
  );
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
