// The search index and LSOA context names the pipeline writes (data/place_index.ts), and the
// neighbouring authorities drawn as land (data/neighbours.ts), on a drawn fixture and on the
// real raw data.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { PlaceIndexSchema } from '../../contracts/places.ts';
import { dissolve, readNeighbours } from '../../data/neighbours.ts';
import { buildPlaceIndex, readAreaPostcodes } from '../../data/place_index.ts';
import { REAL_RAW } from '../helpers/raw_copy.ts';

const twoWards = {
  codes: ['E05000001', 'E05000002'],
  names: ['Linacre', 'Ravenmeols'],
  centres: [
    [-2.99, 53.45],
    [-3.06, 53.56],
  ] as [number, number][],
};
const msoas = {
  codes: ['E02000001'],
  names: ['Bootle North'],
  centres: [[-2.99, 53.46]] as [number, number][],
};

describe('buildPlaceIndex', () => {
  const index = buildPlaceIndex({
    wards: twoWards,
    neighbourhoods: [msoas, msoas],
    lsoas: [
      {
        codes: ['E01000001', 'E01000002'],
        names: ['Sefton 001A', 'Sefton 001B'],
        centres: [[-2.99, 53.451], null],
        ward: [0, -1],
        msoa: [0, 0],
      },
    ],
    postcodes: [{ postcode: 'L20 4RW', at: [-2.98, 53.45] }],
    wardMethod: 'the ONS best-fit lookup',
    attributions: ['HCL'],
  });

  it('names each place once, with its kind, code and point', () => {
    expect(PlaceIndexSchema.parse(index)).toEqual(index);
    expect(index.entries.map((e) => `${e[1]}:${e[0]}`)).toEqual([
      'ward:Linacre',
      'ward:Ravenmeols',
      'neighbourhood:Bootle North', // the 2011 and 2021 MSOA with one code: kept once
      'lsoa:Sefton 001A', // 001B has no centre: not findable by point, so left out
      'postcode:L20 4RW',
    ]);
  });

  it('gives an LSOA its ward and neighbourhood, and says nothing of a ward it lacks', () => {
    expect(index.context['E01000001']).toEqual({ ward: 'Linacre', neighbourhood: 'Bootle North' });
    expect(index.context['E01000002']).toEqual({ neighbourhood: 'Bootle North' });
    expect(index.contextMethod).toContain('the ONS best-fit lookup');
    expect(index.attributions.at(-1)).toContain('Royal Mail');
  });
});

describe('dissolve', () => {
  //  +---+---+
  //  | a | b |   two unit squares sharing an edge dissolve into one ring of 4 corners
  //  +---+---+
  const square = (x: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ],
  });
  it('removes the shared edge', () => {
    const fc: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: [0, 1].map((x) => ({ type: 'Feature', properties: {}, geometry: square(x) })),
    };
    const g = dissolve(fc, 0);
    expect(g?.type).toBe('MultiPolygon');
    const rings = g?.type === 'MultiPolygon' ? g.coordinates : [];
    expect(rings).toHaveLength(1);
    const xs = (rings[0]?.[0] ?? []).map((p) => p[0] ?? NaN);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(2);
  });
  it('gives nothing for nothing', () => {
    expect(dissolve({ type: 'FeatureCollection', features: [] }, 0)).toBeNull();
  });
});

describe('on the real raw data', () => {
  it("finds Sefton's neighbours, West Lancashire among them, labelled near Sefton", async () => {
    const r = await readNeighbours(REAL_RAW, ['E08000014'], [-3.1, 53.44, -2.89, 53.7]);
    const names = r.collection.features.map((f) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining(['West Lancashire', 'Liverpool', 'Knowsley']));
    expect(names).not.toContain('Sefton');
    const wl = r.collection.features.find((f) => f.properties.name === 'West Lancashire');
    const [lon, lat] = wl?.properties.label ?? [0, 0];
    // Ormskirk-Skelmersdale side, not the middle of the district by Parbold.
    expect(lon).toBeGreaterThan(-3.0);
    expect(lon).toBeLessThan(-2.7);
    expect(lat).toBeGreaterThan(53.5);
    expect(lat).toBeLessThan(53.7);
  });

  it('says why there are no neighbours when the England files are missing', async () => {
    const r = await readNeighbours('/nonexistent', ['E08000014'], [0, 0, 1, 1]);
    expect(r.collection.features).toEqual([]);
    expect(r.note).toContain('lad.csv');
  });

  it("reads Sefton's postcodes only", async () => {
    const p = await readAreaPostcodes(REAL_RAW, ['E08000014']);
    expect(p.length).toBe(6666);
    expect(p.find((x) => x.postcode === 'L20 4RW')).toBeTruthy();
  });
});
