/**
 * The inequality worker's request for the indicator on screen: its values, the populations that
 * weight each group and the deprivation that forms the groups, one entry per area. One builder
 * for the analysis panel and the reports, so the two cannot compute different SIIs.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import type { GroupingKind, QuantileCount } from '../../workers/inequality/deprivation_groups.ts';
import type { InequalityInput } from '../../workers/inequality/inequality_api.ts';

/** OHID's number of draws for the 95% limits. */
export const SIMULATIONS = 100_000;
export const SEED = 1;

export function inequalityRequest(
  view: AtlasView,
  grouping: GroupingKind,
  quantiles: QuantileCount,
): InequalityInput {
  const { model, geography, indicator: meta } = view;
  const table = model.table(geography);
  const dep = model.deprivationOf(geography);
  const column = (id: string | null) =>
    Float64Array.from(
      (id === null ? undefined : table.values[id]) ?? table.codes.map(() => null),
      (v) => v ?? NaN,
    );
  return {
    values: column(meta.id),
    populations: column(model.populationId(geography)),
    deprivation: column(grouping === 'national' ? dep.decileId : dep.scoreId),
    grouping,
    quantiles,
    simulations: SIMULATIONS,
    seed: SEED,
  };
}
