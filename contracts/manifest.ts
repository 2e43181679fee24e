import { z } from 'zod';
import { GEOGRAPHY_IDS } from './geography.ts';
import { PlacesFilesSchema } from './places.ts';

/**
 * The contract between the data pipeline (which writes these files) and the app (which
 * validates them once, where they enter). Bump SCHEMA_VERSION on any incompatible change.
 */
export const SCHEMA_VERSION = 1;

export const GeographyIdSchema = z.enum(GEOGRAPHY_IDS);

/** Which way is bad. The map always draws "worse" in the stronger colour. */
export const PolaritySchema = z.enum(['higher-is-worse', 'higher-is-better', 'neutral']);
export type Polarity = z.infer<typeof PolaritySchema>;

export const IndicatorKindSchema = z.enum(['score', 'rate', 'rank', 'decile', 'count', 'share']);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

/** How an indicator's values were obtained at one geography. */
export const AvailabilitySchema = z.object({
  /** Plain-language method, shown on screen and in exports. */
  method: z.string().min(1),
  /** True when not published at this geography (rolled up, carried across vintages...). */
  derived: z.boolean(),
});

export const IndicatorMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string().min(1),
  theme: z.string().min(1),
  unit: z.string().min(1),
  kind: IndicatorKindSchema,
  decimals: z.number().int().min(0).max(6),
  polarity: PolaritySchema,
  definition: z.string().min(1),
  source: z.string().min(1),
  period: z.string().min(1),
  /** Data vintage: which boundary set the published figures are on. */
  vintage: z.string().min(1),
  licence: z.string().min(1),
  geographies: z.partialRecord(GeographyIdSchema, AvailabilitySchema),
});
export type IndicatorMeta = z.infer<typeof IndicatorMetaSchema>;

export const GeographyMetaSchema = z.object({
  id: GeographyIdSchema,
  label: z.string(),
  vintage: z.string(),
  count: z.number().int().nonnegative(),
  /** Object name inside the TopoJSON geometry file. */
  object: z.string(),
  /** Indicator table file, relative to the manifest. */
  table: z.string(),
  /**
   * The geography's shapes as GeoJSON for the map (only the `code` property), relative to the
   * manifest; MapLibre loads it by URL. Bundles written before it have only the topology.
   */
  geojson: z.string().optional(),
  source: z.string(),
  licence: z.string(),
});
export type GeographyMeta = z.infer<typeof GeographyMetaSchema>;

export const LayerMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string(),
  file: z.string(),
  count: z.number().int().nonnegative(),
  source: z.string(),
  period: z.string(),
  licence: z.string(),
  /** Where the raw data does not cover the whole area, say so. */
  coverage: z.string(),
});
export type LayerMeta = z.infer<typeof LayerMetaSchema>;

export const UnavailableIndicatorSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string().min(1),
  theme: z.string().min(1),
  /** Plain language, e.g. "Census 2021 tables in the raw data cover the Liverpool City Region only". */
  reason: z.string().min(1),
});
export type UnavailableIndicator = z.infer<typeof UnavailableIndicatorSchema>;

export const FileEntrySchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ManifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string(),
  area: z.object({
    /**
     * The bundle id: a district code, or a group's code (E47000004 for the Liverpool City
     * Region, which builds written before index.json called "lcr").
     */
    id: z.string(),
    name: z.string(),
    districts: z.array(z.object({ code: z.string(), name: z.string() })).min(1),
  }),
  /** sha256 over every file's hash, for cache keys. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  geometry: z.object({ file: z.string() }),
  headline: z.object({ file: z.string() }),
  geographies: z.array(GeographyMetaSchema).min(1),
  indicators: z.array(IndicatorMetaSchema).min(1),
  layers: z.array(LayerMetaSchema),
  /**
   * Indicators the atlas has elsewhere but this bundle cannot: their raw files do not cover
   * these districts. The screen lists them as not available, never as a blank map or a zero.
   */
  unavailable: z.array(UnavailableIndicatorSchema).default([]),
  /**
   * Place names for search and labels, and the neighbouring authorities (contracts/places.ts).
   * Optional: a bundle without them opens, with search limited to the areas on screen.
   */
  places: PlacesFilesSchema.optional(),
  /** Attribution lines of everything in the output. */
  attributions: z.array(z.string()).min(1),
  files: z.array(FileEntrySchema).min(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const lonLat = z.tuple([z.number(), z.number()]);

/** Indicator values of one geography, columnar, in geometry order. */
export const IndicatorTableSchema = z
  .object({
    geography: GeographyIdSchema,
    codes: z.array(z.string()),
    names: z.array(z.string()),
    /** The local authority each area belongs to (best fit for wards). */
    districts: z.array(z.string()),
    /** Population centre of each area, lon/lat; see centreMethod. */
    centres: z.array(lonLat.nullable()),
    centreMethod: z.string(),
    values: z.record(z.string(), z.array(z.number().nullable())),
  })
  .superRefine((t, ctx) => {
    const n = t.codes.length;
    for (const [k, arr] of Object.entries({
      names: t.names,
      districts: t.districts,
      centres: t.centres,
    })) {
      if (arr.length !== n)
        ctx.addIssue({ code: 'custom', message: `${k} has ${arr.length} entries, codes ${n}` });
    }
    for (const [id, arr] of Object.entries(t.values)) {
      if (arr.length !== n)
        ctx.addIssue({
          code: 'custom',
          message: `indicator ${id} has ${arr.length} values, codes ${n}`,
        });
    }
  });
export type IndicatorTable = z.infer<typeof IndicatorTableSchema>;

export const HeadlineRowSchema = z.object({
  indicatorId: z.string(),
  indicator: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  period: z.string(),
  sex: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  comparedToEngland: z.string(),
});

export const DeprivationSummarySchema = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  edition: z.enum(['IoD2019', 'IoD2025']),
  indexDomain: z.string(),
  averageScore: z.number().nullable(),
  rankAverageScore: z.number().nullable(),
  proportionMostDeprivedDecile: z.number().nullable(),
});

/**
 * A bigger area's value of an atlas indicator (England first), made from the same LSOA data
 * by the same roll-up rule as the authority's, to show beside the area's and the authority's.
 * Indicators the raw data cannot give a faithful value for have no entry.
 */
export const ComparatorSchema = z.object({
  /** Indicator id as in the manifest. */
  indicatorId: z.string().regex(/^[a-z0-9_]+$/),
  areaCode: z.string().regex(/^[EWSNK]\d{8}$/),
  areaName: z.string().min(1),
  /** In the indicator's unit (e.g. a percentage for rates), as in the indicator tables. */
  value: z.number(),
  /** Plain-language method, shown on screen and in exports. */
  method: z.string().min(1),
  source: z.string().min(1),
  period: z.string().min(1),
  /** Boundary set of the LSOAs it was made from. */
  vintage: z.string().min(1),
  licence: z.string().min(1),
});
export type Comparator = z.infer<typeof ComparatorSchema>;

export const HeadlineSchema = z.object({
  lifeExpectancy: z.array(HeadlineRowSchema),
  deprivationSummaries: z.array(DeprivationSummarySchema),
  // Defaults to none so that a headline file written before comparators existed still reads.
  comparators: z.array(ComparatorSchema).default([]),
  sources: z.array(z.object({ what: z.string(), source: z.string(), licence: z.string() })),
});
export type Headline = z.infer<typeof HeadlineSchema>;
