/**
 * The engine on real boundaries (read from ../shared/data/raw, never copied here):
 * Sefton's 189 LSOAs (2011, BGC) and the GP practice list.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { FeatureCollection } from 'geojson';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import { buildPolygonIndex, locatePoints } from '../../workers/geometry/polygon_index.ts';

const RAW = new URL('../../../shared/data/raw/', import.meta.url);
const readJson = (path: string) =>
  JSON.parse(readFileSync(new URL(path, RAW), 'utf8')) as FeatureCollection;

const sefton = readJson('boundaries/sefton_lsoa11_bgc.geojson');
const lcr = readJson('boundaries/lcr_lsoa11_bgc.geojson');
const SEFTON = 'E08000014';

interface PracticeRow {
  org_code: string;
  name: string;
  lat: string;
  lon: string;
  postcode_lad_code_2014: string;
}
const practices = parse(
  readFileSync(new URL('assets/sefton_gp_practices_epraccur_2025.csv', RAW)),
  {
    columns: true,
    skip_empty_lines: true,
  },
) as PracticeRow[];

function property(layer: FeatureCollection, f: number, key: string): unknown {
  return layer.features[f]?.properties?.[key];
}

describe('Sefton LSOA 2011 centre points', () => {
  it('each falls in its own polygon (all 189)', () => {
    expect(sefton.features).toHaveLength(189);
    const index = buildPolygonIndex(packPolygons(sefton));
    const xy = new Float64Array(
      sefton.features.flatMap((f) => [Number(f.properties?.LONG), Number(f.properties?.LAT)]),
    );
    const found = locatePoints(index, xy);
    const misplaced = sefton.features
      .map((f, i) => ({ code: f.properties?.LSOA11CD as string, found: found[i] ?? -1, own: i }))
      .filter((r) => r.found !== r.own);
    expect(misplaced).toEqual([]);
  });
});

describe('Sefton GP practices (epraccur 2025)', () => {
  const xy = new Float64Array(practices.flatMap((p) => [Number(p.lon), Number(p.lat)]));
  const inSeftonPostcode = practices.map((p) => p.postcode_lad_code_2014 === SEFTON);

  it('has the rows SOURCES.md describes: 103, of which 9 have postcodes outside Sefton', () => {
    expect(practices).toHaveLength(103);
    expect(inSeftonPostcode.filter((s) => !s)).toHaveLength(9);
    expect(xy.every(Number.isFinite)).toBe(true);
  });

  it('land in a Sefton LSOA exactly when their postcode is in Sefton', () => {
    const found = locatePoints(buildPolygonIndex(packPolygons(sefton)), xy);
    const wrong = practices.filter((_, i) => (found[i] ?? -1) >= 0 !== inSeftonPostcode[i]);
    expect(wrong.map((p) => `${p.org_code} ${p.name}`)).toEqual([]);
  });

  it('outside Sefton, land in an LSOA of the district their postcode is in', () => {
    const found = locatePoints(buildPolygonIndex(packPolygons(lcr)), xy);
    const districts = practices.map((_, i) => property(lcr, found[i] ?? -1, 'LADCD_ACTIVE'));
    expect(districts).toEqual(practices.map((p) => p.postcode_lad_code_2014));
    // Orrell Park Medical Centre: registered to a Sefton commissioner, but in Liverpool.
    const orrellPark = practices.findIndex((p) => p.org_code === 'N84027');
    expect(districts[orrellPark]).toBe('E08000012');
  });
});
