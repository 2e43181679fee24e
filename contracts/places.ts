import { z } from 'zod';

/**
 * Place names for a sense of place: what the search box finds (wards, neighbourhoods, LSOAs,
 * postcodes) and the neighbouring authorities drawn as land around the area. Written by the
 * pipeline (data/place_index.ts, data/neighbours.ts), loaded by the screen after its first
 * frame. Both files are optional in the manifest: a bundle without them still opens.
 */

/** What kind of place an entry names. */
export const PLACE_KINDS = ['ward', 'neighbourhood', 'lsoa', 'postcode'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

const lonLat = z.tuple([z.number(), z.number()]);

/**
 * One searchable place: [name, kind, area code or "" for a postcode, lon, lat]. A tuple keeps
 * the file small (Sefton: 6,600 postcodes).
 */
export const PlaceEntrySchema = z.tuple([
  z.string().min(1),
  z.enum(PLACE_KINDS),
  z.string(),
  z.number(),
  z.number(),
]);
export type PlaceEntry = z.infer<typeof PlaceEntrySchema>;

/** The ward and neighbourhood (House of Commons Library MSOA name) a small area lies in. */
export const AreaContextSchema = z.object({
  ward: z.string().optional(),
  neighbourhood: z.string().optional(),
});
export type AreaContext = z.infer<typeof AreaContextSchema>;

/**
 * The entries are checked by `isPlaceEntry` in one plain loop, not by zod: validating 7,000
 * tuples with zod took 40-160 ms on the main thread (zod runs jitless under the page's CSP).
 */
export function isPlaceEntry(e: unknown): e is PlaceEntry {
  return (
    Array.isArray(e) &&
    e.length === 5 &&
    typeof e[0] === 'string' &&
    e[0].length > 0 &&
    (PLACE_KINDS as readonly unknown[]).includes(e[1]) &&
    typeof e[2] === 'string' &&
    Number.isFinite(e[3]) &&
    Number.isFinite(e[4])
  );
}

export const PlaceIndexSchema = z.object({
  version: z.literal(1),
  entries: z.custom<PlaceEntry[]>(
    (a) => Array.isArray(a) && a.every(isPlaceEntry),
    'an entry is not [name, kind, code, lon, lat]',
  ),
  /** Keyed by LSOA code (2011 and 2021 codes share one key space); checked in one loop too. */
  context: z.custom<Record<string, AreaContext>>(
    (c) =>
      typeof c === 'object' &&
      c !== null &&
      Object.values(c).every(
        (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          Object.values(v).every((name) => typeof name === 'string'),
      ),
    'a context is not {ward, neighbourhood}',
  ),
  /** How the context was assigned, shown where it is used. */
  contextMethod: z.string(),
  attributions: z.array(z.string()),
});
export type PlaceIndex = z.infer<typeof PlaceIndexSchema>;

/** Neighbouring authorities: polygons drawn as land, and where to write each name. */
export const NeighbourPropsSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** A point inside the part of the authority near the area, for its label. */
  label: lonLat,
});
export type NeighbourProps = z.infer<typeof NeighbourPropsSchema>;

export const NeighboursSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: NeighbourPropsSchema,
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});

/** The manifest's optional pointer to both files (relative paths). */
export const PlacesFilesSchema = z.object({
  index: z.string(),
  neighbours: z.string().optional(),
});
export type PlacesFiles = z.infer<typeof PlacesFilesSchema>;
