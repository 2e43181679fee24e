import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { destination } from '@turf/destination';
import { distance } from '@turf/distance';
import { point } from '@turf/helpers';
import type { FeatureCollection } from 'geojson';
import {
  catchments,
  countPointsInPolygons,
  metresPerDegree,
  ratesPer10k,
  type AreaPoints,
  type AssetPoints,
} from '../../workers/analysis/catchment.ts';

/** A point `metres` from (lon, lat) on a bearing (degrees), by turf (great circle). */
function offset(lon: number, lat: number, metres: number, bearing: number): [number, number] {
  const [x = NaN, y = NaN] = destination(point([lon, lat]), metres / 1000, bearing).geometry
    .coordinates;
  return [x, y];
}

const BOOTLE: [number, number] = [-2.99, 53.45];

describe('metresPerDegree', () => {
  it('agrees with turf great-circle distances at Sefton latitudes within 0.5%', () => {
    for (const lat of [50, 53.45, 55.8]) {
      const { lon, lat: mLat } = metresPerDegree(lat);
      const east = distance(point([-3, lat]), point([-2.99, lat])) * 1000;
      const north = distance(point([-3, lat]), point([-3, lat + 0.01])) * 1000;
      expect(Math.abs(lon * 0.01 - east) / east).toBeLessThan(0.005);
      expect(Math.abs(mLat * 0.01 - north) / north).toBeLessThan(0.005);
    }
  });

  it('shrinks with latitude: a degree of longitude is shorter in the north of England', () => {
    expect(metresPerDegree(55.8).lon).toBeLessThan(0.9 * metresPerDegree(50).lon);
  });
});

