import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorTable } from '../../contracts/manifest.ts';
import type { ClassMethod } from './classify.ts';
import type { AreaLayer } from '../geometry/area_layer.ts';

export interface ChoroplethRequest {
  geography: GeographyId;
  indicator: string;
  method: ClassMethod;
  k: number;
  /** True when higher values are worse (or neutral): rank 1 = highest. */
  higherIsWorse: boolean;
}

export interface ChoroplethResult {
  geography: GeographyId;
  indicator: string;
  method: ClassMethod;
  breaks: number[];
  k: number;
  min: number;
  max: number;
  /** Class per area in table order; -1 = no value. */
  classes: Int8Array;
  /** Rank within the area shown, 1 = worst; 0 = no value. */
  ranks: Int32Array;
  /** Areas with a value. */
  n: number;
}

/** Class breaks of a national column (every LSOA in England): drawn by the tiles' own values. */
export interface ColumnClasses {
  method: ClassMethod;
  breaks: number[];
  k: number;
  min: number;
  max: number;
  /** Areas with a value. */
  n: number;
}

/** Everything the atlas-data worker does, in one interface (see workers/atlas/atlas_data.worker.ts). */
export interface AtlasDataApi {
  /**
   * Fetches the TopoJSON at an absolute URL, decodes the named objects and keeps them packed
   * and indexed for `locatePoints`. Returns them as packed typed arrays, transferred; the main
   * thread rebuilds GeoJSON for MapLibre with `areaCollectionOf` (workers/geometry/area_layer.ts)
   * and can pass `layer.polygons` to the analysis workers as it is.
   */
  loadAreas(url: string, objects: GeographyId[]): Promise<Partial<Record<GeographyId, AreaLayer>>>;
  /** Fetches and validates the indicator tables and keeps them. */
  loadTables(
    urls: Partial<Record<GeographyId, string>>,
  ): Promise<Partial<Record<GeographyId, IndicatorTable>>>;
  /** Adds or replaces an indicator's values (an imported one) in a kept table. */
  putIndicator(geography: GeographyId, indicator: string, values: (number | null)[]): Promise<void>;
  /** Classes and ranks of one indicator over one geography. */
  choropleth(req: ChoroplethRequest): Promise<ChoroplethResult>;
  /**
   * Index of the area of `geography` containing each point (lon/lat pairs), -1 if none; a
   * point in two overlapping areas gets the lower index. Runs on `workers/geometry`
   * (flatbush + crossing test), the engine's one point-in-polygon path.
   */
  locatePoints(geography: GeographyId, lonLat: Float64Array): Promise<Int32Array>;
  /**
   * Fetches a national column file (contracts/atlas_index.ts `NationalColumnSchema`) once and
   * classes its values: the national LSOA layer is coloured by these breaks, with no per-area
   * join on the main thread.
   */
  columnClasses(url: string, method: ClassMethod, k: number): Promise<ColumnClasses>;
}
