/**
 * A decoded geography as it crosses from the atlas-data worker to the main thread: the area
 * properties as string arrays and the geometry as packed polygons with their serialized
 * flatbush index (`PolygonLayerBuffers`), all ArrayBuffers sent by transfer. Cloning the same
 * areas as GeoJSON objects costs seconds at England scale; a transfer costs well under a
 * millisecond, and rebuilding GeoJSON from the arrays for MapLibre is one pass over them.
 * Pure: runs on any thread.
 *
 * The packed layer can go on to the analysis workers (`AnalysisApi.loadPolygons`) as it is,
 * without packing or indexing it again.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaCollection, AreaProperties } from './decode_areas.ts';
import {
  PackedPolygonsError,
  packPolygons,
  packedPolygonsFromBuffers,
  type PackedPolygons,
} from './packed_polygons.ts';
import {
  buildPolygonIndex,
  polygonIndexToBuffers,
  polygonLayerTransferables,
  type PolygonIndex,
  type PolygonLayerBuffers,
} from './polygon_index.ts';

/** GeoJSON geometry type of each feature, so the GeoJSON comes back exactly as decoded. */
const POLYGON = 0;
const MULTI_POLYGON = 1;
const NO_GEOMETRY = 2;

export interface AreaLayer {
  codes: string[];
  names: string[];
  districts: string[];
  /** Per feature: 0 Polygon, 1 MultiPolygon, 2 null geometry. */
  geometryTypes: Uint8Array;
  /** Packed polygons in feature order and the flatbush tree over their boxes. */
  polygons: PolygonLayerBuffers;
}

/**
 * Packs and indexes decoded areas once. The index is for the thread that packs them; the
 * layer holds copies of its buffers, so that sending the layer away leaves the index intact.
 */
export function packAreaLayer(areas: AreaCollection): { layer: AreaLayer; index: PolygonIndex } {
  const index = buildPolygonIndex(packPolygons(areas));
  const own = polygonIndexToBuffers(index);
  const polygons: PolygonLayerBuffers = {
    coords: own.coords.slice(0),
    ringOffsets: own.ringOffsets.slice(0),
    polygonOffsets: own.polygonOffsets.slice(0),
    featureOffsets: own.featureOffsets.slice(0),
    bboxes: own.bboxes.slice(0),
    index: own.index.slice(0),
  };
  const props = areas.features.map((f): AreaProperties => f.properties);
  const geometryTypes = Uint8Array.from(areas.features, (f) =>
    f.geometry === null ? NO_GEOMETRY : f.geometry.type === 'Polygon' ? POLYGON : MULTI_POLYGON,
  );
  return {
    layer: {
      codes: props.map((p) => p.code),
      names: props.map((p) => p.name),
      districts: props.map((p) => p.district),
      geometryTypes,
      polygons,
    },
    index,
  };
}

/** Every buffer of the layer, for `Comlink.transfer`; they are detached afterwards. */
export function areaLayerTransferables(layer: AreaLayer): ArrayBuffer[] {
  const types = layer.geometryTypes.buffer;
  if (!(types instanceof ArrayBuffer)) throw new PackedPolygonsError('Invalid area layer.');
  return [...polygonLayerTransferables(layer.polygons), types];
}

/**
 * The areas as GeoJSON again (for MapLibre and the SVG maps), equal to what `decodeAreas`
 * gave. Checks the received arrays first (`packedPolygonsFromBuffers`) and throws a
 * `PackedPolygonsError` if they do not fit together. Reads the buffers without detaching
 * them, so the layer can still be sent on.
 */
export function areaCollectionOf(layer: AreaLayer): AreaCollection {
  const packed = packedPolygonsFromBuffers(layer.polygons);
  const n = packed.featureCount;
  const { codes, names, districts, geometryTypes } = layer;
  if (codes.length !== n || names.length !== n || districts.length !== n) {
    throw new PackedPolygonsError(`Invalid area layer: properties do not match ${n} features.`);
  }
  if (geometryTypes.length !== n) {
    throw new PackedPolygonsError(`Invalid area layer: ${geometryTypes.length} types for ${n}.`);
  }
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, f) => ({
      type: 'Feature' as const,
      properties: { code: codes[f] ?? '', name: names[f] ?? '', district: districts[f] ?? '' },
      geometry: geometryOf(packed, f, geometryTypes[f] ?? NO_GEOMETRY),
    })),
  } as AreaCollection;
}

function geometryOf(
  packed: PackedPolygons,
  feature: number,
  type: number,
): Polygon | MultiPolygon | null {
  const { coords, ringOffsets, polygonOffsets, featureOffsets } = packed;
  const polygons: Position[][][] = [];
  const polygonEnd = featureOffsets[feature + 1] ?? 0;
  for (let p = featureOffsets[feature] ?? 0; p < polygonEnd; p++) {
    const rings: Position[][] = [];
    const ringEnd = polygonOffsets[p + 1] ?? 0;
    for (let r = polygonOffsets[p] ?? 0; r < ringEnd; r++) {
      const ring: Position[] = [];
      const vertexEnd = ringOffsets[r + 1] ?? 0;
      for (let v = ringOffsets[r] ?? 0; v < vertexEnd; v++) {
        ring.push([coords[2 * v] ?? NaN, coords[2 * v + 1] ?? NaN]);
      }
      rings.push(ring);
    }
    polygons.push(rings);
  }
  if (type === NO_GEOMETRY) return null;
  if (type === POLYGON && polygons.length === 1) {
    return { type: 'Polygon', coordinates: polygons[0] ?? [] };
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** `areaCollectionOf` for every layer of a `loadAreas` answer. */
export function areaCollectionsOf(
  layers: Readonly<Record<string, AreaLayer | undefined>>,
): Record<string, AreaCollection> {
  const out: Record<string, AreaCollection> = {};
  for (const [g, layer] of Object.entries(layers)) if (layer) out[g] = areaCollectionOf(layer);
  return out;
}