describe('catchments', () => {
  // Six areas round one GP practice at Bootle, at known great-circle distances; one
  // library 3 km away.
  const around = [
    { code: 'E01000001', metres: 300, bearing: 0, population: 1500, core20: 1 },
    { code: 'E01000002', metres: 780, bearing: 90, population: 1600, core20: 0 },
    { code: 'E01000003', metres: 820, bearing: 180, population: 1700, core20: 1 },
    { code: 'E01000004', metres: 790, bearing: 45, population: 1200, core20: 1 },
    { code: 'E01000005', metres: 2000, bearing: 270, population: 1700, core20: 1 },
    { code: 'E01000006', metres: 5000, bearing: 270, population: 1700, core20: 1 },
  ];
  const areas: AreaPoints = {
    codes: around.map((a) => a.code),
    xy: new Float64Array(around.flatMap((a) => offset(BOOTLE[0], BOOTLE[1], a.metres, a.bearing))),
    population: new Float64Array(around.map((a) => a.population)),
    core20: new Uint8Array(around.map((a) => a.core20)),
  };
  const assets: AssetPoints = {
    xy: new Float64Array([...BOOTLE, ...offset(BOOTLE[0], BOOTLE[1], 3000, 0)]),
    category: new Uint32Array([0, 1]),
    categories: ['gp', 'library', 'foodbank'],
  };

  it('counts areas whose centre is within 800 m, whole population, by category', () => {
    const [gp] = catchments(areas, assets);
    expect(gp).toMatchObject({
      category: 'gp',
      assetCount: 1,
      radiusMetres: 800,
      population: 9400,
      populationReached: 1500 + 1600 + 1200,
      core20Population: 1500 + 1700 + 1200 + 1700 + 1700,
      core20PopulationReached: 1500 + 1200,
    });
    expect(gp?.shareReached).toBeCloseTo(4300 / 9400, 12);
    expect(gp?.core20ShareReached).toBeCloseTo(2700 / 7800, 12);
  });

  it('lists unreached Core20 areas largest first, ties by code, with the nearest distance', () => {
    const [gp] = catchments(areas, assets);
    expect(gp?.core20Unreached.map((u) => [u.code, u.population])).toEqual([
      ['E01000003', 1700],
      ['E01000005', 1700],
      ['E01000006', 1700],
    ]);
    const nearest = gp?.core20Unreached.map((u) => u.nearestMetres ?? NaN) ?? [];
    [820, 2000, 5000].forEach((metres, i) =>
      expect(Math.abs((nearest[i] ?? NaN) - metres)).toBeLessThan(metres * 0.005),
    );
  });

  it('says null when no asset of the category is within the nearest-asset search', () => {
    const [gp] = catchments(areas, assets, { nearestSearchMetres: 3000 });
    expect(gp?.core20Unreached.map((u) => u.nearestMetres === null)).toEqual([false, false, true]);
  });

  it('handles a category with no assets: nothing reached, every Core20 area listed', () => {
    const foodbank = catchments(areas, assets)[2];
    expect(foodbank).toMatchObject({
      assetCount: 0,
      populationReached: 0,
      core20PopulationReached: 0,
    });
    expect(foodbank?.core20Unreached).toHaveLength(5);
    expect(foodbank?.core20Unreached.every((u) => u.nearestMetres === null)).toBe(true);
  });

  it('takes the radius as an option', () => {
    const library = catchments(areas, assets, { radiusMetres: 3500 })[1];
    // The library is 3 km north. Within 3.5 km: 300 m N (2.7 km), 780 m E (3.1 km), 790 m NE
    // (2.5 km); beyond: 820 m S (3.82 km), 2 km W (3.61 km), 5 km W.
    expect(library?.populationReached).toBe(1500 + 1600 + 1200);
    expect(catchments(areas, assets)[1]?.populationReached).toBe(0);
  });

  it('gives NaN shares, not 0, when there is no population to share', () => {
    const none = catchments({ ...areas, core20: new Uint8Array(6) }, assets)[0];
    expect(none?.core20ShareReached).toBeNaN();
    expect(none?.core20Unreached).toEqual([]);
  });

  it('agrees with turf distances on Sefton LSOA centres and GP practices', () => {
    const raw = new URL('../../../shared/data/raw/', import.meta.url);
    const lsoas = JSON.parse(
      readFileSync(new URL('boundaries/sefton_lsoa11_bgc.geojson', raw), 'utf8'),
    ) as FeatureCollection;
    const gps = (
      parse(readFileSync(new URL('assets/sefton_gp_practices_epraccur_2025.csv', raw)), {
        columns: true,
      }) as {
        lat: string;
        lon: string;
        is_active_gp_practice: string;
      }[]
    ).filter((p) => p.is_active_gp_practice === 'Y');
    const centres = lsoas.features.map((f): [number, number] => [
      Number(f.properties?.LONG),
      Number(f.properties?.LAT),
    ]);
    const gpXY = gps.map((p): [number, number] => [Number(p.lon), Number(p.lat)]);
    const result = catchments(
      {
        codes: lsoas.features.map((f) => String(f.properties?.LSOA11CD)),
        xy: new Float64Array(centres.flat()),
        population: new Float64Array(centres.length).fill(1),
        core20: new Uint8Array(centres.length).fill(1),
      },
      {
        xy: new Float64Array(gpXY.flat()),
        category: new Uint32Array(gpXY.length),
        categories: ['gp'],
      },
    )[0];
    const unreached = new Set(result?.core20Unreached.map((u) => u.area));
    let compared = 0;
    centres.forEach((c, a) => {
      const nearest = Math.min(...gpXY.map((g) => distance(point(c), point(g)) * 1000));
      if (Math.abs(nearest - 800) < 8) return; // within 1% of the radius: either answer is fair
      compared++;
      expect(unreached.has(a)).toBe(nearest > 800);
    });
    expect(compared).toBeGreaterThan(180);
    // Sanity: a real mixture of reached and unreached areas.
    expect(unreached.size).toBeGreaterThan(20);
    expect(unreached.size).toBeLessThan(170);
  });
});

describe('countPointsInPolygons', () => {
  it('counts points per feature, those outside, and rates per 10,000 from the sums', () => {
    const located = new Int32Array([0, 2, 2, -1, 2, 0, -1, 1]);
    const result = countPointsInPolygons(located, 4, new Float64Array([2000, 500, 30000, 0]));
    expect(Array.from(result.counts)).toEqual([2, 1, 3, 0]);
    expect(result.outside).toBe(2);
    expect(Array.from(result.ratePer10k ?? []).slice(0, 3)).toEqual([10, 20, 1]);
    expect(result.ratePer10k?.[3]).toBeNaN();
  });

  it('gives no rates without populations, and refuses populations of the wrong length', () => {
    expect(countPointsInPolygons(new Int32Array([0]), 1).ratePer10k).toBeNull();
    expect(() => ratesPer10k(new Uint32Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});
