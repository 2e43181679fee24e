/**
 * Which polygon feature contains each point: a flatbush R-tree over the feature bboxes
 * finds candidates, the crossing test on the packed arrays decides. Pure: runs on any
 * thread. The tree is built once where the geometry is packed and its serialized `data`
 * buffer travels with the packed arrays, so a worker only validates it (`Flatbush.from`).
 */
import Flatbush from 'flatbush';
import type { FeatureCollection, Geometry } from 'geojson';
import {
  packPolygons,
  PackedPolygonsError,
  packedPolygonsFromBuffers,
  packedPolygonsToBuffers,
  packedPolygonsTransferables,
  type PackedPolygons,
  type PackedPolygonsBuffers,
} from './packed_polygons.ts';
import { featureContainsPoint } from './point_in_polygon.ts';
import { hilbertOrder } from './hilbert_order.ts';

export interface PolygonIndex {
  polygons: PackedPolygons;
  /** R-tree whose item i is feature i; null for a layer with no features. */
  tree: Flatbush | null;
  /** The caller's word that no two features overlap (see `LayerOptions`). */
  partition: boolean;
}

export interface LayerOptions {
  /**
   * The features never overlap: they tile the ground, as LSOAs, MSOAs, wards and districts
   * do. Lookups may then stop at the first polygon holding a point and try the previous
   * point's polygon first: about 2x faster when most points are inside polygons, the same
   * answers. Default false. If features do overlap after all, a point in an overlap still
   * gets exactly one of them, but which one may depend on the points before it.
   */
  partition?: boolean;
}

/** Packed polygons plus the serialized tree: everything a worker needs, as ArrayBuffers. */
export interface PolygonLayerBuffers extends PackedPolygonsBuffers {
  /** `Flatbush#data`; empty for a layer with no features. */
  index: ArrayBuffer;
}

/** Tree node size: measured on LSOAs, 16 (flatbush's default) was as fast as any. */
const NODE_SIZE = 16;

export function buildPolygonIndex(
  polygons: PackedPolygons,
  options: LayerOptions = {},
): PolygonIndex {
  const { featureCount, bboxes } = polygons;
  const partition = options.partition ?? false;
  if (featureCount === 0) return { polygons, tree: null, partition };
  const tree = new Flatbush(featureCount, NODE_SIZE);
  for (let f = 0; f < featureCount; f++) {
    tree.add(bboxes[4 * f] ?? NaN, bboxes[4 * f + 1] ?? NaN, bboxes[4 * f + 2], bboxes[4 * f + 3]);
  }
  tree.finish();
  return { polygons, tree, partition };
}

/** GeoJSON polygons to the buffers `loadPolygons` takes: pack, index, serialize. */
export function packPolygonLayer(
  collection: FeatureCollection<Geometry | null>,
): PolygonLayerBuffers {
  return polygonIndexToBuffers(buildPolygonIndex(packPolygons(collection)));
}

export function polygonIndexToBuffers(index: PolygonIndex): PolygonLayerBuffers {
  const data = index.tree?.data ?? new ArrayBuffer(0);
  if (!(data instanceof ArrayBuffer)) {
    throw new PackedPolygonsError('The polygon index must be backed by an ArrayBuffer.');
  }
  return { ...packedPolygonsToBuffers(index.polygons), index: data };
}

/** Every buffer to list as transferable. After the transfer they are detached here. */
export function polygonLayerTransferables(buffers: PolygonLayerBuffers): ArrayBuffer[] {
  return [...packedPolygonsTransferables(buffers), buffers.index];
}

/**
 * Rebuilds the index from received buffers without re-indexing. Throws
 * `PackedPolygonsError` if the geometry is inconsistent or the tree does not belong to it
 * (item count, or any leaf box differing from its feature's bbox).
 */
export function polygonIndexFromBuffers(
  buffers: PolygonLayerBuffers,
  options: LayerOptions = {},
): PolygonIndex {
  const partition = options.partition ?? false;
  const polygons = packedPolygonsFromBuffers(buffers);
  if (!(buffers.index instanceof ArrayBuffer)) {
    throw new PackedPolygonsError('Invalid polygon index: index is not an ArrayBuffer.');
  }
  if (polygons.featureCount === 0) {
    if (buffers.index.byteLength !== 0) {
      throw new PackedPolygonsError('Invalid polygon index: a layer with no features has a tree.');
    }
    return { polygons, tree: null, partition };
  }
  let tree: Flatbush;
  try {
    tree = Flatbush.from(buffers.index);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PackedPolygonsError(`Invalid polygon index: ${reason}`);
  }
  checkTreeMatches(tree, polygons);
  return { polygons, tree, partition };
}

function checkTreeMatches(tree: Flatbush, polygons: PackedPolygons): void {
  const fail = (detail: string): never => {
    throw new PackedPolygonsError(`Invalid polygon index: ${detail}.`);
  };
  if (tree.numItems !== polygons.featureCount) {
    fail(`the tree holds ${tree.numItems} items for ${polygons.featureCount} features`);
  }
  if (tree.ArrayType !== Float64Array) fail('the tree does not store Float64 boxes');
  const boxes = tree._boxes;
  const items = tree._indices;
  const { bboxes } = polygons;
  for (let leaf = 0; leaf < tree.numItems; leaf++) {
    const f = items[leaf] ?? -1;
    if (f < 0 || f >= polygons.featureCount) fail(`leaf ${leaf} points at feature ${f}`);
    for (let k = 0; k < 4; k++) {
      if (!Object.is(boxes[4 * leaf + k], bboxes[4 * f + k])) {
        fail(`the box of leaf ${leaf} is not the bbox of feature ${f}`);
      }
    }
  }
}

