import type { GeographyId } from '../../contracts/geography.ts';
import { assignQuantiles } from '../../workers/stats/quantiles.ts';
import type { AtlasModel } from '../atlas_model.ts';

/** Deprivation decile of each area of a geography, and what kind of decile it is. */
export interface Deciles {
  /** 1 = most deprived; null where the area has no score. */
  values: (number | null)[];
  label: string;
}

/**
 * National deciles where the source publishes them (LSOAs); elsewhere local deciles of the
 * IMD score within the areas shown, assigned as PHEindicatormethods `phe_quantile` does
 * (`../shared/METHODS.md` section 1: ties take the minimum rank, decile 1 most deprived).
 */
export function decilesOf(model: AtlasModel, g: GeographyId): Deciles {
  const dep = model.deprivationOf(g);
  const t = model.table(g);
  const published = dep.decileId ? t.values[dep.decileId] : undefined;
  if (published) return { values: published, label: `National ${dep.label} decile` };
  // Areas without a score (a ward no LSOA is assigned to by the best-fit lookup) get no
  // decile; the others are ranked among themselves, and the label says how many were left out.
  const scores = t.values[dep.scoreId] ?? [];
  const present = scores.flatMap((v, i) => (v === null ? [] : [i]));
  const q = assignQuantiles(
    Float64Array.from(present, (i) => scores[i] ?? NaN),
    10,
  );
  if (!q.ok) return { values: scores.map(() => null), label: `No deciles: ${q.reason}` };
  const values: (number | null)[] = scores.map(() => null);
  present.forEach((i, j) => (values[i] = q.value[j] ?? null));
  const left = scores.length - present.length;
  const without = left
    ? `; ${left} ${left === 1 ? 'area has' : 'areas have'} no ${dep.label} score and no decile`
    : '';
  return {
    values,
    label: `Local decile of the ${dep.label} score within ${model.manifest.area.name}${without}`,
  };
}
