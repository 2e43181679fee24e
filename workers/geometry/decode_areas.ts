import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';

export interface AreaProperties {
  code: string;
  name: string;
  district: string;
}
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

const TopologyShape = z.object({
  type: z.literal('Topology'),
  arcs: z.array(z.array(z.array(z.number()))),
  objects: z.record(
    z.string(),
    z.object({ type: z.literal('GeometryCollection'), geometries: z.array(z.unknown()) }),
  ),
  transform: z
    .object({
      scale: z.tuple([z.number(), z.number()]),
      translate: z.tuple([z.number(), z.number()]),
    })
    .optional(),
});

const AreaPropsShape = z.object({ code: z.string(), name: z.string(), district: z.string() });

/** Validates a parsed TopoJSON and decodes the named objects to GeoJSON areas. */
export function decodeAreas(
  json: unknown,
  objects: readonly string[],
): Record<string, AreaCollection> {
  const parsed = TopologyShape.safeParse(json);
  if (!parsed.success)
    throw new Error(`geometry is not TopoJSON: ${parsed.error.issues[0]?.message ?? ''}`);
  const topo = json as Topology;
  const out: Record<string, AreaCollection> = {};
  for (const name of objects) {
    const obj = topo.objects[name];
    if (!obj) throw new Error(`geometry has no object "${name}"`);
    const fc = feature(topo, obj as GeometryCollection) as FeatureCollection;
    for (const f of fc.features) {
      const p = AreaPropsShape.safeParse(f.properties);
      if (!p.success)
        throw new Error(`geometry object "${name}" has a feature without code/name/district`);
    }
    out[name] = fc as AreaCollection;
  }
  return out;
}
