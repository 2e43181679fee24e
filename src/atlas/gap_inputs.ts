import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import {
  deprivationFifths,
  FIFTH_NAMES,
  localitySummaries,
  wardLocalityIndex,
} from '../../workers/atlas/gap_summary.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { nameWithPlace } from '../places/area_names.ts';
import { LOCALITIES, normaliseName } from '../config/localities.ts';
import { decodeLocalities } from '../state/localities_param.ts';
import type { GapInputs } from '../state/atlas_view.ts';
import type { GapItem } from '../ui/gap_chart.ts';
import type { AreaLocator } from './area_locator.ts';
import type { Deciles } from './deciles.ts';

/**
 * What the north-south gap chart draws: one item per area (value, latitude of its population
 * centre, deprivation) and the population-weighted means of two groups: the authority's named
 * localities, or else its most and least deprived fifths of residents. The user's own
 * localities (`loc`, already checked against the ward table by resolveView) come first. The
 * same object feeds the screen, the report page and the exported figure.
 */
export async function gapInputs(
  model: AtlasModel,
  g: GeographyId,
  meta: IndicatorMeta,
  order: GapInputs['order'],
  deciles: Deciles,
  locator: AreaLocator,
  loc?: string,
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
  const values = t.values[meta.id] ?? [];
  const population = t.values[model.populationId(g)] ?? [];
  const wards = model.tables.ward;
  const custom = loc && wards ? decodeLocalities(loc) : null;
  const named = LOCALITIES[model.manifest.area.id];
  let grouping: GapInputs['grouping'] = 'fifths';
  let summaries = localitySummaries(
    values,
    population,
    deprivationFifths(t.values[dep.scoreId] ?? [], population),
    FIFTH_NAMES,
  );
  if (wards && custom?.ok) {
    // The user's localities: ward codes from the link.
    const index = wardLocalityIndex(wards.codes, custom.groups);
    const names = custom.groups.map((l) => l.name);
    summaries = localitySummaries(
      values,
      population,
      await locator.localityOf(g, index, loc ?? ''),
      names,
    );
    grouping = 'custom';
  } else if (wards && named) {
    // The authority's named localities (Sefton's): ward names from src/config/localities.ts.
    const index = Int32Array.from(wards.names, (n) =>
      named.findIndex((l) => l.wards.some((w) => normaliseName(w) === normaliseName(n))),
    );
    const names = named.map((l) => l.name);
    summaries = localitySummaries(
      values,
      population,
      await locator.localityOf(g, index, 'named'),
      names,
    );
    grouping = 'named';
  }
  return {
    meta,
    items,
    order,
    decileLabel: deciles.label,
    summaries,
    areaNoun: GEOGRAPHY_LEVELS[g].noun,
    grouping,
  };
}
