import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { LEVELS, type Level, type ViewState } from '../state/view_state.ts';
import { checkLocalityWards, decodeLocalities } from '../state/localities_param.ts';

export interface ResolvedView {
  /** The state, corrected where it named what cannot be drawn. */
  state: ViewState;
  meta: IndicatorMeta;
  geography: GeographyId;
  /** Levels the indicator can be drawn at. */
  available: Level[];
  /** What was corrected, in words, for the notice area. */
  notices: string[];
}

/**
 * What a view state can actually draw: an indicator this authority has (one its data lacks is
 * named with the reason), national deciles only for a published decile, and a level the
 * indicator exists at, localities of its own wards. Pure, so a bad link is corrected the same way everywhere.
 */
export function resolveView(model: AtlasModel, requested: ViewState): ResolvedView {
  let state = requested;
  const notices: string[] = [];
  if (!model.indicators.has(state.ind)) {
    const missing = model.manifest.unavailable.find((u) => u.id === state.ind);
    notices.push(
      missing
        ? `${missing.label} is not available for ${model.manifest.area.name}: ${missing.reason}. Showing the IMD 2019 score.`
        : `Indicator "${state.ind}" is not in this atlas; showing the IMD 2019 score.`,
    );
    state = { ...state, ind: 'imd2019_score' };
  }
  const meta = model.indicators.get(state.ind);
  if (!meta) throw new Error(`unknown indicator ${state.ind}`);
  if (state.cls === 'decile' && meta.kind !== 'decile') {
    notices.push(
      `National deciles are the classes of a published decile; ${meta.label} is shown in quantiles.`,
    );
    state = { ...state, cls: 'quantile' };
  }
  if (state.loc !== undefined) {
    // The link's localities must be this authority's wards (a link made for another, or edited).
    const d = decodeLocalities(state.loc);
    const place = model.manifest.area.name;
    const problem = d.ok
      ? checkLocalityWards(d.groups, model.tables.ward?.codes ?? [], place)
      : d.reason;
    if (problem) {
      notices.push(
        `${problem.charAt(0).toUpperCase()}${problem.slice(1)}; the gap view shows ${place}'s default comparison.`,
      );
      state = { ...state, loc: undefined };
    }
  }
  const available = LEVELS.filter((l) => model.geographyFor(l, meta));
  let geography = model.geographyFor(state.level, meta);
  if (!geography) {
    const fallback = available[0];
    if (!fallback) throw new Error(`${meta.label} has no values to map`);
    state = { ...state, level: fallback };
    geography = model.geographyFor(fallback, meta) as GeographyId;
  }
  return { state, meta, geography, available, notices };
}