export interface LocateOptions {
  /** Visit points in Hilbert-curve order for cache locality. Default: only for layers of
   * at least `SORT_POINTS_MIN_VERTICES` vertices, where it measured faster. */
  spatialSort?: boolean;
}

/**
 * Below this many vertices the whole layer stays in cache and sorting the points costs more
 * than it saves (measured on 500,000 random points: Sefton's 7,900 vertices 1.3x slower
 * sorted, 160,000-490,000 even, England-sized 1.3M vertices 1.45x faster sorted).
 */
export const SORT_POINTS_MIN_VERTICES = 250_000;

/** Whether point lookups against this layer should Hilbert-sort the points first. */
export function sortsPoints(index: PolygonIndex): boolean {
  return index.polygons.coords.length / 2 >= SORT_POINTS_MIN_VERTICES;
}

/**
 * For each point of `xy` (x, y interleaved, the layer's coordinate system) the index of
 * the feature containing it, or -1. Unless the layer is a declared partition, a point in
 * several overlapping features gets the lowest index, so the answer never depends on the
 * order points are visited in.
 */
export function locatePoints(
  index: PolygonIndex,
  xy: Float64Array,
  options: LocateOptions = {},
): Int32Array {
  const out = new Int32Array(xy.length >> 1);
  const order = (options.spatialSort ?? sortsPoints(index)) ? hilbertOrder(xy) : null;
  locatePointRange(index, xy, order, 0, out.length, out);
  return out;
}

/**
 * Locates points `order[from..to)` (or `from..to` when order is null) into `out`. The unit
 * of work a worker runs between checks for cancellation.
 *
 * Walks the tree itself rather than calling `Flatbush#search`: a point query needs no
 * result array, no closure call per candidate and no queue allocation per point, which
 * measured 1.1-1.3x faster on 1M points. It reads flatbush's serialized layout (the `_boxes`,
 * `_indices` and `_levelBounds` views, format v3, checked by `Flatbush.from`); tests compare
 * the answers with testing every feature, so a layout change in an upgrade fails loudly.
 */
export function locatePointRange(
  index: PolygonIndex,
  xy: Float64Array,
  order: Uint32Array | null,
  from: number,
  to: number,
  out: Int32Array,
): void {
  const { tree, polygons, partition } = index;
  if (tree === null) {
    for (let k = from; k < to; k++) out[order ? (order[k] ?? 0) : k] = -1;
    return;
  }
  const { bboxes } = polygons;
  const boxes = tree._boxes;
  const children = tree._indices;
  const levelBounds = tree._levelBounds;
  const root = boxes.length - 4;
  const rootLevel = levelBounds.length - 1;
  const leafEnd = tree.numItems * 4;
  const nodeSpan = tree.nodeSize * 4;
  // Depth-first: each level pushes at most nodeSize children, two numbers each.
  const stack = new Int32Array(2 * (tree.nodeSize * levelBounds.length + 1));
  // Partition layers only: the polygon of the previous point, the likeliest for this one.
  let last = -1;

  for (let k = from; k < to; k++) {
    const p = order ? (order[k] ?? 0) : k;
    const x = xy[2 * p] ?? NaN;
    const y = xy[2 * p + 1] ?? NaN;
    if (last >= 0) {
      const b = 4 * last;
      const inBox = x >= (bboxes[b] ?? NaN) && y >= (bboxes[b + 1] ?? NaN);
      if (inBox && x <= (bboxes[b + 2] ?? NaN) && y <= (bboxes[b + 3] ?? NaN)) {
        if (featureContainsPoint(polygons, last, x, y)) {
          out[p] = last;
          continue;
        }
      }
    }
    let found = -1;
    let top = 0;
    stack[top++] = root;
    stack[top++] = rootLevel;
    search: while (top > 0) {
      const level = stack[--top] ?? 0;
      const node = stack[--top] ?? 0;
      const end = Math.min(node + nodeSpan, levelBounds[level] ?? 0);
      for (let pos = node; pos < end; pos += 4) {
        // Written as "not outside" so a NaN coordinate matches nothing.
        if (!(x >= (boxes[pos] ?? NaN) && y >= (boxes[pos + 1] ?? NaN))) continue;
        if (!(x <= (boxes[pos + 2] ?? NaN) && y <= (boxes[pos + 3] ?? NaN))) continue;
        const child = children[pos >> 2] ?? 0;
        if (pos >= leafEnd) {
          stack[top++] = child;
          stack[top++] = level - 1;
        } else if (
          child !== last &&
          (found < 0 || child < found) &&
          featureContainsPoint(polygons, child, x, y)
        ) {
          found = child;
          // In a partition no other feature can hold the point; otherwise go on looking for
          // a lower index, whatever order the leaves come in.
          if (partition) break search;
        }
      }
    }
    out[p] = found;
    if (partition && found >= 0) last = found;
  }
}
