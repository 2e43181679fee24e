/**
 * IoD 2025 authority figures as MHCLG publishes them (File 10, local authority summaries,
 * `iod2025_lad24_summaries_england.csv`): the population-weighted average score of the IMD and
 * of each domain. The raw data has no LSOA 2021 population outside the Liverpool City Region,
 * so a district bundle's own IoD 2025 roll-up is an unweighted mean there; the England
 * overview's authority table takes File 10's figure instead wherever the file has the district.
 */
import type { IndicatorMeta, IndicatorTable } from '../contracts/manifest.ts';
import { Summary2025 } from './headline.ts';
import { RAW } from './raw_catalogue.ts';
import type { RawReader } from './raw_reader.ts';

/** File 10's `index_domain` to the atlas indicator and its scale (rates are percentages). */
export const FILE10_2025: Record<string, { id: string; scale: number }> = {
  'Index of Multiple Deprivation': { id: 'imd2025_score', scale: 1 },
  'Income Deprivation': { id: 'imd2025_income_rate', scale: 100 },
  'Employment Deprivation': { id: 'imd2025_employment_rate', scale: 100 },
  'Education, Skills and Training Deprivation': { id: 'imd2025_education_score', scale: 1 },
  'Health Deprivation and Disability': { id: 'imd2025_health_score', scale: 1 },
  Crime: { id: 'imd2025_crime_score', scale: 1 },
  'Barriers to Housing and Services': { id: 'imd2025_barriers_score', scale: 1 },
  'Living Environment Deprivation': { id: 'imd2025_living_env_score', scale: 1 },
};

export const FILE10_2025_METHOD = `population-weighted average score as published by MHCLG (IoD 2025 File 10, local authority summaries, ${RAW.iod2025Summaries.path.replace(/^indicators\//, '')}; OGL v3)`;

/**
 * Current district code -> indicator id -> File 10's average score (in the atlas's unit).
 * File 10 names Barnsley and Sheffield by their codes before 2024 (E08000016, E08000019);
 * `current` (the registry's code history) maps them to today's (E08000038, E08000039).
 */
export async function readFile10Iod2025(
  raw: RawReader,
  current: ReadonlyMap<string, string>,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const { value: r } of await raw.table('iod2025Summaries', Summary2025)) {
    const to = FILE10_2025[r.index_domain];
    if (!to || r.average_score === null) continue;
    const code = current.get(r.area_code) ?? r.area_code;
    let row = out.get(code);
    if (!row) out.set(code, (row = new Map()));
    // Rounded to the file's own precision times the scale (0.357 -> 35.7, no 35.699999…).
    row.set(to.id, Math.round(r.average_score * to.scale * 1e6) / 1e6);
  }
  return out;
}

/**
 * Puts File 10's figures into the authority table wherever the file has the district, and says
 * so in the method of each indicator (with how many districts kept their own roll-up, if any).
 * Returns the ids replaced.
 */
export function applyFile10(
  table: IndicatorTable,
  methods: Map<string, string>,
  file10: ReadonlyMap<string, ReadonlyMap<string, number>>,
): string[] {
  const replaced: string[] = [];
  for (const { id } of Object.values(FILE10_2025)) {
    const values = table.values[id];
    if (!values) continue;
    let from10 = 0;
    table.codes.forEach((code, i) => {
      const v = file10.get(code)?.get(id);
      if (v === undefined) return;
      values[i] = v;
      from10++;
    });
    if (!from10) continue;
    const rest = table.codes.length - from10;
    methods.set(
      id,
      rest
        ? `${FILE10_2025_METHOD} (${from10} districts); ${methods.get(id) ?? 'the bundle roll-up'} (${rest} district${rest === 1 ? '' : 's'} not in File 10)`
        : FILE10_2025_METHOD,
    );
    replaced.push(id);
  }
  return replaced;
}

/**
 * A bundle's own authority row takes File 10's figures too, so the authority's atlas, its
 * profiles and the England overview quote the same published, population-weighted number
 * (the bundle's roll-up is an unweighted mean wherever the raw data lacks LSOA 2021
 * population). The availability method of each replaced indicator says so.
 */
export function applyFile10ToBundle(
  tables: readonly IndicatorTable[],
  indicators: IndicatorMeta[],
  file10: ReadonlyMap<string, ReadonlyMap<string, number>>,
): string[] {
  const lad = tables.find((t) => t.geography === 'lad');
  if (!lad) return [];
  const methods = new Map<string, string>();
  for (const m of indicators) if (m.geographies.lad) methods.set(m.id, m.geographies.lad.method);
  const replaced = applyFile10(lad, methods, file10);
  for (const m of indicators) {
    const at = m.geographies.lad;
    const method = methods.get(m.id);
    if (at && method && replaced.includes(m.id)) m.geographies.lad = { ...at, method };
  }
  return replaced;
}
