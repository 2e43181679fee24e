/**
 * The area the register serves: the outline of the authority the data was built for (the
 * bundle's "lad" object: one district, or every district of a group bundle), so a Knowsley
 * build takes Knowsley addresses and refuses Liverpool ones. Points are tested with the
 * engine's one point-in-polygon (workers/geometry); the bundle's wards say which ward a
 * submission is in, for moderators.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { AtlasIndexSchema } from '../../contracts/atlas_index.ts';
import { ManifestSchema } from '../../contracts/manifest.ts';
import { decodeAreas, type AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import {
  buildPolygonIndex,
  locatePoints,
  type PolygonIndex,
} from '../../workers/geometry/polygon_index.ts';
import { PointCollectionSchema } from '../../contracts/point_layer.ts';
import type { BBox } from '../db/asset_store.ts';

/** The pipeline layer of the named community assets: the register holds those itself. */
export const SUPERSEDED_LAYER = 'community_assets';

export interface PlaceName {
  code: string;
  name: string;
}

/** An entry of one of the map's own point layers (GP practices, pharmacies...). */
export interface MapPoint {
  name: string;
  /** The layer's label, e.g. "GP practices". */
  layer: string;
  latitude: number;
  longitude: number;
}

/** A ward's outline for a moderator's inset map: lon/lat rings. */
export interface WardShape {
  code: string;
  name: string;
  rings: [number, number][][];
}

export interface RegisterArea {
  /** The bundle id (a district or group code); null for a plain rectangle (GAP_ATLAS_BBOX). */
  id: string | null;
  /** For messages: "Knowsley", or "the area served" for a rectangle. */
  name: string;
  /** The outline's bounding box: a quick first check, and the seed's and map's extent. */
  bbox: BBox;
  /** Whether a point is inside the outline (or the rectangle). */
  contains(latitude: number, longitude: number): boolean;
  /** The ward holding a point, when the area knows its wards. */
  wardAt(latitude: number, longitude: number): PlaceName | null;
  /** The wards whose bounding box meets `bbox`, with their outlines. */
  wardsNear(bbox: BBox): WardShape[];
  /**
   * The entries of the map's own point layers (not the register), so a moderator sees when a
   * submission repeats a GP practice or library the map already shows.
   */
  mapPoints: readonly MapPoint[];
}

export class AreaError extends Error {
  override name = 'AreaError';
}

function inBox(b: BBox, latitude: number, longitude: number): boolean {
  return (
    latitude >= b.minLat && latitude <= b.maxLat && longitude >= b.minLon && longitude <= b.maxLon
  );
}

/** A rectangle (GAP_ATLAS_BBOX, or Sefton's when no data is built): no wards. */
export function rectangleArea(bbox: BBox, name = 'the area served'): RegisterArea {
  return {
    id: null,
    name,
    bbox,
    contains: (lat, lon) => inBox(bbox, lat, lon),
    wardAt: () => null,
    wardsNear: () => [],
    mapPoints: [],
  };
}

interface Located {
  index: PolygonIndex;
  names: PlaceName[];
}

function locator(collection: FeatureCollection<Geometry | null>): Located {
  return {
    index: buildPolygonIndex(packPolygons(collection)),
    names: collection.features.map((f) => {
      const p = (f.properties ?? {}) as Record<string, unknown>;
      return { code: String(p.code ?? ''), name: String(p.name ?? '') };
    }),
  };
}

function locate(l: Located, latitude: number, longitude: number): PlaceName | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  const i = locatePoints(l.index, Float64Array.of(longitude, latitude), { spatialSort: false })[0];
  return i === undefined || i < 0 ? null : (l.names[i] ?? null);
}

