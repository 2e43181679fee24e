// About the real data: an end-to-end build of a handful of districts from both ends of the
// deprivation scale (Sefton and Knowsley in the Liverpool City Region, whose extra sources the
// raw data has; Blackpool, most deprived on IMD 2019; Hart, among the least) with the national
// layers, read back the way the app reads it: index.json first, then a bundle, then tiles.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasIndexSchema, type AtlasIndex } from '../../contracts/atlas_index.ts';
import { geographyOfIndicator, mapGeojsonPath, OPENING_VIEW } from '../../contracts/geography.ts';
import {
  IndicatorTableSchema,
  ManifestSchema,
  type IndicatorTable,
  type Manifest,
} from '../../contracts/manifest.ts';
import { buildAtlasData, type BuildSummary } from '../../data/build.ts';
import { PipelineError } from '../../data/errors.ts';
import { sha256 } from '../../data/output.ts';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { REAL_RAW, scratchDir } from '../helpers/raw_copy.ts';

const AREA = 'E08000014,E08000011,E06000009,E07000089';
let root: string;
let out: string;
let summary: BuildSummary;
let index: AtlasIndex;

const json = async (...p: string[]): Promise<unknown> =>
  JSON.parse(await readFile(path.join(out, ...p), 'utf8'));
const manifestOf = async (id: string): Promise<Manifest> =>
  ManifestSchema.parse(await json('areas', id, 'manifest.json'));
const tableOf = async (id: string, g: string): Promise<IndicatorTable> =>
  IndicatorTableSchema.parse(await json('areas', id, 'tables', `${g}.json`));

