/**
 * Polygon geometry packed into a few flat typed arrays, so it can be transferred to a worker
 * in fractions of a millisecond instead of being cloned as GeoJSON objects (seconds at
 * England scale). Pure: runs on any thread.
 *
 * Layout (all offsets are exclusive prefix sums, so item i spans [offsets[i], offsets[i + 1])):
 *   coords          x0, y0, x1, y1, ... for every vertex; every ring is stored closed
 *                   (last vertex repeats the first) so edges are consecutive vertex pairs.
 *   ringOffsets     vertex index where each ring starts; length ringCount + 1.
 *   polygonOffsets  ring index where each polygon (a Polygon or one MultiPolygon part)
 *                   starts; its first ring is the outer ring; length polygonCount + 1.
 *   featureOffsets  polygon index where each feature starts; length featureCount + 1.
 *   bboxes          minX, minY, maxX, maxY per feature. A feature with no polygon (null
 *                   geometry) has the empty box +Inf, +Inf, -Inf, -Inf, which no search hits.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export interface PackedPolygons {
  featureCount: number;
  coords: Float64Array;
  ringOffsets: Uint32Array;
  polygonOffsets: Uint32Array;
  featureOffsets: Uint32Array;
  bboxes: Float64Array;
}

/** The same arrays as plain ArrayBuffers: what crosses a thread boundary. */
export interface PackedPolygonsBuffers {
  coords: ArrayBuffer;
  ringOffsets: ArrayBuffer;
  polygonOffsets: ArrayBuffer;
  featureOffsets: ArrayBuffer;
  bboxes: ArrayBuffer;
}

/** Packs the Polygon and MultiPolygon features of a collection, in collection order. */
export function packPolygons(collection: FeatureCollection<Geometry | null>): PackedPolygons {
  const features = collection.features;
  const counts = countParts(features);
  const coords = new Float64Array(counts.vertices * 2);
  const ringOffsets = new Uint32Array(counts.rings + 1);
  const polygonOffsets = new Uint32Array(counts.polygons + 1);
  const featureOffsets = new Uint32Array(features.length + 1);
  const bboxes = new Float64Array(features.length * 4);

  let v = 0;
  let r = 0;
  let p = 0;
  features.forEach((feature, f) => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const polygon of polygonsOf(feature.geometry, f)) {
      for (const ring of polygon) {
        const closed = ringIsClosed(ring);
        const n = ring.length + (closed ? 0 : 1);
        for (let k = 0; k < n; k++) {
          const [x, y] = vertexXY(ring[k % ring.length], f);
          coords[2 * v] = x;
          coords[2 * v + 1] = y;
          v++;
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
        ringOffsets[++r] = v;
      }
      polygonOffsets[++p] = r;
    }
    featureOffsets[f + 1] = p;
    bboxes.set([minX, minY, maxX, maxY], 4 * f);
  });
  return {
    featureCount: features.length,
    coords,
    ringOffsets,
    polygonOffsets,
    featureOffsets,
    bboxes,
  };
}

/** The packed arrays as ArrayBuffers, ready for `postMessage(x, transferables)`. */
export function packedPolygonsToBuffers(packed: PackedPolygons): PackedPolygonsBuffers {
  return {
    coords: ownBuffer(packed.coords),
    ringOffsets: ownBuffer(packed.ringOffsets),
    polygonOffsets: ownBuffer(packed.polygonOffsets),
    featureOffsets: ownBuffer(packed.featureOffsets),
    bboxes: ownBuffer(packed.bboxes),
  };
}

/** Every buffer to list as transferable. After the transfer they are detached here. */
export function packedPolygonsTransferables(buffers: PackedPolygonsBuffers): ArrayBuffer[] {
  return [
    buffers.coords,
    buffers.ringOffsets,
    buffers.polygonOffsets,
    buffers.featureOffsets,
    buffers.bboxes,
  ];
}

/**
 * Rebuilds packed polygons from received buffers, checking that they fit together (the
 * flatbush `Flatbush.from()` habit): a corrupt or mismatched set throws here, once, rather
 * than giving wrong answers later. Checks every offset and, in one pass over the vertices,
 * that coordinates are finite, rings are closed and each bbox is its feature's extent.
 */
export function packedPolygonsFromBuffers(buffers: PackedPolygonsBuffers): PackedPolygons {
  const packed: PackedPolygons = {
    coords: new Float64Array(whole(buffers.coords, 8, 'coords')),
    ringOffsets: new Uint32Array(whole(buffers.ringOffsets, 4, 'ringOffsets')),
    polygonOffsets: new Uint32Array(whole(buffers.polygonOffsets, 4, 'polygonOffsets')),
    featureOffsets: new Uint32Array(whole(buffers.featureOffsets, 4, 'featureOffsets')),
    bboxes: new Float64Array(whole(buffers.bboxes, 8, 'bboxes')),
    featureCount: buffers.featureOffsets.byteLength / 4 - 1,
  };
  validatePackedPolygons(packed);
  return packed;
}

