/**
 * Who lives near an asset: for each asset category, the population (and the Core20
 * population) of areas whose centre point lies within a straight-line distance of an
 * asset of that category, the Core20 areas left out, and points per polygon with a rate
 * per 10,000 people. Pure: runs on any thread (in the app, inside the analysis worker).
 *
 * Areas are assigned whole by their centre point (../shared/METHODS.md section 4: "say how
 * LSOAs were assigned"): an LSOA counts as reached when its centre point is within reach, and
 * then all its population counts. LSOA centre points are not population-weighted.
 *
 * Distances: longitude/latitude differences are turned into metres with the metres per
 * degree of longitude and of latitude at the *area's* latitude (WGS84 ellipsoid series),
 * then Pythagoras (an equirectangular approximation). Over 800 m this differs from the
 * geodesic by far less than the placement error of a postcode centroid (~5-55 m); a single
 * scale for all England would be up to 13% out, as cos(latitude) runs 0.64 to 0.56.
 */
import Flatbush from 'flatbush';

/** Area centre points (LSOAs), longitude/latitude (WGS84). */
export interface AreaPoints {
  codes: readonly string[];
  /** lon, lat interleaved. */
  xy: Float64Array;
  population: Float64Array;
  /** 1 when the area is Core20 (national IMD deciles 1-2), else 0. */
  core20: Uint8Array;
}

/** Asset points with a category each, longitude/latitude (WGS84). */
export interface AssetPoints {
  /** lon, lat interleaved. */
  xy: Float64Array;
  /** Index into `categories` for each asset. */
  category: Uint32Array;
  categories: readonly string[];
}

export interface CatchmentOptions {
  /** Straight-line reach from an asset, metres (default 800, about a 10-minute walk). */
  radiusMetres?: number;
  /** How far to look for the nearest asset of an unreached Core20 area (default 20 km). */
  nearestSearchMetres?: number;
}

export const DEFAULT_CATCHMENT_OPTIONS: Required<CatchmentOptions> = {
  radiusMetres: 800,
  nearestSearchMetres: 20_000,
};

/** A Core20 area with no asset of the category within reach. */
export interface UnreachedArea {
  /** Index of the area in the request. */
  area: number;
  code: string;
  population: number;
  /** Distance to the nearest asset of the category, or null if none within the search. */
  nearestMetres: number | null;
}

export interface CategoryCatchment {
  category: string;
  assetCount: number;
  radiusMetres: number;
  population: number;
  populationReached: number;
  core20Population: number;
  core20PopulationReached: number;
  /** populationReached / population; NaN when there is no population. */
  shareReached: number;
  /** core20PopulationReached / core20Population; NaN when there are no Core20 areas. */
  core20ShareReached: number;
  /** Unreached Core20 areas, largest population first (ties by code). */
  core20Unreached: UnreachedArea[];
}

/** Catchment figures for every asset category, in `assets.categories` order. */
export function catchments(
  areas: AreaPoints,
  assets: AssetPoints,
  options: CatchmentOptions = {},
): CategoryCatchment[] {
  const { radiusMetres, nearestSearchMetres } = { ...DEFAULT_CATCHMENT_OPTIONS, ...options };
  const areaCount = areas.codes.length;
  const scales = new Float64Array(areaCount * 2);
  for (let a = 0; a < areaCount; a++) {
    const { lon, lat } = metresPerDegree(areas.xy[2 * a + 1] ?? NaN);
    scales[2 * a] = lon;
    scales[2 * a + 1] = lat;
  }

  return assets.categories.map((category, c) => {
    const index = indexAssetsOfCategory(assets, c);
    const result: CategoryCatchment = {
      category,
      assetCount: index?.numItems ?? 0,
      radiusMetres,
      population: 0,
      populationReached: 0,
      core20Population: 0,
      core20PopulationReached: 0,
      shareReached: NaN,
      core20ShareReached: NaN,
      core20Unreached: [],
    };
    for (let a = 0; a < areaCount; a++) {
      const x = areas.xy[2 * a] ?? NaN;
      const y = areas.xy[2 * a + 1] ?? NaN;
      const mLon = scales[2 * a] ?? NaN;
      const mLat = scales[2 * a + 1] ?? NaN;
      const population = areas.population[a] ?? NaN;
      const isCore20 = areas.core20[a] === 1;
      const reached = index !== null && anyWithin(index, x, y, mLon, mLat, radiusMetres);
      result.population += population;
      if (reached) result.populationReached += population;
      if (!isCore20) continue;
      result.core20Population += population;
      if (reached) {
        result.core20PopulationReached += population;
      } else {
        const nearestMetres =
          index === null ? null : nearestWithin(index, x, y, mLon, mLat, nearestSearchMetres);
        result.core20Unreached.push({
          area: a,
          code: areas.codes[a] ?? '',
          population,
          nearestMetres,
        });
      }
    }
    result.shareReached =
      result.population > 0 ? result.populationReached / result.population : NaN;
    result.core20ShareReached =
      result.core20Population > 0 ? result.core20PopulationReached / result.core20Population : NaN;
    result.core20Unreached.sort(
      (p, q) => q.population - p.population || (p.code < q.code ? -1 : p.code > q.code ? 1 : 0),
    );
    return result;
  });
}

