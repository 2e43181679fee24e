/**
 * A custom area as a GeoJSON download: one feature, its boundary (a drawn polygon, or the
 * picked areas' polygons as one MultiPolygon) and, as properties, what it is, how its LSOAs
 * were assigned and its figures with their source, period and vintage.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** A closed polygon from the corners of a drawn ring. */
export function polygonOfRing(ring: readonly [number, number][]): Polygon {
  const first = ring[0];
  const closed: Position[] = ring.map(([x, y]) => [x, y]);
  if (first) closed.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [closed] };
}

/** Several areas' polygons as one MultiPolygon (shared edges are kept, not dissolved). */
export function multiPolygonOf(geometries: readonly AreaGeometry[]): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: geometries.flatMap((g) =>
      g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
    ),
  };
}

export type ExportProperties = Record<string, string | number | boolean | null | string[]>;

export function customAreaGeoJson(
  geometry: AreaGeometry,
  properties: ExportProperties,
): FeatureCollection<AreaGeometry, ExportProperties> {
  const feature: Feature<AreaGeometry, ExportProperties> = {
    type: 'Feature',
    geometry,
    properties,
  };
  return { type: 'FeatureCollection', features: [feature] };
}

/** A file name from the area's name: letters, digits and dashes only. */
export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'custom-area'}.geojson`;
}