/** An area from polygons in lon/lat: the authority outline(s), and its wards if known. */
export function outlineArea(
  id: string,
  name: string,
  outline: FeatureCollection<Geometry | null>,
  wards: FeatureCollection<Geometry | null> | null = null,
  mapPoints: readonly MapPoint[] = [],
): RegisterArea {
  const o = locator(outline);
  const { bboxes, featureCount } = o.index.polygons;
  if (featureCount === 0) throw new AreaError(`${name} (${id}) has no outline`);
  const bbox: BBox = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (let f = 0; f < featureCount; f++) {
    bbox.minLon = Math.min(bbox.minLon, bboxes[4 * f] ?? Infinity);
    bbox.minLat = Math.min(bbox.minLat, bboxes[4 * f + 1] ?? Infinity);
    bbox.maxLon = Math.max(bbox.maxLon, bboxes[4 * f + 2] ?? -Infinity);
    bbox.maxLat = Math.max(bbox.maxLat, bboxes[4 * f + 3] ?? -Infinity);
  }
  if (!Number.isFinite(bbox.minLon)) throw new AreaError(`${name} (${id}) has no outline`);
  const w = wards ? locator(wards) : null;
  return {
    id,
    name,
    bbox,
    contains: (lat, lon) => inBox(bbox, lat, lon) && locate(o, lat, lon) !== null,
    wardAt: (lat, lon) => (w ? locate(w, lat, lon) : null),
    wardsNear: (near) => (w && wards ? shapesNear(w, wards, near) : []),
    mapPoints,
  };
}

function shapesNear(
  l: Located,
  wards: FeatureCollection<Geometry | null>,
  near: BBox,
): WardShape[] {
  const { bboxes, featureCount } = l.index.polygons;
  const out: WardShape[] = [];
  for (let f = 0; f < featureCount; f++) {
    const b = (k: number) => bboxes[4 * f + k] ?? NaN;
    const meets =
      b(0) <= near.maxLon && b(2) >= near.minLon && b(1) <= near.maxLat && b(3) >= near.minLat;
    if (!meets) continue;
    const g = wards.features[f]?.geometry;
    const polygons =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    out.push({
      ...(l.names[f] ?? { code: '', name: '' }),
      rings: polygons
        .flat()
        .map((r) => r.map(([x, y]) => [x ?? NaN, y ?? NaN] as [number, number])),
    });
  }
  return out;
}

/** The entries of the bundle's point layers but `skip` (the layer the register supersedes). */
async function readMapPoints(
  manifestDir: string,
  layers: readonly { id: string; label: string; file: string }[],
  skip: string,
): Promise<MapPoint[]> {
  const out: MapPoint[] = [];
  for (const layer of layers) {
    if (layer.id === skip) continue;
    const collection = PointCollectionSchema.parse(
      await readJson(path.join(manifestDir, layer.file)),
    );
    for (const f of collection.features) {
      const [longitude, latitude] = f.geometry.coordinates;
      const name = f.properties.name;
      if (typeof name === 'string' && name) {
        out.push({ name, layer: layer.label, latitude, longitude });
      }
    }
  }
  return out;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/**
 * The area of a built data folder (index.json): the bundle `areaId` names (a bundle id,
 * case-insensitive; GAP_ATLAS_REGISTER_AREA), else the build's default bundle, which is the
 * area `npm start` builds. Returns null when the folder has no index.json.
 */
export async function loadBuiltArea(
  dataDir: string,
  areaId?: string | null,
): Promise<RegisterArea | null> {
  let raw: unknown;
  try {
    raw = await readJson(path.join(dataDir, 'index.json'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const index = AtlasIndexSchema.parse(raw);
  const wanted = (areaId || index.defaultBundle).toLowerCase();
  const bundle = index.bundles.find((b) => b.id.toLowerCase() === wanted);
  if (!bundle) {
    throw new AreaError(
      `The register's area ${areaId ?? index.defaultBundle} is not in ${dataDir}/index.json (built: ${index.bundles.map((b) => b.id).join(', ')})`,
    );
  }
  const manifestFile = path.join(dataDir, bundle.manifest);
  const manifest = ManifestSchema.parse(await readJson(manifestFile));
  const geo = (id: string) => manifest.geographies.find((g) => g.id === id)?.object;
  const lad = geo('lad');
  if (!lad) throw new AreaError(`${bundle.manifest} has no district outline (geography "lad")`);
  const ward = geo('ward');
  const dir = path.dirname(manifestFile);
  const topo = await readJson(path.join(dir, manifest.geometry.file));
  const decoded: Record<string, AreaCollection> = decodeAreas(topo, ward ? [lad, ward] : [lad]);
  return outlineArea(
    bundle.id,
    bundle.name,
    decoded[lad] as AreaCollection,
    ward ? (decoded[ward] ?? null) : null,
    await readMapPoints(dir, manifest.layers, SUPERSEDED_LAYER),
  );
}