/**
 * Metres per degree of longitude and of latitude at a latitude, on the WGS84 ellipsoid
 * (the usual truncated series; accurate to about a centimetre per degree).
 */
export function metresPerDegree(latitude: number): { lon: number; lat: number } {
  const phi = (latitude * Math.PI) / 180;
  return {
    lon: 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi),
    lat:
      111132.92 -
      559.82 * Math.cos(2 * phi) +
      1.175 * Math.cos(4 * phi) -
      0.0023 * Math.cos(6 * phi),
  };
}

/** Points per polygon (from `locatePoints`), and per 10,000 people when populations given. */
export interface PointCounts {
  /** counts[f] = points located in feature f. */
  counts: Uint32Array;
  /** Points in no feature. */
  outside: number;
  /** counts / population x 10,000 per feature; NaN where population is missing or 0. */
  ratePer10k: Float64Array | null;
}

export function countPointsInPolygons(
  featureOfPoint: Int32Array,
  featureCount: number,
  population: Float64Array | null = null,
): PointCounts {
  const counts = new Uint32Array(featureCount);
  let outside = 0;
  for (let i = 0; i < featureOfPoint.length; i++) {
    const f = featureOfPoint[i] ?? -1;
    if (f >= 0 && f < featureCount) counts[f] = (counts[f] ?? 0) + 1;
    else outside++;
  }
  return { counts, outside, ratePer10k: population ? ratesPer10k(counts, population) : null };
}

/** Rate per 10,000 from summed counts and populations (never an average of rates). */
export function ratesPer10k(counts: Uint32Array, population: Float64Array): Float64Array {
  if (population.length !== counts.length) {
    throw new RangeError(`${population.length} populations for ${counts.length} polygons`);
  }
  const rates = new Float64Array(counts.length);
  for (let f = 0; f < counts.length; f++) {
    const p = population[f] ?? NaN;
    rates[f] = p > 0 ? ((counts[f] ?? 0) / p) * 10_000 : NaN;
  }
  return rates;
}

function indexAssetsOfCategory(assets: AssetPoints, category: number): Flatbush | null {
  const members: number[] = [];
  for (let i = 0; i < assets.category.length; i++) {
    if (assets.category[i] === category) members.push(i);
  }
  if (members.length === 0) return null;
  const index = new Flatbush(members.length);
  for (const i of members) index.add(assets.xy[2 * i] ?? NaN, assets.xy[2 * i + 1] ?? NaN);
  index.finish();
  return index;
}

/** Whether any indexed point is within `metres` of (x, y), distances at the area's scale. */
function anyWithin(
  index: Flatbush,
  x: number,
  y: number,
  mLon: number,
  mLat: number,
  metres: number,
): boolean {
  const dx = metres / mLon;
  const dy = metres / mLat;
  const limit = metres * metres;
  return index.collides(x - dx, y - dy, x + dx, y + dy, (_i, ax, ay) => {
    const ex = (ax - x) * mLon;
    const ey = (ay - y) * mLat;
    return ex * ex + ey * ey <= limit;
  });
}

/**
 * Distance to the nearest indexed point, searching boxes of growing size up to `maxMetres`.
 * A hit at distance d inside a box of half-width r >= d is the true nearest: any closer
 * point would lie in the box too. (flatbush `neighbors` ranks by distance in degrees, which
 * over-weights longitude, so it cannot be used directly.)
 */
function nearestWithin(
  index: Flatbush,
  x: number,
  y: number,
  mLon: number,
  mLat: number,
  maxMetres: number,
): number | null {
  for (let r = Math.min(1000, maxMetres); ; r = Math.min(r * 2, maxMetres)) {
    let best = Infinity;
    index.search(x - r / mLon, y - r / mLat, x + r / mLon, y + r / mLat, (_i, ax, ay) => {
      best = Math.min(best, Math.hypot((ax - x) * mLon, (ay - y) * mLat));
      return false;
    });
    if (best <= r) return best;
    if (r >= maxMetres) return null;
  }
}
