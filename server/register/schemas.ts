import { z } from 'zod';
import { WEEKDAYS, type AssetFields, type BBox, type NewAsset } from '../db/asset_store.ts';
import type { RegisterArea } from './area.ts';
import { CATEGORY_IDS } from '../../contracts/register/taxonomy.ts';
import { periodsOverlap } from './oruk.ts';
import { describingTextRules } from '../../contracts/register/field_rules.ts';
import { OPTIONAL_FIELD_NAMES } from '../../contracts/register/asset.ts';
import {
  freeText,
  isoDate,
  oneLine,
  optional,
  requiredLine,
  requiredText,
  time,
} from '../../contracts/register/text_rules.ts';

export interface SchemaConfig {
  /** Where assets may be placed: the built authority's outline (register/area.ts). */
  area: RegisterArea;
  now: () => Date;
}

/** What a place outside the area is told, on the latitude (the form shows it at the pin). */
export function outsideAreaMessage(area: RegisterArea): string {
  return area.id === null
    ? 'Must be inside the area this register covers'
    : `Must be inside ${area.name}, the area this register covers: this place is outside its boundary`;
}

type Located = { latitude?: unknown; longitude?: unknown };

const within = (v: unknown, limit: number) =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/** The value as an object, or {} (a body of null or a list fails elsewhere). */
const asLocated = (value: unknown): Located =>
  typeof value === 'object' && value !== null ? (value as Located) : {};

/**
 * The outline check. It runs whenever both coordinates are numbers, even if another field is
 * wrong, so a file's report names every problem of a row at once.
 */
function insideArea<T extends z.ZodType<Located>>(
  schema: T,
  area: RegisterArea,
  optionalCoordinates: boolean,
) {
  const located = (p: { value: unknown }) => {
    const v = asLocated(p.value);
    return within(v.latitude, 90) && within(v.longitude, 180);
  };
  const checked = schema.refine((v) => area.contains(v.latitude as number, v.longitude as number), {
    error: outsideAreaMessage(area),
    path: ['latitude'],
    when: located,
  });
  if (!optionalCoordinates) return checked;
  // In a patch either may be left out, but one alone cannot be checked against the outline.
  return checked.refine((v) => (v.latitude === undefined) === (v.longitude === undefined), {
    error: 'Give latitude and longitude together',
    path: ['latitude'],
    when: (p) => {
      const v = asLocated(p.value);
      return (v.latitude === undefined) !== (v.longitude === undefined);
    },
  });
}

const period = z
  .strictObject({
    day: z.enum(WEEKDAYS, { error: `Must be one of ${WEEKDAYS.join(', ')}` }),
    opens: time,
    closes: time,
  })
  .refine((p) => p.opens < p.closes, { error: 'Must close after it opens', path: ['closes'] });

const openingHours = z
  .array(period)
  .max(28, { error: 'At most 28 opening periods' })
  .refine((periods) => !periodsOverlap(periods), {
    error: 'Opening periods on the same day must not overlap or repeat',
  })
  .nullable()
  .transform((v) => (v && v.length > 0 ? v : null));

const category = z.enum(CATEGORY_IDS, {
  error: 'Must be a category id from GET /api/categories',
});

function coordinate(name: string, limit: number) {
  const where = `Must be a ${name} from -${limit} to ${limit}`;
  return z
    .number({ error: 'Must be a number' })
    .min(-limit, { error: where })
    .max(limit, { error: where });
}

/** The fields anyone with the right to describe an asset may set. */
function describingFields() {
  return {
    ...describingTextRules(),
    category,
    latitude: coordinate('latitude', 90),
    longitude: coordinate('longitude', 180),
    openingHours,
  };
}

/** Fields only moderators and imports set. */
function curatingFields(config: SchemaConfig) {
  const notFuture = isoDate.refine(
    (d) => d <= new Date(config.now().getTime() + 86_400_000).toISOString().slice(0, 10),
    { error: 'Must not be in the future' },
  );
  return {
    lastVerified: notFuture.nullable(),
    source: requiredLine(500),
    licence: requiredLine(500),
  };
}

const OPTIONAL_KEYS = OPTIONAL_FIELD_NAMES;

function nonEmpty(o: object): boolean {
  return Object.keys(o).length > 0;
}

