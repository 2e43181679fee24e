import { z } from 'zod';
import { GEOGRAPHY_IDS } from './geography.ts';
import { FileEntrySchema, IndicatorMetaSchema, IndicatorTableSchema } from './manifest.ts';

/**
 * The entry point of a data build: `index.json` at the root of the output folder. It lists
 * every area bundle the build holds (one per district, plus groups such as a combined
 * authority when asked for) and, for an England build, the national layers. Everything it
 * names is a static file relative to the index, so the output can be served from any static
 * host or CDN; the app reads this first and then only the bundle it shows.
 *
 *   index.json
 *   areas/<bundle id>/manifest.json     a bundle, exactly as a single-area build (manifest.ts)
 *   england/authorities.topo.json       generalised district outlines (object "lad")
 *   england/tables/lad.json             district values of the national indicators
 *   england/tiles/<geography>/{z}/{x}/{y}.pbf  national LSOA geometry as vector tiles
 *   england/values/<geography>/<indicator>.json  one national column, for class breaks
 *   england/values/<geography>/codes.json       the LSOA codes those columns follow
 */
export const INDEX_SCHEMA_VERSION = 1;

const code = z.string().regex(/^E\d{8}$/);
const named = z.object({ code, name: z.string().min(1) });
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const BundleEntrySchema = z.object({
  /** A district code, or a group's code (combined authority, county, region). */
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['district', 'group']),
  districts: z.array(named).min(1),
  /** ONS region of the (first) district; null where the raw data gives none. */
  region: named.nullable(),
  /** [west, south, east, north] in degrees. */
  bbox,
  /** The bundle's manifest, relative to the index. */
  manifest: z.string().min(1),
  /** The bundle manifest's contentHash: a change here means the bundle changed. */
  contentHash: sha,
  /**
   * The geography OPENING_VIEW draws (contracts/geography.ts); its GeoJSON and the outline's
   * are at mapGeojsonPath. Absent from older builds: the map then waits for the manifest.
   */
  opening: z.enum(GEOGRAPHY_IDS).optional(),
});
export type BundleEntry = z.infer<typeof BundleEntrySchema>;

/** National LSOA geometry as vector tiles (MapLibre reads them natively). */
export const TileLayerSchema = z.object({
  geography: z.enum(['lsoa11', 'lsoa21']),
  /** URL template relative to the index, e.g. "england/tiles/lsoa21/{z}/{x}/{y}.pbf". */
  tiles: z.string().min(1),
  /** Layer name inside each tile. */
  sourceLayer: z.string().min(1),
  minzoom: z.number().int().min(0),
  maxzoom: z.number().int().max(16),
  bounds: bbox,
  /** Feature property holding the GSS code (use as MapLibre's promoteId). */
  codeProperty: z.string().min(1),
  /** Indicator ids whose values each tile feature carries as properties (same ids as below). */
  properties: z.array(z.string()),
  /** Number of areas in the layer (33,755 for LSOA 2021). */
  count: z.number().int().positive(),
});
export type TileLayer = z.infer<typeof TileLayerSchema>;

export const NationalSchema = z.object({
  /** England's district outlines, generalised for the overview map. */
  authorities: z.object({
    geometry: z.string(),
    object: z.string(),
    /**
     * The same outlines as GeoJSON (shapes and `code`) for the map to fetch itself. Absent
     * from older builds: the map then waits for the atlas worker to decode the topology.
     */
    geojson: z.string().optional(),
  }),
  /** District values (geography "lad", codes = district codes) of `indicators`. */
  authorityTable: z.string(),
  tiles: z.array(TileLayerSchema),
  /**
   * Folder of one NationalColumn file per geography and indicator, `<geography>/<id>.json`.
   * LSOA columns are in the order of `<geography>/codes.json` (a JSON array of the codes,
   * sorted) and carry no codes themselves; `lad/<id>.json` carries its codes.
   */
  values: z.string(),
  /** Indicators built for the whole country (IMD 2019, IoD 2025). */
  indicators: z.array(IndicatorMetaSchema).min(1),
});
export type National = z.infer<typeof NationalSchema>;

export const AtlasIndexSchema = z.object({
  schemaVersion: z.literal(INDEX_SCHEMA_VERSION),
  generatedAt: z.string(),
  /** The bundle opened when the link names none. */
  defaultBundle: z.string().min(1),
  bundles: z.array(BundleEntrySchema).min(1),
  national: NationalSchema.nullable(),
  attributions: z.array(z.string()).min(1),
  /** The national files with their hashes (bundles list their own). */
  files: z.array(FileEntrySchema),
});
export type AtlasIndex = z.infer<typeof AtlasIndexSchema>;

/** A national column file: values in the order of the authority table or the tile layer. */
export const NationalColumnSchema = z.object({
  geography: z.enum(['lad', 'lsoa11', 'lsoa21']),
  indicator: z.string(),
  codes: z.array(code).optional(),
  values: z.array(z.number().nullable()),
});

/** Re-exported so that readers of the authority table need one import. */
export { IndicatorTableSchema };
