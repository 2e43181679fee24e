import { z } from 'zod';

/**
 * A point layer file (`layers/<id>.geojson` in a bundle, or the register's approved assets
 * turned into features): GeoJSON points with free-form properties, checked where it enters.
 */
export const PointCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({
        type: z.literal('Point'),
        coordinates: z.tuple([z.number(), z.number()]),
      }),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type PointCollection = z.infer<typeof PointCollectionSchema>;