export function assetSchemas(config: SchemaConfig) {
  const f = describingFields();
  const inside = <T extends z.ZodType<Located>>(schema: T, optionalCoordinates = false) =>
    insideArea(schema, config.area, optionalCoordinates);
  const c = curatingFields(config);
  const optionalDescribing = {
    description: f.description.optional(),
    programme: f.programme.optional(),
    address: f.address.optional(),
    postcode: f.postcode.optional(),
    openingTimes: f.openingTimes.optional(),
    openingHours: f.openingHours.optional(),
    email: f.email.optional(),
    phone: f.phone.optional(),
    website: f.website.optional(),
    accessibility: f.accessibility.optional(),
  };
  const allOptional = {
    ...optionalDescribing,
    organisationName: f.organisationName.optional(),
    serviceName: f.serviceName.optional(),
    category: f.category.optional(),
    latitude: f.latitude.optional(),
    longitude: f.longitude.optional(),
  };

  /** A public submission (POST /api/assets). */
  const submission = inside(
    z.strictObject({
      organisationName: f.organisationName,
      serviceName: f.serviceName,
      category: f.category,
      latitude: f.latitude,
      longitude: f.longitude,
      ...optionalDescribing,
      consentToPublish: z.literal(true, {
        error: 'Consent to publish is required (true) for a public submission',
      }),
    }),
  );

  /** PATCH by the edit-token holder: some fields, or `{ withdraw: true }` alone. */
  const partnerPatch = inside(
    z
      .strictObject({
        ...allOptional,
        withdraw: z.literal(true, { error: 'Must be true to withdraw' }).optional(),
      })
      .refine(nonEmpty, { error: 'Nothing to change' })
      .refine((p) => !p.withdraw || Object.keys(p).length === 1, {
        error: 'Withdraw on its own, without other changes',
        path: ['withdraw'],
      }),
    true,
  );

  /** PATCH by a moderator. */
  const moderatorPatch = inside(
    z
      .strictObject({
        ...allOptional,
        lastVerified: c.lastVerified.optional(),
        source: c.source.optional(),
        licence: c.licence.optional(),
      })
      .refine(nonEmpty, { error: 'Nothing to change' }),
    true,
  );

  /** One row of a bulk import (CSV row or GeoJSON feature, already flattened). */
  const importRow = inside(
    z.strictObject({
      organisationName: f.organisationName,
      serviceName: f.serviceName,
      category: f.category,
      latitude: f.latitude,
      longitude: f.longitude,
      ...optionalDescribing,
      lastVerified: c.lastVerified.optional(),
      source: c.source,
      licence: c.licence,
      status: z.enum(['pending', 'approved']).optional(),
      externalId: optional(oneLine(100)).optional(),
      externalIdType: optional(oneLine(50)).optional(),
      consentToPublish: z.boolean({ error: 'Must be true or false' }).optional(),
    }),
  );

  return { submission, partnerPatch, moderatorPatch, importRow };
}

export type AssetSchemas = ReturnType<typeof assetSchemas>;
export type Submission = z.output<AssetSchemas['submission']>;
export type PartnerPatch = z.output<AssetSchemas['partnerPatch']>;
export type ModeratorPatch = z.output<AssetSchemas['moderatorPatch']>;
export type ImportRow = z.output<AssetSchemas['importRow']>;

/** Completes validated input with null for every optional field that was left out. */
export function withNulls<T extends Partial<AssetFields>>(
  input: T,
): T & Pick<AssetFields, (typeof OPTIONAL_KEYS)[number]> {
  const out = { ...input } as T & Pick<AssetFields, (typeof OPTIONAL_KEYS)[number]>;
  for (const k of OPTIONAL_KEYS) {
    if (out[k] === undefined) (out as Record<string, unknown>)[k] = null;
  }
  return out;
}

const decimal = (min: number, max: number) =>
  z
    .string({ error: 'Must be a number' })
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, { error: 'Must be a decimal number' })
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: 'Must be a positive whole number' })
    .transform(Number),
});

export const bboxParam = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => (/^-?\d{1,3}(\.\d{1,12})?$/.test(p) ? Number(p) : NaN));
    const [minLon, minLat, maxLon, maxLat] = parts;
    if (
      parts.length !== 4 ||
      minLon === undefined ||
      minLat === undefined ||
      maxLon === undefined ||
      maxLat === undefined ||
      parts.some((n) => Number.isNaN(n)) ||
      minLon < -180 ||
      maxLon > 180 ||
      minLat < -90 ||
      maxLat > 90 ||
      minLon > maxLon ||
      minLat > maxLat
    ) {
      ctx.addIssue({ code: 'custom', message: 'Must be minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    return { minLon, minLat, maxLon, maxLat } satisfies BBox;
  });

export const listQuery = z.strictObject({
  category: category.optional(),
  bbox: bboxParam.optional(),
});

export const nearbyQuery = z.strictObject({
  lat: decimal(-90, 90),
  lon: decimal(-180, 180),
  name: requiredLine(200),
});

export const exportQuery = z.strictObject({
  format: z.enum(['geojson', 'csv', 'oruk'], { error: 'Must be geojson, csv or oruk' }),
});

export const importQuery = z.strictObject({
  format: z.enum(['csv', 'geojson'], { error: 'Must be csv or geojson' }).optional(),
  dryRun: z.enum(['true', 'false']).optional(),
});

export const loginBody = z.strictObject({
  email: requiredLine(254),
  password: z.string({ error: 'Must be text' }).min(1, { error: 'Required' }).max(1024),
});

export const rejectBody = z.strictObject({ reason: requiredText(1000) });

export const archiveBody = z.strictObject({ reason: optional(freeText(1000)).optional() });

export const approveBody = z.strictObject({});

export const mergeBody = z.strictObject({
  into: z.number({ error: 'Must be an asset id' }).int().positive(),
});

export const emptyQuery = z.strictObject({});

/** A validated import row as a new asset; imported data is published under its licence. */
export function toNewAsset(row: ImportRow, editTokenHash: string | null = null): NewAsset {
  const { status, externalId, externalIdType, ...fields } = row;
  return {
    fields: {
      ...withNulls(fields),
      lastVerified: fields.lastVerified ?? null,
      consentToPublish: fields.consentToPublish ?? true,
    },
    status: status ?? 'approved',
    externalId: externalId ?? null,
    // Without a type, NULL would make the unique index treat every such id as distinct.
    externalIdType: externalId ? (externalIdType ?? 'import') : null,
    editTokenHash,
  };
}
