/**
 * Every district in the England overview's table, also in a partial `--national` build: the
 * districts without a bundle get a row whose IoD 2019 figures are rolled up here from the
 * England LSOA file by each column's own rule (the same code as the bundles' and England's
 * figures, which reproduces MHCLG File 10) and whose IoD 2025 figures come from File 10
 * (`applyFile10`, afterwards). Their other indicators are null ("no data"), never zero.
 */
import type { IndicatorTable } from '../contracts/manifest.ts';
import type { Assignment } from '../workers/rollup/aggregate.ts';
import type { LsoaColumn } from './columns.ts';
import type { Registry } from './registry.ts';
import { rollUpColumns, round, storedDecimals } from './tables.ts';

/**
 * Appends a row for each registry district missing from `table` (sorted by code), from the
 * England IoD 2019 LSOA columns and each LSOA's 2019 district code. Returns how many were added.
 */
export function addUnbuiltDistricts(
  table: IndicatorTable,
  methods: Map<string, string>,
  registry: Registry,
  england: { columns: readonly LsoaColumn[]; districts: readonly string[] },
): number {
  const have = new Set(table.codes);
  const missing = registry.districts.filter((d) => !have.has(d.code));
  if (!missing.length) return 0;
  const at = new Map(missing.map((d, i) => [d.code, i]));
  const assignment: Assignment = {
    group: Int32Array.from(
      england.districts,
      (code) => at.get(registry.current.get(code) ?? code) ?? -1,
    ),
    groupCount: missing.length,
  };
  const rolled = rollUpColumns(england.columns, assignment);
  const decimals = new Map(england.columns.map((c) => [c.meta.id, c.meta.decimals]));
  for (const [id, values] of Object.entries(table.values)) {
    const r = rolled.get(id);
    const dp = storedDecimals(decimals.get(id) ?? 3);
    for (let i = 0; i < missing.length; i++) {
      const v = r?.values[i];
      values.push(v !== undefined && Number.isFinite(v) ? round(v, dp) : null);
    }
    if (r)
      methods.set(
        id,
        `${methods.get(id) ?? r.method}; for the ${missing.length} districts not built, the same rule over their LSOAs of the IoD 2019 England file`,
      );
  }
  for (const d of missing) {
    table.codes.push(d.code);
    table.names.push(d.name);
    table.districts.push(d.code);
    table.centres.push(null);
  }
  return missing.length;
}