/** Throws a `PackedPolygonsError` naming the first inconsistency found. */
export function validatePackedPolygons(packed: PackedPolygons): void {
  const { coords, ringOffsets, polygonOffsets, featureOffsets, bboxes, featureCount } = packed;
  if (coords.length % 2 !== 0) fail(`coords has an odd length (${coords.length})`);
  if (featureOffsets.length !== featureCount + 1) {
    fail(`featureOffsets has ${featureOffsets.length} entries for ${featureCount} features`);
  }
  if (bboxes.length !== featureCount * 4) {
    fail(`bboxes has ${bboxes.length} values for ${featureCount} features (need 4 each)`);
  }
  checkOffsets(featureOffsets, polygonOffsets.length - 1, 'featureOffsets', 0);
  checkOffsets(polygonOffsets, ringOffsets.length - 1, 'polygonOffsets', 1);
  checkOffsets(ringOffsets, coords.length / 2, 'ringOffsets', 4);

  for (let f = 0; f < featureCount; f++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const v0 = ringOffsets[polygonOffsets[featureOffsets[f] ?? 0] ?? 0] ?? 0;
    const v1 = ringOffsets[polygonOffsets[featureOffsets[f + 1] ?? 0] ?? 0] ?? 0;
    for (let v = v0; v < v1; v++) {
      const x = coords[2 * v] ?? NaN;
      const y = coords[2 * v + 1] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        fail(`vertex ${v} of feature ${f} is not a finite number`);
      }
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    const b = 4 * f;
    if (bboxes[b] !== minX || bboxes[b + 1] !== minY) {
      fail(`bbox of feature ${f} does not match its coordinates`);
    }
    if (bboxes[b + 2] !== maxX || bboxes[b + 3] !== maxY) {
      fail(`bbox of feature ${f} does not match its coordinates`);
    }
  }
  for (let r = 0; r + 1 < ringOffsets.length; r++) {
    const first = ringOffsets[r] ?? 0;
    const last = (ringOffsets[r + 1] ?? 0) - 1;
    if (coords[2 * first] !== coords[2 * last] || coords[2 * first + 1] !== coords[2 * last + 1]) {
      fail(`ring ${r} is not closed`);
    }
  }
}

export class PackedPolygonsError extends Error {
  override name = 'PackedPolygonsError';
}

function fail(detail: string): never {
  throw new PackedPolygonsError(`Invalid packed polygons: ${detail}.`);
}

/** Offsets must start at 0, end at `total`, and grow by at least `minStep` per item. */
function checkOffsets(offsets: Uint32Array, total: number, name: string, minStep: number): void {
  if (offsets.length === 0) fail(`${name} is empty (needs at least the leading 0)`);
  if (offsets[0] !== 0) fail(`${name} does not start at 0`);
  if (offsets[offsets.length - 1] !== total) {
    fail(`${name} ends at ${offsets[offsets.length - 1]}, expected ${total}`);
  }
  for (let i = 1; i < offsets.length; i++) {
    if ((offsets[i] ?? 0) - (offsets[i - 1] ?? 0) < minStep) {
      fail(`${name}[${i}] = ${offsets[i]} after ${offsets[i - 1]} (minimum step ${minStep})`);
    }
  }
}

function whole(buffer: ArrayBuffer, bytesPerElement: number, name: string): ArrayBuffer {
  if (!(buffer instanceof ArrayBuffer)) fail(`${name} is not an ArrayBuffer`);
  if (buffer.byteLength % bytesPerElement !== 0) {
    fail(`${name} is ${buffer.byteLength} bytes, not a multiple of ${bytesPerElement}`);
  }
  return buffer;
}

/** The array's own buffer when it spans all of it, else a copy that does. */
function ownBuffer(array: Float64Array | Uint32Array): ArrayBuffer {
  const buffer = array.buffer;
  if (buffer instanceof ArrayBuffer && array.byteOffset === 0) {
    if (array.byteLength === buffer.byteLength) return buffer;
  }
  return array.slice().buffer;
}

type Rings = Position[][];

/** The polygons of a geometry; rings of fewer than 3 distinct positions enclose nothing. */
function polygonsOf(geometry: Geometry | null, feature: number): Rings[] {
  if (geometry === null) return [];
  let polygons: Rings[];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else {
    throw new PackedPolygonsError(
      `Feature ${feature} is a ${geometry.type}; only Polygon and MultiPolygon can be packed.`,
    );
  }
  // A polygon whose outer ring is degenerate is dropped whole: keeping its holes would turn
  // them into areas under the even-odd rule.
  return polygons
    .filter((rings) => rings.length > 0 && ringIsUsable(rings[0] ?? []))
    .map((rings) => rings.filter(ringIsUsable));
}

function ringIsUsable(ring: Position[]): boolean {
  return ring.length - (ringIsClosed(ring) ? 1 : 0) >= 3;
}

function ringIsClosed(ring: Position[]): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

function vertexXY(position: Position | undefined, feature: number): [number, number] {
  const x = position?.[0];
  const y = position?.[1];
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new PackedPolygonsError(`Feature ${feature} has a position that is not two numbers.`);
  }
  return [x, y];
}

function countParts(features: Feature<Geometry | null>[]): {
  vertices: number;
  rings: number;
  polygons: number;
} {
  let vertices = 0;
  let rings = 0;
  let polygons = 0;
  features.forEach((feature, f) => {
    for (const polygon of polygonsOf(feature.geometry, f)) {
      polygons++;
      for (const ring of polygon) {
        rings++;
        vertices += ring.length + (ringIsClosed(ring) ? 0 : 1);
      }
    }
  });
  return { vertices, rings, polygons };
}
