/**
 * Asset rows as both stores read and write them (SQLite and PostgreSQL share the schema's
 * column names): the column of each field, the row -> Asset mapping, values -> columns.
 */
import type {
  Actor,
  Asset,
  AssetFieldName,
  AssetFields,
  AssetStatus,
  HistoryEntry,
  OpeningPeriod,
} from './asset_store.ts';
import type { CategoryId } from '../../contracts/register/taxonomy.ts';
import type { ProgrammeId } from '../../contracts/register/programmes.ts';
import { ASSET_FIELD_NAMES, snakeCase } from '../../contracts/register/asset.ts';

export interface AssetRow {
  id: number;
  uuid: string;
  organisation_name: string;
  service_name: string;
  description: string | null;
  category: string;
  programme: string | null;
  latitude: number;
  longitude: number;
  address: string | null;
  postcode: string | null;
  opening_times: string | null;
  opening_hours: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  accessibility: string | null;
  status: AssetStatus;
  status_reason: string | null;
  merged_into: number | null;
  last_verified: string | null;
  source: string;
  licence: string;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  consent_to_publish: number | boolean;
  external_id: string | null;
  external_id_type: string | null;
  pending_changes: string | null;
  withdrawal_requested: number | boolean;
  assured_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface HistoryRow {
  id: number;
  asset_id: number;
  at: string;
  actor_type: HistoryEntry['actorType'];
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  changes: string;
  note: string | null;
}

/** Column for each field (its snake-case name); the only place names meet SQL. */
export const COLUMNS = Object.fromEntries(
  ASSET_FIELD_NAMES.map((f) => [f, snakeCase(f)]),
) as Record<AssetFieldName, string>;

export const FIELD_NAMES: readonly AssetFieldName[] = ASSET_FIELD_NAMES;

// Never SELECT edit_token_hash into an Asset: it must not be able to leak into a response.
export const ASSET_COLUMNS = `id, uuid, ${Object.values(COLUMNS).join(', ')}, status, status_reason,
  merged_into, external_id, external_id_type, pending_changes, withdrawal_requested, assured_date, created_at,
  updated_at`;

export function toAsset(row: AssetRow): Asset {
  return {
    id: row.id,
    uuid: row.uuid,
    organisationName: row.organisation_name,
    serviceName: row.service_name,
    description: row.description,
    category: row.category as CategoryId,
    programme: (row.programme as ProgrammeId | null) ?? null,
    latitude: row.latitude,
    longitude: row.longitude,
    address: row.address,
    postcode: row.postcode,
    openingTimes: row.opening_times,
    openingHours: row.opening_hours ? (JSON.parse(row.opening_hours) as OpeningPeriod[]) : null,
    email: row.email,
    phone: row.phone,
    website: row.website,
    accessibility: row.accessibility,
    lastVerified: row.last_verified,
    source: row.source,
    licence: row.licence,
    consentToPublish: row.consent_to_publish === 1 || row.consent_to_publish === true,
    status: row.status,
    statusReason: row.status_reason,
    mergedInto: row.merged_into,
    externalId: row.external_id,
    externalIdType: row.external_id_type,
    pendingChanges: row.pending_changes
      ? (JSON.parse(row.pending_changes) as Partial<AssetFields>)
      : null,
    withdrawalRequested: row.withdrawal_requested === 1 || row.withdrawal_requested === true,
    assuredDate: row.assured_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type SqlValue = string | number | boolean | null;

export function toColumnValue<K extends AssetFieldName>(field: K, value: AssetFields[K]): SqlValue {
  if (value === null || value === undefined) return null;
  if (field === 'openingHours') return JSON.stringify(value);
  if (field === 'consentToPublish') return value ? 1 : 0;
  return value as string | number;
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function actorColumns(actor: Actor): [string, number | null] {
  switch (actor.type) {
    case 'moderator':
      return [actor.type, actor.userId];
    case 'import':
      return [actor.type, actor.userId];
    default:
      return [actor.type, null];
  }
}
