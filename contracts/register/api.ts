import { z } from 'zod';

/**
 * The register API's answers as this app reads them (docs/api.md). Every response is parsed
 * with one of these where it enters; free text stays text and is only ever set as textContent.
 */

const text = z.string();
const optionalText = z.string().nullable();

export const CategoriesSchema = z
  .array(z.object({ id: z.string().regex(/^[a-z_]+$/), label: text }))
  .min(1);
export type Category = z.infer<typeof CategoriesSchema>[number];

const OpeningPeriodSchema = z.object({ day: text, opens: text, closes: text });

/** What anyone may see of an approved asset. */
export const PublicPropertiesSchema = z.object({
  id: z.number().int().positive(),
  organisationName: text,
  serviceName: text,
  description: optionalText,
  category: text,
  categoryLabel: text,
  /** The programme it belongs to (contracts/register/programmes.ts), or null for none. */
  programme: optionalText,
  programmeLabel: optionalText,
  address: optionalText,
  postcode: optionalText,
  openingTimes: optionalText,
  openingHours: z.array(OpeningPeriodSchema).nullable(),
  email: optionalText,
  phone: optionalText,
  website: optionalText,
  accessibility: optionalText,
  lastVerified: optionalText,
  stale: z.boolean(),
  source: text,
  licence: text,
  updatedAt: text,
});
export type PublicProperties = z.infer<typeof PublicPropertiesSchema>;

export const AssetStatusSchema = z.enum(['pending', 'approved', 'rejected', 'archived']);
export type AssetStatus = z.infer<typeof AssetStatusSchema>;

/** What the edit-token holder and moderators see. */
export const PrivatePropertiesSchema = PublicPropertiesSchema.extend({
  status: AssetStatusSchema,
  statusReason: optionalText,
  mergedInto: z.number().int().nullable(),
  pendingChanges: z.record(z.string(), z.unknown()).nullable(),
  withdrawalRequested: z.boolean(),
  consentToPublish: z.boolean(),
  externalId: optionalText,
  externalIdType: optionalText,
  createdAt: text,
});
export type PrivateProperties = z.infer<typeof PrivatePropertiesSchema>;

function featureOf<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.number().int().positive(),
    geometry: z.object({
      type: z.literal('Point'),
      coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    }),
    properties,
  });
}

export const PublicFeatureSchema = featureOf(PublicPropertiesSchema);
export type PublicFeature = z.infer<typeof PublicFeatureSchema>;
export const PrivateFeatureSchema = featureOf(PrivatePropertiesSchema);
export type PrivateFeature = z.infer<typeof PrivateFeatureSchema>;

export const PublicCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(PublicFeatureSchema),
});

export const NearbyCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    featureOf(
      PublicPropertiesSchema.extend({
        distanceMetres: z.number().nonnegative(),
        similarity: z.number(),
      }),
    ),
  ),
});

export const PrivateCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(PrivateFeatureSchema),
});

const lonLat = z.tuple([z.number(), z.number()]);

/**
 * A moderator's view of where a submission is: inside the area or not, its ward, any
 * similarly named place close by (server/register/review.ts), and the wards for an inset map.
 */
export const ReviewSchema = z.object({
  area: text,
  insideArea: z.boolean(),
  ward: optionalText,
  similar: z.array(
    z.object({
      name: text,
      what: text,
      assetId: z.number().int().positive().nullable(),
      distanceMetres: z.number().nonnegative(),
      similarity: z.number().min(0).max(1),
      latitude: z.number(),
      longitude: z.number(),
    }),
  ),
  map: z.object({
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    point: lonLat,
    wards: z.array(z.object({ code: text, name: text, rings: z.array(z.array(lonLat)) })),
  }),
});
export type Review = z.infer<typeof ReviewSchema>;

export const QueueFeatureSchema = featureOf(
  PrivatePropertiesSchema.extend({ review: ReviewSchema }),
);
export type QueueFeature = z.infer<typeof QueueFeatureSchema>;

export const QueueCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(QueueFeatureSchema),
});

export const StaleCollectionSchema = PrivateCollectionSchema.extend({ verifiedBefore: text });

export const SubmitResultSchema = z.object({
  id: z.number().int().positive(),
  editToken: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/),
  status: AssetStatusSchema,
});

export const PostcodeResultSchema = z.object({
  postcode: text,
  latitude: z.number(),
  longitude: z.number(),
  inArea: z.boolean(),
  /** The area the register covers ("Knowsley"), for the message when it is outside. */
  area: text,
  /** The ward holding the postcode, when the register knows its wards. */
  ward: optionalText,
  licence: text,
});
export type PostcodeResult = z.infer<typeof PostcodeResultSchema>;

export const SessionSchema = z.object({
  user: z.object({ id: z.number().int(), email: text, name: text }),
  csrfToken: z.string().min(16),
  expiresAt: text,
});
export type Session = z.infer<typeof SessionSchema>;

export const HistorySchema = z.object({
  assetId: z.number().int(),
  history: z.array(
    z.object({
      id: z.number().int(),
      at: text,
      actorType: text,
      actorId: z.number().int().nullable(),
      actorName: optionalText,
      action: text,
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      note: optionalText,
    }),
  ),
});
export type HistoryEntry = z.infer<typeof HistorySchema>['history'][number];

export const ErrorBodySchema = z.object({
  error: text,
  fields: z.array(z.object({ field: text, message: text })).default([]),
});
export type FieldProblem = z.infer<typeof ErrorBodySchema>['fields'][number];
