import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { GEOGRAPHY_LEVELS, LCR, type GeographyId } from '../contracts/geography.ts';
import { SCHEMA_VERSION, type IndicatorMeta, type Manifest } from '../contracts/manifest.ts';
import { resolveArea } from './area.ts';
import { readBoundaries, type AreaFeature } from './boundaries.ts';
import type { LsoaColumn } from './columns.ts';
import { readHeadline } from './headline.ts';
import type { JoinTarget } from './join.ts';
import {
  readLsoaCentres,
  readLsoaOverlap,
  readLsoaToMsoa,
  readLsoaToWardAreaFit,
  readMsoaNames,
  readOfficialWardLookup,
} from './lookups.ts';
import { writeOutputAtomically, sha256, type OutputFile, type WrittenFile } from './output.ts';
import { readPointLayers } from './points.ts';
import { placeFiles } from './place_files.ts';
import { chooseWardLookup } from './ward_lookup.ts';
import { LICENCE, checkRawFiles } from './raw_catalogue.ts';
import { readCensus2021, RESIDENTS } from './sources/census2021.ts';
import { readImd2019 } from './sources/imd2019.ts';
import { readIod2025 } from './sources/iod2025.ts';
import { readPopulation2020 } from './sources/population2020.ts';
import {
  carryColumnsInto,
  finishTable,
  publishColumnsInto,
  rollColumnsInto,
  rollupFromLookup,
  weightedCentres,
  type Rollup,
  type TableDraft,
} from './tables.ts';
import { buildTopology, DEFAULT_TOPOLOGY_OPTIONS, type TopologyOptions } from './topology.ts';

export interface BuildOptions {
  /** A local authority code present in the raw files, or "lcr". */
  area: string;
  /** Folder holding boundaries/, indicators/ and assets/. */
  rawDir: string;
  /** Output folder, replaced as a whole when the build succeeds. */
  outDir: string;
  topology?: TopologyOptions;
  /** Called with a line of progress. */
  onProgress?: (message: string) => void;
}

export interface BuildSummary {
  area: string;
  counts: Record<GeographyId, number>;
  files: WrittenFile[];
  totalBytes: number;
  geometryGzipBytes: number;
  ms: number;
}

const BOUNDARY_KEY = {
  lsoa11: 'lsoa11',
  lsoa21: 'lsoa21',
  msoa11: 'msoa11',
  msoa21: 'msoa21',
  ward: 'ward',
  lad: 'lad',
} as const;
const BOUNDARY_YEAR: Record<GeographyId, string> = {
  lsoa11: '2011',
  lsoa21: '2021',
  msoa11: '2011',
  msoa21: '2021',
  ward: '2025',
  lad: '2021',
};
const LSOA_CENTRE_METHOD = 'LSOA centre point from drkane/geo-lookups (not population-weighted)';

