import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { z } from 'zod';
import type { NeighbourProps } from '../contracts/places.ts';
import { gss, num, parseCsvTable, readCsvTable, text } from './csv_table.ts';

/** England-wide files this module reads; all optional (no neighbours without them). */
const ENGLAND = {
  lads: 'boundaries/england/lad.csv',
  centres: 'boundaries/england/lsoa_centre_points.csv',
  wards: (lad: string) => `boundaries/england/ward/${lad}.geojson.gz`,
};

export interface NeighbourOptions {
  /** How far past the area's bounding box a neighbour is looked for, in degrees (~0.1 = 7-11 km). */
  margin: number;
  /** Planar simplification threshold for the outlines, in square degrees (context only). */
  minWeight: number;
}

export const DEFAULT_NEIGHBOUR_OPTIONS: NeighbourOptions = { margin: 0.12, minWeight: 2e-7 };

export type NeighbourFeature = Feature<Polygon | MultiPolygon, NeighbourProps>;

export interface NeighbourResult {
  collection: FeatureCollection<Polygon | MultiPolygon, NeighbourProps>;
  /** Why there are none, when there are none. */
  note?: string;
}

const LadRow = z.object({ LADCD: gss('E06', 'E07', 'E08', 'E09'), LADNM: text });
const CentreRow = z.object({ LSOACD: gss('E01'), latitude: num, longitude: num, LADCD: gss() });

/**
 * The authorities around an area, drawn as land with their names so that the map does not
 * show everything outside the area as sea. A neighbour is any English district with an LSOA
 * centre within `margin` of the area's bounding box; its outline is its wards dissolved
 * (ONS BGC, 2025) and simplified, and its label sits at the mean of those nearby LSOA centres,
 * so the name is written on the part of it next to the area, not at its far-away middle.
 */
export async function readNeighbours(
  rawDir: string,
  areaDistricts: readonly string[],
  bbox: readonly [number, number, number, number],
  options: NeighbourOptions = DEFAULT_NEIGHBOUR_OPTIONS,
): Promise<NeighbourResult> {
  const at = (p: string) => path.join(rawDir, p);
  try {
    await access(at(ENGLAND.lads));
    await access(at(ENGLAND.centres));
  } catch {
    return empty(`no ${ENGLAND.lads} in the raw folder`);
  }
  const [x0, y0, x1, y1] = bbox;
  const m = options.margin;
  const names = new Map(
    (await readCsvTable(at(ENGLAND.lads), ENGLAND.lads, LadRow)).map((r) => [
      r.value.LADCD,
      r.value.LADNM,
    ]),
  );
  const near = new Map<string, [number, number][]>();
  // 34,789 rows for England: only lines whose plain-text coordinates fall near the area are
  // parsed and validated (the rest are never used), which takes 2.8 s down to a few ms.
  const lines = (await readFile(at(ENGLAND.centres), 'utf8')).split('\n');
  const header = (lines[0] ?? '').split(',');
  const [iLat, iLon] = [header.indexOf('latitude'), header.indexOf('longitude')];
  const inBox = (line: string) => {
    const cells = line.split(',');
    const lat = Number(cells[iLat]);
    const lon = Number(cells[iLon]);
    return lon >= x0 - m && lon <= x1 + m && lat >= y0 - m && lat <= y1 + m;
  };
  const text = [lines[0], ...lines.slice(1).filter(inBox)].join('\n');
  for (const { value: r } of parseCsvTable(text, ENGLAND.centres, CentreRow)) {
    if (areaDistricts.includes(r.LADCD) || !names.has(r.LADCD)) continue;
    if (r.longitude < x0 - m || r.longitude > x1 + m || r.latitude < y0 - m || r.latitude > y1 + m)
      continue;
    const list = near.get(r.LADCD) ?? [];
    list.push([r.longitude, r.latitude]);
    near.set(r.LADCD, list);
  }
  const features: NeighbourFeature[] = [];
  for (const [code, points] of [...near].sort(([a], [b]) => a.localeCompare(b))) {
    let wards: FeatureCollection<Polygon | MultiPolygon>;
    try {
      wards = JSON.parse(gunzipSync(await readFile(at(ENGLAND.wards(code)))).toString('utf8'));
    } catch {
      continue;
    }
    const geometry = dissolve(wards, options.minWeight);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      properties: {
        code,
        name: names.get(code) ?? code,
        label: meanPoint(nearest(points, bbox, m / 3)),
      },
      geometry,
    });
  }
  return {
    collection: { type: 'FeatureCollection', features },
    ...(features.length ? {} : { note: 'no English district lies near the area' }),
  };
}

/** Dissolves polygons into one outline (shared arcs removed), simplified, 5 decimals. */
export function dissolve(
  fc: FeatureCollection<Polygon | MultiPolygon>,
  minWeight: number,
): Polygon | MultiPolygon | null {
  if (!fc.features.length) return null;
  const topo = simplify(presimplify(topology({ parts: fc }, 1e5) as Topology<Objects>), minWeight);
  const parts = topo.objects.parts as GeometryCollection;
  const merged = merge(topo, parts.geometries as Parameters<typeof merge>[1]);
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const coordinates = merged.coordinates
    .map((poly) =>
      poly
        .map((ring) => ring.map(([x, y]) => [round(x ?? 0), round(y ?? 0)]))
        .filter((ring) => ring.length >= 4),
    )
    .filter((poly) => poly.length > 0);
  if (!coordinates.length) return null;
  return { type: 'MultiPolygon', coordinates };
}

/**
 * The LSOA centres closest to the area (within a third of the margin of its box) where there
 * are a few, so the name sits by the shared border and is on screen at the opening view.
 */
function nearest(
  points: [number, number][],
  [x0, y0, x1, y1]: readonly [number, number, number, number],
  m: number,
): [number, number][] {
  const close = points.filter(([x, y]) => x >= x0 - m && x <= x1 + m && y >= y0 - m && y <= y1 + m);
  return close.length >= 3 ? close : points;
}

function meanPoint(points: [number, number][]): [number, number] {
  const n = points.length || 1;
  const sx = points.reduce((s, p) => s + p[0], 0);
  const sy = points.reduce((s, p) => s + p[1], 0);
  return [Math.round((sx / n) * 1e5) / 1e5, Math.round((sy / n) * 1e5) / 1e5];
}

function empty(note: string): NeighbourResult {
  return { collection: { type: 'FeatureCollection', features: [] }, note };
}
