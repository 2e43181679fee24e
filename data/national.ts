import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BundleEntry, National, TileLayer } from '../contracts/atlas_index.ts';
import {
  IndicatorTableSchema,
  ManifestSchema,
  type IndicatorMeta,
  type IndicatorTable,
} from '../contracts/manifest.ts';
import { dissolveDistricts, readDistrictBoundaries, type AreaFeature } from './boundaries.ts';
import type { LsoaColumn } from './columns.ts';
import type { StagedOutput, WrittenFile } from './output.ts';
import type { RawReader } from './raw_reader.ts';
import type { Registry } from './registry.ts';
import { applyFile10, readFile10Iod2025 } from './iod2025_file10.ts';
import { addUnbuiltDistricts } from './national_districts.ts';
import { imd2019Columns, Imd2019Row } from './sources/imd2019.ts';
import { checkEnglandRows } from './sources/imd2019_england.ts';
import { EQUAL_MEAN, iod2025Columns, Iod2025Row } from './sources/iod2025.ts';
import { round, storedDecimals } from './tables.ts';
import { DEFAULT_TILE_OPTIONS, writeTiles, type TileFeature, type TileOptions } from './tiles.ts';
import { buildTopology } from './topology.ts';
import { mapGeojsonText } from './map_geojson.ts';

/**
 * The national layers of an England build (contracts/atlas_index.ts): district outlines for
 * the overview, the district table of the national indicators (taken from each district
 * bundle's own roll-up, so both show the same figure), national LSOA vector tiles and one
 * value column per indicator for class breaks.
 */
export interface NationalOptions {
  bundles: BundleEntry[];
  say: (m: string) => void;
  tiles: TileOptions;
  /** Triangles smaller than this (m²) are dropped from the overview outlines. */
  outlineMinTriangleM2: number;
}

export const DEFAULT_NATIONAL_OPTIONS = {
  tiles: DEFAULT_TILE_OPTIONS,
  outlineMinTriangleM2: 200_000,
} satisfies Omit<NationalOptions, 'bundles' | 'say'>;

export interface NationalBuild extends National {
  files: WrittenFile[];
  largestTile: { path: string; bytes: number } | null;
}

const ROOT = 'england';
const AUTHORITIES_GEOJSON = `${ROOT}/authorities.geojson`;
type LsoaGeography = 'lsoa11' | 'lsoa21';

