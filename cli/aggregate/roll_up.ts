/**
 * The roll-up itself: the user's LSOA columns laid out in the atlas's LSOA order, summed or
 * averaged per target area with the engine's functions (workers/aggregate.ts). Pure.
 */
import type { IndicatorTable } from '../../contracts/manifest.ts';
import { ratioBy, sumBy, weightedMeanBy, type Assignment } from '../../workers/rollup/aggregate.ts';
import type { LsoaRow } from './lsoa_csv.ts';
import type { Plan } from './options.ts';

export interface AggregateRow {
  area_code: string;
  area_name: string;
  value: number | null;
  /** LSOAs assigned to the area. */
  lsoas: number;
  /** Of those, LSOAs without a row or with a missing value in a column the method uses. */
  lsoas_missing: number;
}

/** The roll-up per target area, with how many member LSOAs lack a value. */
export function rollUpRows(
  plan: Plan,
  rows: readonly LsoaRow[],
  lsoaCodes: readonly string[],
  assignment: Assignment,
  targets: IndicatorTable,
): AggregateRow[] {
  const byCode = new Map(rows.map((r) => [r.area_code, r]));
  const used = Object.values(plan.columns);
  // LSOAs of the atlas without a row get NaN: missing, like an empty cell.
  const inputs = new Map(
    used.map((name) => [
      name,
      Float64Array.from(lsoaCodes, (code) => {
        const v = byCode.get(code)?.[name];
        return typeof v === 'number' ? v : NaN;
      }),
    ]),
  );
  const result = rollUp(plan, (name) => inputs.get(name) ?? new Float64Array(), assignment);
  const members = new Uint32Array(assignment.groupCount);
  const missing = new Uint32Array(assignment.groupCount);
  assignment.group.forEach((g, i) => {
    if (g < 0) return;
    members[g] = (members[g] ?? 0) + 1;
    if (used.some((name) => Number.isNaN(inputs.get(name)?.[i] ?? NaN)))
      missing[g] = (missing[g] ?? 0) + 1;
  });
  return targets.codes.map((code, g) => {
    const v = result[g] ?? NaN;
    return {
      area_code: code,
      area_name: targets.names[g] ?? '',
      value: Number.isFinite(v) ? tidy(v) : null,
      lsoas: members[g] ?? 0,
      lsoas_missing: missing[g] ?? 0,
    };
  });
}

function rollUp(plan: Plan, column: (name: string) => Float64Array, a: Assignment): Float64Array {
  const { value = '', weight = '', numerator = '', denominator = '' } = plan.columns;
  switch (plan.method) {
    case 'sum':
      return sumBy(column(value), a);
    case 'mean': {
      const v = column(value);
      return weightedMeanBy(v, new Float64Array(v.length).fill(1), a);
    }
    case 'weighted-mean':
      return weightedMeanBy(column(value), column(weight), a);
    case 'rate':
      return ratioBy(column(numerator), column(denominator), a, plan.scale);
  }
}

/** Drops float noise (27.034999999999997) without losing a small rate's digits. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}
