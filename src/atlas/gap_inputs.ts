import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import {
  deprivationFifths,
  FIFTH_NAMES,
  localitySummaries,
} from '../../workers/atlas/gap_summary.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { nameWithPlace } from '../places/area_names.ts';
import { LOCALITIES } from '../config/localities.ts';
import type { GapInputs } from '../state/atlas_view.ts';
import type { GapItem } from '../ui/gap_chart.ts';
import type { AreaLocator } from './area_locator.ts';
import type { Deciles } from './deciles.ts';

/**
 * What the north-south gap chart draws: one item per area (value, latitude of its population
 * centre, deprivation) and the population-weighted means of two groups: the authority's named
 * localities, or else its most and least deprived fifths of residents. The same object feeds the screen, the report page and the exported figure.
 */
export async function gapInputs(
  model: AtlasModel,
  g: GeographyId,
  meta: IndicatorMeta,
  order: GapInputs['order'],
  deciles: Deciles,
  locator: AreaLocator,
): Promise<GapInputs> {
  const t = model.table(g);
  const dep = model.deprivationOf(g);
  const items: GapItem[] = t.codes.map((code, i) => ({
    code,
    name: nameWithPlace(code, t.names[i] ?? code),
    value: t.values[meta.id]?.[i] ?? null,
    lat: t.centres[i]?.[1] ?? 0,
    deprivation: t.values[dep.scoreId]?.[i] ?? null,
    decile: deciles.values[i] ?? null,
  }));
  const localities = LOCALITIES[model.manifest.area.id];
  const values = t.values[meta.id] ?? [];
  const population = t.values[model.populationId(g)] ?? [];
  // Named localities where the authority has them (Sefton); otherwise, by default, the most
  // and least deprived fifths of its residents.
  const summaries = localities
    ? localitySummaries(
        values,
        population,
        await locator.localityOf(
          g,
          localities.map((l) => l.wards),
        ),
        localities.map((l) => l.name),
      )
    : localitySummaries(
        values,
        population,
        deprivationFifths(t.values[dep.scoreId] ?? [], population),
        FIFTH_NAMES,
      );
  return {
    meta,
    items,
    order,
    decileLabel: deciles.label,
    summaries,
    areaNoun: GEOGRAPHY_LEVELS[g].noun,
  };
}