beforeAll(async () => {
  root = await scratchDir();
  out = path.join(root, 'data');
  summary = await buildAtlasData({
    area: AREA,
    rawDir: REAL_RAW,
    outDir: out,
    national: true,
    cacheDir: path.join(root, 'cache'),
  });
  index = AtlasIndexSchema.parse(await json('index.json'));
}, 900_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a build of four districts with the national layers', () => {
  it('lists one bundle per district in index.json, valid against the contract, Sefton first to open', async () => {
    expect(index.bundles.map((b) => [b.id, b.kind, b.region?.name])).toEqual([
      ['E08000014', 'district', 'North West'],
      ['E08000011', 'district', 'North West'],
      ['E06000009', 'district', 'North West'],
      ['E07000089', 'district', 'South East'],
    ]);
    expect(index.defaultBundle).toBe('E08000014');
    for (const b of index.bundles) {
      const m = await manifestOf(b.id);
      expect(m.contentHash).toBe(b.contentHash);
      expect(m.area.districts.map((d) => d.code)).toEqual([b.id]);
      const [w, s, e, n] = b.bbox;
      expect(w < e && s < n && w > -7 && e < 2 && s > 49 && n < 56).toBe(true);
      for (const f of m.files.filter((x) => x.path !== 'manifest.json')) {
        const bytes = await readFile(path.join(out, 'areas', b.id, f.path));
        expect([f.path, sha256(bytes)]).toEqual([f.path, f.sha256]);
      }
      // The map asks for the opening view's areas and the outline before the manifest, by
      // these paths: the manifest must list the same files, and the same geography the app
      // would choose for that view from the manifest.
      const opening = m.indicators.find((i) => i.id === OPENING_VIEW.ind);
      expect(b.opening).toBe(geographyOfIndicator(opening, OPENING_VIEW.level));
      expect(b.opening).toBe('lsoa11');
      for (const g of ['lad', b.opening ?? 'lsoa11'] as const)
        expect(m.geographies.find((x) => x.id === g)?.geojson).toBe(mapGeojsonPath(g));
    }
  });

  it("counts each district's areas as lad.csv does", () => {
    expect(summary.bundles.map((b) => [b.id, b.counts])).toEqual([
      ['E08000014', { lsoa11: 189, lsoa21: 191, msoa11: 38, msoa21: 38, ward: 22, lad: 1 }],
      ['E08000011', { lsoa11: 98, lsoa21: 100, msoa11: 20, msoa21: 20, ward: 15, lad: 1 }],
      ['E06000009', { lsoa11: 94, lsoa21: 94, msoa11: 19, msoa21: 19, ward: 21, lad: 1 }],
      ['E07000089', { lsoa11: 57, lsoa21: 59, msoa11: 11, msoa21: 11, ward: 11, lad: 1 }],
    ]);
  });

  it('rolls IMD 2019 up to the File 10 average score at both ends of the scale', async () => {
    const score = async (id: string) => (await tableOf(id, 'lad')).values.imd2019_score?.[0];
    expect((await score('E08000014'))?.toFixed(3)).toBe('27.035');
    expect((await score('E08000011'))?.toFixed(3)).toBe('43.006');
    expect((await score('E06000009'))?.toFixed(3)).toBe('45.039');
    expect((await score('E07000089'))?.toFixed(3)).toBe('5.544');
  });

  it('lists the Liverpool City Region-only indicators as unavailable for Blackpool and Hart, with the reason', async () => {
    const lcrOnly = ['census2021_residents', 'pop2020_total', 'imd2019_ypll', 'imd2025_ypll'];
    expect((await manifestOf('E08000014')).unavailable).toEqual([]);
    for (const id of ['E06000009', 'E07000089']) {
      const m = await manifestOf(id);
      const unavailable = new Map(m.unavailable.map((u) => [u.id, u.reason]));
      for (const u of lcrOnly) {
        expect(unavailable.get(u)).toMatch(/cover the Liverpool City Region only/);
        // Never a blank column or a zero: the indicator is simply not in the bundle.
        expect(m.indicators.some((i) => i.id === u)).toBe(false);
        expect(Object.keys((await tableOf(id, 'lsoa21')).values)).not.toContain(u);
      }
      // The national indicators are there, with values for every area.
      const ward = await tableOf(id, 'ward');
      expect(ward.values.imd2019_score?.every((v) => v !== null)).toBe(true);
      expect(ward.values.imd2025_score?.every((v) => v !== null)).toBe(true);
      const meta = m.indicators.find((i) => i.id === 'imd2025_score');
      // Wards and MSOAs say their IoD 2025 roll-up counts each LSOA equally; the authority
      // quotes MHCLG's published, population-weighted File 10 figure instead.
      expect(meta?.geographies.ward?.method).toContain('each LSOA counting equally');
      expect(meta?.geographies.lad?.method).toMatch(
        /^population-weighted average score as published by MHCLG/,
      );
      expect(m.layers.find((l) => l.id === 'pharmacies')?.coverage).toMatch(/^None/);
    }
  });

  it('writes the national district table with the bundles’ own figures and the outlines of all 296 districts', async () => {
    const lad = IndicatorTableSchema.parse(await json('england/tables/lad.json'));
    // The built districts first, then every other district with its national figures.
    expect(lad.codes.slice(0, 4)).toEqual(['E08000014', 'E08000011', 'E06000009', 'E07000089']);
    expect(lad.codes).toHaveLength(296);
    for (const [i, code] of lad.codes.slice(0, 4).entries()) {
      const own = await tableOf(code, 'lad');
      expect(lad.values.imd2019_score?.[i]).toBe(own.values.imd2019_score?.[0]);
      expect(lad.values.imd2019_core20?.[i]).toBe(own.values.imd2019_core20?.[0]);
    }
    const topo = (await json('england/authorities.topo.json')) as Topology;
    const lads = topo.objects.lad as GeometryCollection<{ code: string }>;
    expect(lads.geometries).toHaveLength(296);
    // The same outlines as GeoJSON for the map to fetch itself, named by the index.
    expect(index.national?.authorities.geojson).toBe('england/authorities.geojson');
    const geojson = (await json('england/authorities.geojson')) as {
      features: { properties: { code: string }; geometry: { type: string } }[];
    };
    expect(geojson.features.map((f) => f.properties.code)).toEqual(
      lads.geometries.map((g) => (g.properties as { code: string }).code),
    );
    for (const f of geojson.features) expect(f.geometry.type).toMatch(/^(Multi)?Polygon$/);
    const values = (await json('england/values/lsoa21/imd2025_score.json')) as { values: number[] };
    expect(values.values).toHaveLength(33_755);
  });

  it('cuts national LSOA tiles that decode and carry every code with its values', async () => {
    const layer = index.national?.tiles.find((t) => t.geography === 'lsoa21');
    expect(layer).toMatchObject({ count: 33_755, codeProperty: 'code', sourceLayer: 'lsoa21' });
    // Every LSOA of Sefton and Hart is in some z8 tile, with the score of its bundle's table.
    const z = 8;
    const dir = path.join(out, 'england/tiles/lsoa21', String(z));
    const seen = new Map<string, Record<string, unknown>>();
    for (const x of await readdir(dir)) {
      for (const y of await readdir(path.join(dir, x))) {
        const tile = new VectorTile(new PbfReader(await readFile(path.join(dir, x, y))));
        const l = tile.layers.lsoa21;
        if (!l) throw new Error(`tile ${z}/${x}/${y} has no lsoa21 layer`);
        for (let i = 0; i < l.length; i++) {
          const p = l.feature(i).properties;
          seen.set(String(p.code), p);
        }
      }
    }
    expect(seen.size).toBe(33_755);
    for (const id of ['E08000014', 'E07000089']) {
      const t = await tableOf(id, 'lsoa21');
      t.codes.forEach((code, i) => {
        const p = seen.get(code);
        expect(p?.imd2025_score).toBeCloseTo(t.values.imd2025_score?.[i] ?? NaN, 3);
        expect(p?.imd2025_decile).toBe(t.values.imd2025_decile?.[i]);
      });
    }
  });

  it('refuses a bad request and leaves the previous output untouched, with no staging folder left', async () => {
    const before = await readFile(path.join(out, 'index.json'), 'utf8');
    await expect(
      buildAtlasData({ area: 'E06000009,nowhere', rawDir: REAL_RAW, outDir: out }),
    ).rejects.toBeInstanceOf(PipelineError);
    expect(await readFile(path.join(out, 'index.json'), 'utf8')).toBe(before);
    expect((await readdir(root)).sort()).toEqual(['cache', 'data']);
  });
});

