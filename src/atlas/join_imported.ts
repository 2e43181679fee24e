import type { ImportedIndicator } from '../../workers/import_api.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { setAreaLimits, setSuppliedColumns } from '../gap/area_limits.ts';
import { levelOfGeography, type Level } from '../../contracts/geography.ts';

/**
 * Puts an imported indicator's values into the model's table of its geography, in table order
 * (areas the file does not name get no value). Null when the atlas has no such geography.
 */
export function joinImported(
  model: AtlasModel,
  ind: ImportedIndicator,
): { level: Level; values: (number | null)[] } | null {
  const level = levelOfGeography(ind.geography);
  const table = model.tables[ind.geography];
  if (!level || !table) return null;
  const byCode = new Map(ind.codes.map((c, i) => [c, ind.values[i] ?? null]));
  const values = table.codes.map((c) => byCode.get(c) ?? null);
  table.values[ind.meta.id] = values;
  // The file's limits for each area, for the gap view's range (src/gap/).
  const column = (col: (number | null)[] | undefined) => {
    const m = new Map(ind.codes.map((c, i) => [c, col?.[i] ?? null]));
    return table.codes.map((c) => m.get(c) ?? null);
  };
  setAreaLimits(
    ind.meta.id,
    ind.lower && ind.upper
      ? {
          lower: column(ind.lower),
          upper: column(ind.upper),
          interval: ind.interval ?? 'as supplied',
        }
      : null,
  );
  // Both levels, counts and the file's benchmark rows, for the profile's comparison.
  const at95 = ind.interval === '95%';
  const at998 = ind.interval === '99.8%';
  const maybe = (col: (number | null)[] | undefined) => (col ? column(col) : null);
  setSuppliedColumns(ind.meta.id, {
    lower95: at95 ? maybe(ind.lower) : null,
    upper95: at95 ? maybe(ind.upper) : null,
    lower998: at998 ? maybe(ind.lower) : maybe(ind.lower998),
    upper998: at998 ? maybe(ind.upper) : maybe(ind.upper998),
    count: maybe(ind.count),
    denominator: maybe(ind.denominator),
    benchmarks: ind.benchmarks ?? [],
  });
  model.addIndicator(ind.meta);
  return { level, values };
}