/** Raw open data in, app data out (see docs/architecture.md). */
export async function buildAtlasData(options: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const say = options.onProgress ?? (() => undefined);
  const raw = options.rawDir;

  say(`checking raw files in ${raw}`);
  await checkRawFiles(raw);

  const allLad = await readBoundaries(raw, 'lad', 'lad', LCR.districts);
  const area = resolveArea(options.area, allLad);
  const districts = area.districts.map((d) => d.code);
  say(`area: ${area.name} (${districts.join(', ')})`);

  say('reading boundaries');
  const all11 = await readBoundaries(raw, 'lsoa11', 'lsoa11', LCR.districts);
  const all21 = await readBoundaries(raw, 'lsoa21', 'lsoa21', LCR.districts);
  const inArea = (fs: AreaFeature[]) => fs.filter((f) => districts.includes(f.properties.district));
  const features: Record<GeographyId, AreaFeature[]> = {
    lsoa11: inArea(all11),
    lsoa21: inArea(all21),
    msoa11: await readBoundaries(raw, BOUNDARY_KEY.msoa11, 'msoa11', districts),
    msoa21: await readBoundaries(raw, BOUNDARY_KEY.msoa21, 'msoa21', districts),
    ward: await readBoundaries(raw, BOUNDARY_KEY.ward, 'ward', districts),
    lad: inArea(allLad),
  };
  const codes = (g: GeographyId) => features[g].map((f) => f.properties.code);
  const codes11 = new Set(all11.map((f) => f.properties.code));
  const codes21 = new Set(all21.map((f) => f.properties.code));
  const districtSet = new Set(districts);
  const target11: JoinTarget = {
    codes: codes('lsoa11'),
    vintageLabel: 'LSOA 2011',
    districts: districtSet,
    otherVintageCodes: difference(codes21, codes11),
    otherVintageLabel: 'LSOA 2021',
  };
  const target21: JoinTarget = {
    codes: codes('lsoa21'),
    vintageLabel: 'LSOA 2021',
    districts: districtSet,
    otherVintageCodes: difference(codes11, codes21),
    otherVintageLabel: 'LSOA 2011',
  };

  say('reading indicators');
  const cols11: LsoaColumn[] = [
    ...(await readImd2019(raw, target11)),
    ...(await readPopulation2020(raw, target11)),
  ];
  const cols21: LsoaColumn[] = [
    ...(await readCensus2021(raw, target21)),
    ...(await readIod2025(raw, target21)),
  ];
  const col = (cols: LsoaColumn[], id: string) => {
    const c = cols.find((x) => x.meta.id === id);
    if (!c) throw new Error(`missing column ${id}`);
    return c.values;
  };

  say('rolling up to MSOAs, wards and the authority');
  const centres = await readLsoaCentres(raw);
  const msoaNames = await readMsoaNames(raw);
  const availability = new Map<string, IndicatorMeta['geographies']>();
  const draft = (g: GeographyId, names?: (f: AreaFeature) => string): TableDraft => ({
    geography: g,
    features: features[g],
    names: features[g].map((f) => (names ? names(f) : f.properties.name)),
    centres: [],
    centreMethod: '',
    values: new Map(),
  });

  const lsoa11 = draft('lsoa11');
  publishColumnsInto(lsoa11, cols11, availability);
  lsoa11.centres = codes('lsoa11').map((c) => centres['2011'].get(c) ?? null);
  lsoa11.centreMethod = LSOA_CENTRE_METHOD;

  const lsoa21 = draft('lsoa21');
  publishColumnsInto(lsoa21, cols21, availability);
  const weight2011 = (c: LsoaColumn) =>
    c.meta.id.startsWith('imd2019')
      ? col(cols11, 'imd2019_pop_mid2015')
      : col(cols11, 'pop2020_total');
  carryColumnsInto(
    lsoa21,
    cols11,
    codes('lsoa11'),
    await readLsoaOverlap(raw),
    weight2011,
    availability,
  );
  lsoa21.centres = codes('lsoa21').map((c) => centres['2021'].get(c) ?? null);
  lsoa21.centreMethod = LSOA_CENTRE_METHOD;

  const byDistrict = (fs: AreaFeature[]) =>
    new Map(fs.map((f) => [f.properties.code, f.properties.district]));
  const r = {
    msoa11: rollupFromLookup(
      codes('lsoa11'),
      await readLsoaToMsoa(raw, '2011'),
      codes('msoa11'),
      'the LSOA 2011 to MSOA 2011 lookup (exact nesting)',
      'MSOA 2011',
    ),
    msoa21: rollupFromLookup(
      codes('lsoa21'),
      await readLsoaToMsoa(raw, '2021'),
      codes('msoa21'),
      'the LSOA 2021 to MSOA 2021 lookup (exact nesting)',
      'MSOA 2021',
    ),
    ward11: await wardRollup(raw, '2011', features.lsoa11, features.ward, area.districts),
    ward21: await wardRollup(raw, '2021', features.lsoa21, features.ward, area.districts),
    lad11: rollupFromLookup(
      codes('lsoa11'),
      byDistrict(features.lsoa11),
      codes('lad'),
      'local authority (LSOAs nest exactly)',
      'local authority',
    ),
    lad21: rollupFromLookup(
      codes('lsoa21'),
      byDistrict(features.lsoa21),
      codes('lad'),
      'local authority (LSOAs nest exactly)',
      'local authority',
    ),
  };
  const residents = col(cols21, RESIDENTS);
  const weighted21 =
    'population-weighted mean of LSOA 2021 centre points (Census 2021 usual residents)';

  const msoa11 = draft('msoa11', (f) => msoaNames.get(f.properties.code) ?? f.properties.name);
  rollColumnsInto(msoa11, cols11, r.msoa11, availability);
  msoa11.centres = weightedCentres(
    lsoa11.centres,
    col(cols11, 'pop2020_total'),
    r.msoa11.assignment,
  );
  msoa11.centreMethod =
    'population-weighted mean of LSOA 2011 centre points (ONS mid-2020 population)';

  const msoa21 = draft('msoa21', (f) => msoaNames.get(f.properties.code) ?? f.properties.name);
  rollColumnsInto(msoa21, cols21, r.msoa21, availability);
  msoa21.centres = weightedCentres(lsoa21.centres, residents, r.msoa21.assignment);
  msoa21.centreMethod = weighted21;

  const ward = draft('ward');
  rollColumnsInto(ward, cols11, r.ward11, availability);
  rollColumnsInto(ward, cols21, r.ward21, availability);
  ward.centres = weightedCentres(lsoa21.centres, residents, r.ward21.assignment);
  ward.centreMethod = `${weighted21}, LSOAs assigned by ${r.ward21.lookupMethod}`;

  const lad = draft('lad');
  rollColumnsInto(lad, cols11, r.lad11, availability);
  rollColumnsInto(lad, cols21, r.lad21, availability);
  lad.centres = weightedCentres(lsoa21.centres, residents, r.lad21.assignment);
  lad.centreMethod = weighted21;

  const metas = new Map<string, IndicatorMeta>();
  for (const c of [...cols11, ...cols21])
    metas.set(c.meta.id, { ...c.meta, geographies: availability.get(c.meta.id) ?? {} });
  const decimalsOf = (id: string) => metas.get(id)?.decimals ?? 3;
  const tables = [lsoa11, lsoa21, msoa11, msoa21, ward, lad].map((d) => finishTable(d, decimalsOf));

  say('building topology');
  const topo = buildTopology(features, options.topology ?? DEFAULT_TOPOLOGY_OPTIONS);
  const geometryText = JSON.stringify(topo);

  say('reading point layers and headline figures');
  const layers = await readPointLayers(raw, area);
  const headline = await readHeadline(raw, area);

  // firstuse: place names for search and labels, neighbouring authorities (data/place_files.ts).
  const places = await placeFiles(raw, area, features, { lsoa11, lsoa21, msoa11, msoa21, ward }, r);
  // firstuse: end

  const files: OutputFile[] = [
    ...places.files,
    { path: 'geometry.topo.json', content: geometryText },
    { path: 'headline.json', content: JSON.stringify(headline) },
    ...tables.map((t) => ({ path: `tables/${t.geography}.json`, content: JSON.stringify(t) })),
    ...layers.map((l) => ({
      path: `layers/${l.meta.id}.geojson`,
      content: JSON.stringify(l.collection),
    })),
  ];

  say(`writing ${options.outDir}`);
  const generatedAt = new Date().toISOString();
  const written = await writeOutputAtomically(options.outDir, files, (entries) => {
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      generatedAt,
      area,
      contentHash: sha256(entries.map((e) => `${e.path}:${e.sha256}`).join('\n')),
      geometry: { file: 'geometry.topo.json' },
      headline: { file: 'headline.json' },
      unavailable: [],
      geographies: (Object.keys(features) as GeographyId[]).map((g) => ({
        id: g,
        label: GEOGRAPHY_LEVELS[g].label,
        vintage: GEOGRAPHY_LEVELS[g].vintage,
        count: features[g].length,
        object: g,
        table: `tables/${g}.json`,
        source:
          g === 'lad'
            ? 'Local authority outlines dissolved from ONS LSOA 2021 BGC boundaries'
            : `ONS ${GEOGRAPHY_LEVELS[g].label} boundaries, generalised clipped (BGC)`,
        licence: LICENCE.onsBoundaries(BOUNDARY_YEAR[g]),
      })),
      indicators: [...metas.values()],
      layers: layers.map((l) => ({
        ...l.meta,
        file: `layers/${l.meta.id}.geojson`,
        count: l.collection.features.length,
      })),
      attributions: [
        LICENCE.ogl,
        ...['2011', '2021', '2025'].map((y) => LICENCE.onsBoundaries(y)),
        LICENCE.hclNames,
        LICENCE.giveFood,
        LICENCE.codePoint,
        'Sources: MHCLG English Indices of Deprivation 2019 / 2025; ONS; OHID Fingertips; NHS England ODS; NHSBSA; Libraries Hacked.',
      ],
      files: entries,
      places: places.manifest, // firstuse
    };
    return { path: 'manifest.json', content: JSON.stringify(manifest, null, 1) };
  });

  const counts = Object.fromEntries(
    (Object.keys(features) as GeographyId[]).map((g) => [g, features[g].length]),
  ) as Record<GeographyId, number>;
  return {
    area: area.id,
    counts,
    files: written,
    totalBytes: written.reduce((s, f) => s + f.bytes, 0),
    geometryGzipBytes: gzipSync(geometryText).length,
    ms: performance.now() - t0,
  };
}

/** LSOA -> ward assignment with the lookup chosen per district (data/ward_lookup.ts). */
async function wardRollup(
  raw: string,
  vintage: '2011' | '2021',
  lsoas: AreaFeature[],
  wards: AreaFeature[],
  districts: { code: string; name: string }[],
): Promise<Rollup> {
  const { lookup, lookupMethod } = chooseWardLookup({
    vintage,
    lsoaCodes: lsoas.map((f) => f.properties.code),
    lsoaDistricts: lsoas.map((f) => f.properties.district),
    wardCodes: new Set(wards.map((w) => w.properties.code)),
    districts,
    official: await readOfficialWardLookup(raw, vintage),
    areaFit: await readLsoaToWardAreaFit(raw, vintage),
  });
  return rollupFromLookup(
    lsoas.map((f) => f.properties.code),
    lookup,
    wards.map((w) => w.properties.code),
    lookupMethod,
    `ward (LSOA ${vintage})`,
  );
}

function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a].filter((x) => !b.has(x)));
}
