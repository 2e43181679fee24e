import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { quantize } from 'topojson-client';
import type { Objects, Topology } from 'topojson-specification';
import type { GeographyId } from '../contracts/geography.ts';
import { toCollection, type AreaFeature } from './boundaries.ts';

export interface TopologyOptions {
  /** Grid the coordinates are snapped to before arcs are shared (per axis over the extent). */
  quantization: number;
  /**
   * Vertices whose triangle with their neighbours is smaller than this (square metres) are
   * dropped. 30 m² is below one pixel at ward zoom (z13, ~11 m a pixel at 53.5°N).
   */
  minTriangleAreaM2: number;
}

export const DEFAULT_TOPOLOGY_OPTIONS: TopologyOptions = {
  quantization: 1e5,
  minTriangleAreaM2: 30,
};

/**
 * All geographies in one TopoJSON: arcs shared between LSOA 2011/2021, MSOAs and the
 * authority outline are stored once; then simplified so that nobody sees it at ward zoom.
 */
export function buildTopology(
  layers: Partial<Record<GeographyId, AreaFeature[]>>,
  options: TopologyOptions = DEFAULT_TOPOLOGY_OPTIONS,
): Topology {
  const objects: Record<string, ReturnType<typeof toCollection>> = {};
  for (const [id, features] of Object.entries(layers)) {
    if (features) objects[id] = toCollection(features);
  }
  // Quantizing first snaps coincident edges of different layers onto one grid, so their
  // arcs are shared.
  const snapped = topology(objects, options.quantization);
  // presimplify decodes arcs to lon/lat: triangle areas come out in square degrees.
  const weighted = presimplify(snapped as unknown as Topology<Objects<object>>);
  const minWeight = options.minTriangleAreaM2 / squareMetresPerSquareDegree(snapped as Topology);
  const simplified = simplify(
    weighted as unknown as Topology<Objects<object>>,
    minWeight,
  ) as Topology;
  // simplify keeps the old transform over absolute coordinates: drop it and re-quantize.
  delete simplified.transform;
  return quantize(
    simplified as unknown as Topology<Objects<object>>,
    options.quantization,
  ) as Topology;
}

function squareMetresPerSquareDegree(topo: Topology): number {
  const [, y0, , y1] = topo.bbox ?? [0, 0, 0, 0];
  const midLat = ((y0 + y1) / 2) * (Math.PI / 180);
  const metresPerDegLat = 111_320;
  return metresPerDegLat * metresPerDegLat * Math.cos(midLat);
}
