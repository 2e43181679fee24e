import type { ProgrammeId } from './programmes.ts';
import type { CategoryId } from './taxonomy.ts';

/**
 * The register's asset: its fields, in one list that the server's storage, the CSV export and
 * import, and the screen all read (the storage column and the CSV column of each field are
 * derived here, not written out again elsewhere).
 */

export const ASSET_STATUSES = ['pending', 'approved', 'rejected', 'archived'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening period, e.g. Monday 09:00-13:00 (Open Referral schedule: byday/opens_at/closes_at). */
export interface OpeningPeriod {
  day: Weekday;
  opens: string;
  closes: string;
}

/** What a person can say about an asset. Empty optional fields are null, never ''. */
export interface AssetFields {
  organisationName: string;
  serviceName: string;
  description: string | null;
  category: CategoryId;
  /** The programme it belongs to (Well Sefton, Taking Root), or null for none. */
  programme: ProgrammeId | null;
  latitude: number;
  longitude: number;
  address: string | null;
  postcode: string | null;
  openingTimes: string | null;
  openingHours: OpeningPeriod[] | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  accessibility: string | null;
  lastVerified: string | null;
  source: string;
  licence: string;
  consentToPublish: boolean;
}

export type AssetFieldName = keyof AssetFields;

/** Every field, in the order exports write them. */
export const ASSET_FIELD_NAMES = [
  'organisationName',
  'serviceName',
  'description',
  'category',
  'programme',
  'latitude',
  'longitude',
  'address',
  'postcode',
  'openingTimes',
  'openingHours',
  'email',
  'phone',
  'website',
  'accessibility',
  'lastVerified',
  'source',
  'licence',
  'consentToPublish',
] as const satisfies readonly AssetFieldName[];

/** Optional describing fields: null when left out, filled from another asset by a merge. */
export const OPTIONAL_FIELD_NAMES = [
  'description',
  'programme',
  'address',
  'postcode',
  'openingTimes',
  'openingHours',
  'email',
  'phone',
  'website',
  'accessibility',
] as const satisfies readonly AssetFieldName[];

/** The field's name in snake case: its database column and its CSV column. */
export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
