import type { Feature, FeatureCollection, Polygon } from 'geojson';

/** One rectangle as an area outline (lon/lat), with the code and name properties of the data. */
export function square(
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
  code = 'E00000001',
  name = 'Fixture',
): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: [ring(minLon, minLat, maxLon, maxLat, code, name)],
  };
}

export function ring(
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
  code: string,
  name: string,
): Feature<Polygon> {
  return {
    type: 'Feature',
    properties: { code, name, district: code },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [minLon, minLat],
          [maxLon, minLat],
          [maxLon, maxLat],
          [minLon, maxLat],
          [minLon, minLat],
        ],
      ],
    },
  };
}