describe('resuming', () => {
  it('reuses unchanged bundles from the cache and rebuilds what --only names', async () => {
    const dir = path.join(root, 'resumed');
    const cacheDir = path.join(root, 'cache');
    const again = await buildAtlasData({
      area: 'E06000009,E07000089',
      rawDir: REAL_RAW,
      outDir: dir,
      resume: true,
      cacheDir,
    });
    expect(again.bundles.map((b) => [b.id, b.cached])).toEqual([
      ['E06000009', true],
      ['E07000089', true],
    ]);
    const hashes = async () =>
      AtlasIndexSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')),
      ).bundles.map((b) => b.contentHash);
    expect(await hashes()).toEqual(
      index.bundles
        .filter((b) => b.id !== 'E08000014' && b.id !== 'E08000011')
        .map((b) => b.contentHash),
    );
    const only = await buildAtlasData({
      area: 'E06000009,E07000089',
      rawDir: REAL_RAW,
      outDir: dir,
      only: ['E07000089'],
      cacheDir,
    });
    expect(only.bundles.map((b) => [b.id, b.cached])).toEqual([
      ['E06000009', true],
      ['E07000089', false],
    ]);
    // A rebuilt bundle has the same content (generatedAt is only in the manifest).
    expect(await hashes()).toEqual(
      index.bundles
        .filter((b) => b.id !== 'E08000014' && b.id !== 'E08000011')
        .map((b) => b.contentHash),
    );
  }, 300_000);
});