export async function buildNational(
  out: StagedOutput,
  raw: RawReader,
  registry: Registry,
  partial: Partial<NationalOptions> & Pick<NationalOptions, 'bundles' | 'say'>,
): Promise<NationalBuild> {
  const options: NationalOptions = { ...DEFAULT_NATIONAL_OPTIONS, ...partial };
  const { say } = options;
  const files: WrittenFile[] = [];
  const write = async (p: string, content: string | Uint8Array) => {
    const w = await out.write({ path: p, content });
    files.push(w);
    return w;
  };

  const columns11 = await englandColumns11(raw);
  const columns: Record<LsoaGeography, { codes: string[]; columns: LsoaColumn[] }> = {
    lsoa11: columns11,
    lsoa21: await englandColumns21(raw),
  };
  const tiles: TileLayer[] = [];
  let largestTile: NationalBuild['largestTile'] = null;
  for (const geography of ['lsoa21', 'lsoa11'] as const) {
    say(`national ${geography}: reading ${registry.districts.length} districts`);
    const features = await readAll(raw, registry, geography);
    if (geography === 'lsoa21') {
      say('national district outlines');
      const names = new Map(registry.districts.map((d) => [d.code, d.name]));
      const outlines = dissolveDistricts(features, names);
      const topo = buildTopology(
        { lad: outlines },
        { quantization: 1e5, minTriangleAreaM2: options.outlineMinTriangleM2 },
      );
      await write(`${ROOT}/authorities.topo.json`, JSON.stringify(topo));
      // The same shapes for the map to fetch itself: the overview's first frame then waits
      // neither for the atlas worker's decoding nor for a copy of the shapes sent to MapLibre.
      await write(AUTHORITIES_GEOJSON, mapGeojsonText(topo, 'lad'));
    }
    const { codes, columns: cols } = columns[geography];
    const inTiles = cols.filter(tileWorthy);
    const at = new Map(codes.map((c, i) => [c, i]));
    const tileFeatures: TileFeature[] = features.map((f) => {
      const i = at.get(f.properties.code) ?? -1;
      const props: Record<string, string | number> = { code: f.properties.code };
      for (const c of inTiles) {
        const v = c.values[i];
        if (v !== undefined && Number.isFinite(v)) props[c.meta.id] = round(v, c.meta.decimals);
      }
      return { type: 'Feature', geometry: f.geometry, properties: props };
    });
    say(`national ${geography}: vector tiles z${options.tiles.minzoom}-${options.tiles.maxzoom}`);
    const set = await writeTiles(
      out,
      `${ROOT}/tiles/${geography}`,
      geography,
      tileFeatures,
      options.tiles,
    );
    files.push(...set.files);
    if (set.largest && (!largestTile || set.largest.bytes > largestTile.bytes))
      largestTile = set.largest;
    tiles.push({
      geography,
      tiles: `${ROOT}/tiles/${geography}/{z}/{x}/{y}.pbf`,
      sourceLayer: geography,
      minzoom: options.tiles.minzoom,
      maxzoom: options.tiles.maxzoom,
      bounds: set.bounds,
      codeProperty: 'code',
      properties: inTiles.map((c) => c.meta.id),
      count: features.length,
    });
    await write(`${ROOT}/values/${geography}/codes.json`, JSON.stringify(codes));
    for (const c of cols) {
      const dp = storedDecimals(c.meta.decimals);
      await write(
        `${ROOT}/values/${geography}/${c.meta.id}.json`,
        JSON.stringify({
          geography,
          indicator: c.meta.id,
          values: Array.from(c.values, (v) => (Number.isFinite(v) ? round(v, dp) : null)),
        }),
      );
    }
  }

  say('national district table');
  const lad = await districtTable(out, options.bundles);
  // A partial build still lists every district (IoD 2019 rolled up here, IoD 2025 File 10).
  const unbuilt = addUnbuiltDistricts(lad.table, lad.methods, registry, columns11);
  if (unbuilt) say(`national district table: ${unbuilt} districts without a bundle listed too`);
  // IoD 2025 authority figures: MHCLG's published File 10 wherever it has the district.
  applyFile10(lad.table, lad.methods, await readFile10Iod2025(raw, registry.current));
  await write(`${ROOT}/tables/lad.json`, JSON.stringify(lad.table));
  for (const [id, values] of Object.entries(lad.table.values)) {
    await write(
      `${ROOT}/values/lad/${id}.json`,
      JSON.stringify({ geography: 'lad', indicator: id, codes: lad.table.codes, values }),
    );
  }

  const indicators: IndicatorMeta[] = [];
  for (const geography of ['lsoa11', 'lsoa21'] as const) {
    for (const c of columns[geography].columns) {
      const ladMethod = lad.methods.get(c.meta.id);
      indicators.push({
        ...c.meta,
        geographies: {
          [geography]: { method: `as published, ${c.meta.vintage}`, derived: false },
          ...(ladMethod ? { lad: { method: ladMethod, derived: true } } : {}),
        },
      });
    }
  }
  return {
    authorities: {
      geometry: `${ROOT}/authorities.topo.json`,
      object: 'lad',
      geojson: AUTHORITIES_GEOJSON,
    },
    authorityTable: `${ROOT}/tables/lad.json`,
    tiles,
    values: `${ROOT}/values`,
    indicators,
    files,
    largestTile,
  };
}

