import type { ImportedIndicator } from '../../workers/import_api.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { setAreaLimits } from '../gap/area_limits.ts';
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
  model.addIndicator(ind.meta);
  return { level, values };
}