describe('every district in a partial build’s England overview', () => {
  it('lists the districts without a bundle with File 10 figures (IoD 2019 rolled up, IoD 2025 as published)', async () => {
    const file = path.join(REAL_RAW, 'indicators', 'iod2019_lad19_summaries_england.csv');
    const csv = readCsv(await readFile(file), { file: 'iod2019_lad19_summaries_england.csv' });
    const col = (name: string) => csv.header.indexOf(name);
    const published2019 = (code: string) =>
      Number(
        csv.records.find(
          (r) =>
            r.cells[col('lad19cd')] === code &&
            r.cells[col('index_domain')] === 'Index of Multiple Deprivation',
        )?.cells[col('average_score')],
      );
    const lad = IndicatorTableSchema.parse(await json('england/tables/lad.json'));
    const at = (code: string, id: string) => lad.values[id]?.[lad.codes.indexOf(code)] ?? null;
    expect(lad.values.imd2019_score?.every((v) => v !== null)).toBe(true);
    expect(lad.values.imd2025_score?.every((v) => v !== null)).toBe(true);
    // Liverpool, Manchester, Westminster: not built here; File 10's average score to 3 dp.
    for (const code of ['E08000012', 'E08000003', 'E09000033']) {
      const v = at(code, 'imd2019_score');
      expect(v === null ? null : Math.round(v * 1000) / 1000).toBe(published2019(code));
      expect(at(code, 'imd2019_core20')).not.toBeNull();
    }
    expect(lad.names[lad.codes.indexOf('E08000012')]).toBe('Liverpool');
    // North Yorkshire (2023) has no 2019 row: rolled up from its predecessors' LSOAs.
    expect(at('E06000065', 'imd2019_score')).toBeGreaterThan(0);
    const meta = index.national?.indicators.find((i) => i.id === 'imd2019_score');
    expect(meta?.geographies.lad?.method).toMatch(
      /for the 292 districts not built, the same rule over their LSOAs of the IoD 2019 England file$/,
    );
  });
});

describe('IoD 2025 authority figures in the England overview', () => {
  it('are MHCLG File 10 average scores, read here from the raw file, with their source', async () => {
    // The raw file read independently of the pipeline (its own reader and schema).
    const file = path.join(REAL_RAW, 'indicators', 'iod2025_lad24_summaries_england.csv');
    const csv = readCsv(await readFile(file), { file: 'iod2025_lad24_summaries_england.csv' });
    const col = (name: string) => csv.header.indexOf(name);
    const published = (code: string, domain: string) => {
      const row = csv.records.find(
        (r) => r.cells[col('area_code')] === code && r.cells[col('index_domain')] === domain,
      );
      return Number(row?.cells[col('average_score')]);
    };
    const lad = IndicatorTableSchema.parse(await json('england/tables/lad.json'));
    const at = (code: string, id: string) => lad.values[id]?.[lad.codes.indexOf(code)];
    // Blackpool (most deprived in 2025 too: rank 1), Hart (296th), Sefton, Knowsley.
    expect(published('E06000009', 'Index of Multiple Deprivation')).toBe(43.467);
    expect(published('E07000089', 'Index of Multiple Deprivation')).toBe(5.914);
    for (const code of ['E06000009', 'E07000089', 'E08000014', 'E08000011']) {
      expect(at(code, 'imd2025_score')).toBe(published(code, 'Index of Multiple Deprivation'));
      expect(at(code, 'imd2025_income_rate')).toBeCloseTo(
        published(code, 'Income Deprivation') * 100,
        9,
      );
      expect(at(code, 'imd2025_health_score')).toBeCloseTo(
        published(code, 'Health Deprivation and Disability'),
        9,
      );
      // The authority's own bundle quotes the same published figure (its roll-up would be an
      // unweighted mean outside the city region: Hart 5.855, Blackpool 43.528).
      const own = await tableOf(code, 'lad');
      expect(own.values.imd2025_score?.[0]).toBe(published(code, 'Index of Multiple Deprivation'));
    }
    const hartManifest = await json('areas/E07000089/manifest.json');
    expect(JSON.stringify(hartManifest)).toContain(
      'population-weighted average score as published by MHCLG (IoD 2025 File 10',
    );
    const meta = index.national?.indicators.find((i) => i.id === 'imd2025_score');
    expect(meta?.geographies.lad?.method).toBe(
      'population-weighted average score as published by MHCLG (IoD 2025 File 10, local authority summaries, iod2025_lad24_summaries_england.csv; OGL v3)',
    );
    const values = (await json('england/values/lad/imd2025_score.json')) as { values: number[] };
    expect(values.values[lad.codes.indexOf('E06000009')]).toBe(43.467);
  });
});