/**
 * Tiles carry the IMD score, the Core20 flag and every national decile (one byte each
 * after the value table): the rest is in the value columns. Measured on LSOA 2021, z5-z10:
 * adding ranks, rates and domain scores made the largest tile 2.4 MB instead of 1.9 MB.
 */
function tileWorthy(c: LsoaColumn): boolean {
  return c.meta.kind === 'decile' || /^imd20\d\d_(score|core20)$/.test(c.meta.id);
}

async function englandColumns11(raw: RawReader) {
  const rows = checkEnglandRows(await raw.table('imd2019England', Imd2019Row))
    .map((r) => r.value)
    .sort((a, b) => (a.lsoa11cd < b.lsoa11cd ? -1 : 1));
  return {
    codes: rows.map((r) => r.lsoa11cd),
    columns: imd2019Columns(rows),
    districts: rows.map((r) => r.lad19cd),
  };
}

async function englandColumns21(raw: RawReader) {
  const rows = (await raw.table('imd2025England', Iod2025Row))
    .map((r) => r.value)
    .sort((a, b) => (a.lsoa21cd < b.lsoa21cd ? -1 : 1));
  return { codes: rows.map((r) => r.lsoa21cd), columns: iod2025Columns(rows, EQUAL_MEAN) };
}

async function readAll(
  raw: RawReader,
  registry: Registry,
  geography: LsoaGeography,
): Promise<AreaFeature[]> {
  const out: AreaFeature[] = [];
  for (const d of registry.districts)
    for (const f of await readDistrictBoundaries(raw.rawDir, geography, d.code)) out.push(f);
  return out.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
}

/**
 * One row per district bundle, from the bundle's own lad table: the indicators every
 * district has, with the roll-up method (several when districts differ, e.g. the weights of
 * IoD 2025, which only the Liverpool City Region has).
 */
async function districtTable(
  out: StagedOutput,
  bundles: BundleEntry[],
): Promise<{ table: IndicatorTable; methods: Map<string, string> }> {
  const rows: { table: IndicatorTable; metas: Map<string, IndicatorMeta> }[] = [];
  for (const b of bundles.filter((x) => x.kind === 'district')) {
    const dir = path.join(out.dir, path.dirname(b.manifest));
    const manifest = ManifestSchema.parse(
      JSON.parse(await readFile(path.join(out.dir, b.manifest), 'utf8')),
    );
    const table = IndicatorTableSchema.parse(
      JSON.parse(await readFile(path.join(dir, 'tables/lad.json'), 'utf8')),
    );
    rows.push({ table, metas: new Map(manifest.indicators.map((i) => [i.id, i])) });
  }
  const first = rows[0];
  const ids = first
    ? Object.keys(first.table.values).filter((id) =>
        rows.every((r) => r.table.values[id]?.every((v) => v !== null)),
      )
    : [];
  const methods = new Map<string, string>();
  for (const id of ids) {
    const count = new Map<string, number>();
    for (const r of rows) {
      const m =
        (r.metas.get(id)?.geographies.lad?.method ?? '').split('; LSOAs assigned by')[0] ?? '';
      count.set(m, (count.get(m) ?? 0) + 1);
    }
    methods.set(
      id,
      count.size === 1
        ? [...count.keys()].join('')
        : [...count].map(([m, n]) => `${m} (${n} district${n === 1 ? '' : 's'})`).join('; '),
    );
  }
  const table: IndicatorTable = {
    geography: 'lad',
    codes: rows.flatMap((r) => r.table.codes),
    names: rows.flatMap((r) => r.table.names),
    districts: rows.flatMap((r) => r.table.districts),
    centres: rows.flatMap((r) => r.table.centres),
    centreMethod: 'as in each district bundle (see its lad table)',
    values: Object.fromEntries(
      ids.map((id) => [id, rows.flatMap((r) => r.table.values[id] ?? [])]),
    ),
  };
  return { table, methods };
}
