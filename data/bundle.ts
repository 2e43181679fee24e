import { applyFile10ToBundle, readFile10Iod2025 } from './iod2025_file10.ts';
import { gzipSync } from 'node:zlib';
import {
  GEOGRAPHY_LEVELS,
  geographyOfIndicator,
  mapGeojsonPath,
  OPENING_VIEW,
  type GeographyId,
} from '../contracts/geography.ts';
import { SCHEMA_VERSION, type Manifest } from '../contracts/manifest.ts';
import type { AreaChoice } from './area.ts';
import {
  dissolveDistricts,
  readDistrictBoundaries,
  type AreaFeature,
  type DistrictLayer,
} from './boundaries.ts';
import { buildBundleTables } from './bundle_tables.ts';
import { readHeadline } from './headline.ts';
import { mapGeojsonFiles } from './map_geojson.ts';
import { placeFiles } from './place_files.ts';
import { sha256, type OutputFile, type WrittenFile } from './output.ts';
import { readPointLayers } from './points.ts';
import { LICENCE } from './raw_catalogue.ts';
import type { RawReader } from './raw_reader.ts';
import type { Registry } from './registry.ts';
import { buildTopology, DEFAULT_TOPOLOGY_OPTIONS, type TopologyOptions } from './topology.ts';

/**
 * One area bundle (a district, or a group such as the Liverpool City Region): exactly the
 * files a single-area build always wrote, relative to the bundle's folder, and its manifest
 * made once their hashes are known.
 */
export interface Bundle {
  area: AreaChoice;
  files: OutputFile[];
  manifest: (entries: WrittenFile[], generatedAt: string) => OutputFile;
  counts: Record<GeographyId, number>;
  /** [west, south, east, north] of the bundle's geometry. */
  bbox: [number, number, number, number];
  geometryGzipBytes: number;
  /** The geography the app's opening view draws (index.json's `opening`). */
  opening: GeographyId | null;
}

const DISTRICT_LAYERS: DistrictLayer[] = ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward'];

const BOUNDARY_YEAR: Record<GeographyId, string> = {
  lsoa11: '2011',
  lsoa21: '2021',
  msoa11: '2011',
  msoa21: '2021',
  ward: '2025',
  lad: '2021',
};

/** Every geography of the bundle's districts, each sorted by code; outlines dissolved from LSOA 2021. */
export async function readBundleFeatures(
  raw: RawReader,
  area: AreaChoice,
): Promise<Record<GeographyId, AreaFeature[]>> {
  const read = async (g: DistrictLayer) => {
    const parts = await Promise.all(
      area.districts.map((d) => readDistrictBoundaries(raw.rawDir, g, d.code)),
    );
    return parts.flat().sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  };
  const out = {} as Record<GeographyId, AreaFeature[]>;
  for (const g of DISTRICT_LAYERS) out[g] = await read(g);
  out.lad = dissolveDistricts(out.lsoa21, new Map(area.districts.map((d) => [d.code, d.name])));
  return out;
}

export async function buildBundle(
  raw: RawReader,
  area: AreaChoice,
  registry: Registry,
  topologyOptions: TopologyOptions = DEFAULT_TOPOLOGY_OPTIONS,
): Promise<Bundle> {
  const features = await readBundleFeatures(raw, area);
  const { tables, indicators, unavailable, drafts, rollups } = await buildBundleTables(
    raw,
    area,
    features,
  );
  // IoD 2025 authority figures: MHCLG's published File 10, as in the England overview.
  applyFile10ToBundle(
    tables,
    indicators,
    await raw.memo('iod2025File10', () => readFile10Iod2025(raw, registry.current)),
  );
  const topo = buildTopology(features, topologyOptions);
  const geometryText = JSON.stringify(topo);
  const layers = await readPointLayers(raw, area);
  const headline = await readHeadline(raw, area, registry);
  // Place names for search and labels, and the authorities around the area.
  const places = await placeFiles(raw.rawDir, area, features, drafts, rollups);

  const files: OutputFile[] = [
    { path: 'geometry.topo.json', content: geometryText },
    ...mapGeojsonFiles(topo, Object.keys(features) as GeographyId[]),
    { path: 'headline.json', content: JSON.stringify(headline) },
    ...tables.map((t) => ({ path: `tables/${t.geography}.json`, content: JSON.stringify(t) })),
    ...layers.map((l) => ({
      path: `layers/${l.meta.id}.geojson`,
      content: JSON.stringify(l.collection),
    })),
    ...places.files,
  ];
  const geographies = Object.keys(features) as GeographyId[];
  const manifest = (entries: WrittenFile[], generatedAt: string): OutputFile => {
    const m: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      generatedAt,
      area: { id: area.id, name: area.name, districts: area.districts },
      contentHash: contentHashOf(entries),
      geometry: { file: 'geometry.topo.json' },
      headline: { file: 'headline.json' },
      places: places.manifest,
      unavailable,
      geographies: geographies.map((g) => ({
        id: g,
        label: GEOGRAPHY_LEVELS[g].label,
        vintage: GEOGRAPHY_LEVELS[g].vintage,
        count: features[g].length,
        object: g,
        table: `tables/${g}.json`,
        geojson: mapGeojsonPath(g),
        source:
          g === 'lad'
            ? 'Local authority outlines dissolved from ONS LSOA 2021 BGC boundaries'
            : `ONS ${GEOGRAPHY_LEVELS[g].label} boundaries, generalised clipped (BGC)`,
        licence: LICENCE.onsBoundaries(BOUNDARY_YEAR[g]),
      })),
      indicators,
      layers: layers.map((l) => ({
        ...l.meta,
        file: `layers/${l.meta.id}.geojson`,
        count: l.collection.features.length,
      })),
      attributions: ATTRIBUTIONS,
      files: entries,
    };
    return { path: 'manifest.json', content: JSON.stringify(m, null, 1) };
  };
  const [w, s, e, n] = (topo.bbox ?? [0, 0, 0, 0]) as number[];
  return {
    area,
    files,
    manifest,
    counts: Object.fromEntries(geographies.map((g) => [g, features[g].length])) as Record<
      GeographyId,
      number
    >,
    bbox: [w ?? 0, s ?? 0, e ?? 0, n ?? 0].map((v) => Math.round(v * 1e5) / 1e5) as Bundle['bbox'],
    geometryGzipBytes: gzipSync(geometryText).length,
    opening: geographyOfIndicator(
      indicators.find((m) => m.id === OPENING_VIEW.ind),
      OPENING_VIEW.level,
    ),
  };
}

/** sha256 over every file's hash: a change anywhere in the bundle changes it. */
export function contentHashOf(entries: readonly WrittenFile[]): string {
  return sha256(entries.map((e) => `${e.path}:${e.sha256}`).join('\n'));
}

export const ATTRIBUTIONS = [
  LICENCE.ogl,
  ...['2011', '2021', '2025'].map((y) => LICENCE.onsBoundaries(y)),
  LICENCE.hclNames,
  LICENCE.giveFood,
  LICENCE.codePoint,
  'Sources: MHCLG English Indices of Deprivation 2019 / 2025; ONS; OHID Fingertips; NHS England ODS; NHSBSA; Libraries Hacked.',
];
