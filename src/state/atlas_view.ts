/**
 * What is on the atlas screen now: the one view model that the map, the panels, the report
 * pages and the figure exports all read. Types only, so that any screen module may import it
 * without importing the atlas itself.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import type { LocalitySummary } from '../../workers/atlas/gap_summary.ts';
import type { AtlasModel } from '../atlas_model.ts';
import type { PointCollection } from '../map/point_layers.ts';
import type { GapItem } from '../ui/gap_chart.ts';
import type { ViewState } from './view_state.ts';

export interface AtlasView {
  geography: GeographyId;
  indicator: IndicatorMeta;
  selection: string | undefined;
  state: ViewState;
  model: AtlasModel;
  map: MapLibreMap;
  points: ReadonlyMap<string, PointCollection>;
  /** The classes on the map now (null before the first render). */
  classes: ChoroplethResult | null;
  /** Decoded boundaries by geography id (including the authority outline, 'lad'). */
  areas: Readonly<Record<string, AreaCollection>>;
  /** What the north-south gap chart was last drawn from, for reports that redraw it. */
  gap: GapInputs | null;
}

/** The arguments of the gap chart's last render. */
export interface GapInputs {
  meta: IndicatorMeta;
  items: GapItem[];
  order: 'north' | 'deprivation';
  decileLabel: string;
  summaries: LocalitySummary[];
  areaNoun: string;
  /**
   * What the summaries compare: the user's own localities (from the link), the authority's
   * named localities (Sefton's), or by default its most and least deprived fifths of residents.
   */
  grouping: 'custom' | 'named' | 'fifths';
}
