import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { mapGeojsonPath, type GeographyId } from '../contracts/geography.ts';
import type { OutputFile } from './output.ts';

/**
 * Decimal places kept: 1e-5 degree is about 1 m (0.7 m east-west at 53.5°N), under a pixel at
 * zoom 16; shared boundaries round alike, so neighbours still meet.
 */
const DECIMALS = 5;

/**
 * Each geography of the bundle's topology as its own GeoJSON file for the map
 * (`geo/<geography>.geojson`): the same simplified, arc-shared shapes, with only the `code`
 * property the map joins on. MapLibre fetches and parses it in its own worker from a URL, so
 * the first frame needs no decoding on the main thread and no copy of the areas sent to
 * MapLibre's worker; colours come by feature-state from the tables.
 */
export function mapGeojsonFiles(topo: Topology, geographies: readonly GeographyId[]): OutputFile[] {
  return geographies.map((g) => ({ path: mapGeojsonPath(g), content: mapGeojsonText(topo, g) }));
}

/** One object of a topology as the map's GeoJSON text (shapes and `code` only). */
export function mapGeojsonText(topo: Topology, objectName: string): string {
  const object = topo.objects[objectName];
  if (!object) throw new Error(`the topology has no "${objectName}" object`);
  const fc = feature(topo, object as GeometryCollection);
  const features = fc.features.map((f) => ({
    type: 'Feature',
    properties: { code: String((f.properties as { code?: unknown } | null)?.code ?? '') },
    geometry: f.geometry,
  }));
  return JSON.stringify({ type: 'FeatureCollection', features }, (_key, value: unknown) =>
    typeof value === 'number' ? Number(value.toFixed(DECIMALS)) : value,
  );
}
