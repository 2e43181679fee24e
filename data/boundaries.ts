import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { isCodeOfLevel, type GeographyId } from '../contracts/geography.ts';
import { PipelineError, type InputProblem } from './errors.ts';
import { RAW } from './raw_catalogue.ts';

export interface AreaProps {
  code: string;
  name: string;
  district: string;
}
export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProps>;

/** Property names of each boundary file. */
interface BoundaryFields {
  code: string;
  name: string;
  district: string;
}

export const BOUNDARY_FIELDS: Record<GeographyId, BoundaryFields> = {
  lsoa11: { code: 'LSOA11CD', name: 'LSOA11NM', district: 'LADCD_ACTIVE' },
  lsoa21: { code: 'LSOA21CD', name: 'LSOA21NM', district: 'LADCD_ACTIVE' },
  msoa11: { code: 'MSOA11CD', name: 'MSOA11NM', district: 'LADCD_ACTIVE' },
  msoa21: { code: 'MSOA21CD', name: 'MSOA21NM', district: 'LADCD_ACTIVE' },
  ward: { code: 'WD25CD', name: 'WD25NM', district: 'LAD25CD' },
  lad: { code: 'LADCD', name: 'LADNM', district: 'LADCD' },
};

const FeatureShape = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()),
  geometry: z.object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.unknown()),
  }),
});

const CollectionShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
});

/** The per-district boundary file of a geography (boundaries/england/<layer>/<LAD>.geojson.gz). */
export type DistrictLayer = Exclude<GeographyId, 'lad'>;

/**
 * Reads one district's boundary file, validates every feature and returns them sorted by
 * code (the order every indicator array follows). A feature repeated byte for byte (one
 * North Yorkshire ward in the source) is kept once; a code repeated with other content is
 * refused.
 */
export async function readDistrictBoundaries(
  rawDir: string,
  geography: DistrictLayer,
  district: string,
): Promise<AreaFeature[]> {
  const file = `${RAW.englandBoundaries.path}/${geography}/${district}.geojson.gz`;
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(await readFile(path.join(rawDir, file))).toString('utf8'));
  } catch (err) {
    throw new PipelineError(
      `Could not read ${file} (${RAW.englandBoundaries.source}) as gzipped JSON.`,
      [{ file, message: (err as Error).message }],
    );
  }
  return parseBoundaries(json, file, RAW.englandBoundaries.source, geography, [district]);
}

/** Validates a boundary FeatureCollection and keeps the features of `districts`, by code. */
export function parseBoundaries(
  json: unknown,
  file: string,
  source: string,
  geography: GeographyId,
  districts: readonly string[],
): AreaFeature[] {
  const fc = CollectionShape.safeParse(json);
  if (!fc.success) {
    throw new PipelineError(`${file} is not a GeoJSON FeatureCollection.`, [
      { file, message: fc.error.issues.map((i) => i.message).join('; ') },
    ]);
  }
  const fields = BOUNDARY_FIELDS[geography];
  const problems: InputProblem[] = [];
  const seen = new Map<string, { index: number; text: string }>();
  const wanted = new Set(districts);
  const out: AreaFeature[] = [];
  fc.data.features.forEach((raw, i) => {
    const where = { file, field: `features[${i}]` };
    const f = FeatureShape.safeParse(raw);
    if (!f.success) {
      problems.push({
        ...where,
        message: `not a Polygon/MultiPolygon feature: ${f.error.issues[0]?.message ?? ''}`,
      });
      return;
    }
    const props = f.data.properties;
    const code = props[fields.code];
    const name = props[fields.name];
    const district = props[fields.district];
    if (typeof code !== 'string' || !isCodeOfLevel(code, geography)) {
      problems.push({
        ...where,
        field: `features[${i}].properties.${fields.code}`,
        value: String(code),
        message: `not a ${geography} code`,
      });
      return;
    }
    if (typeof name !== 'string' || typeof district !== 'string') {
      problems.push({
        ...where,
        message: `feature ${code} lacks ${fields.name} or ${fields.district}`,
      });
      return;
    }
    const text = JSON.stringify(raw);
    const prev = seen.get(code);
    if (prev !== undefined) {
      if (prev.text === text) return;
      problems.push({
        ...where,
        value: code,
        message: `duplicate area code (also features[${prev.index}])`,
      });
      return;
    }
    seen.set(code, { index: i, text });
    const badCoord = findBadCoordinate(f.data.geometry.coordinates);
    if (badCoord) {
      problems.push({ ...where, value: code, message: `invalid coordinates: ${badCoord}` });
      return;
    }
    if (!wanted.has(district)) return;
    out.push({
      type: 'Feature',
      properties: { code, name: name.trim(), district },
      geometry: f.data.geometry as Polygon | MultiPolygon,
    });
  });
  if (problems.length > 0) {
    throw new PipelineError(`${file} (${source}) has ${problems.length} problem(s).`, problems);
  }
  out.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  return out;
}

/**
 * District outlines dissolved from their LSOAs (LSOAs nest exactly in districts): the LSOA
 * rings' shared edges are dropped by topojson's merge over exact coordinates, so the outline
 * follows the LSOA layer exactly.
 */
export function dissolveDistricts(
  lsoas: readonly AreaFeature[],
  names: ReadonlyMap<string, string>,
): AreaFeature[] {
  const topo = topology({ lsoa: toCollection([...lsoas]) }) as unknown as Topology;
  const object = topo.objects.lsoa as GeometryCollection<AreaProps>;
  const byDistrict = new Map<string, (typeof object.geometries)[number][]>();
  for (const g of object.geometries) {
    const d = (g.properties as AreaProps | undefined)?.district ?? '';
    let list = byDistrict.get(d);
    if (!list) byDistrict.set(d, (list = []));
    list.push(g);
  }
  return [...byDistrict]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, geometries]) => ({
      type: 'Feature',
      properties: { code, name: names.get(code) ?? code, district: code },
      geometry: merge(topo, geometries as Parameters<typeof merge>[1]),
    }));
}

/** Checks nested coordinate arrays hold WGS84 lon/lat pairs; returns a description of the first bad one. */
function findBadCoordinate(coords: unknown): string | null {
  if (!Array.isArray(coords)) return 'not an array';
  if (coords.length >= 2 && typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y))
      return 'non-numeric position';
    if (x < -180 || x > 180 || y < -90 || y > 90) return `position ${x},${y} is not WGS84 lon/lat`;
    return null;
  }
  for (const c of coords) {
    const bad = findBadCoordinate(c);
    if (bad) return bad;
  }
  return null;
}

export function toCollection(
  features: AreaFeature[],
): FeatureCollection<Polygon | MultiPolygon, AreaProps> {
  return { type: 'FeatureCollection', features };
}
